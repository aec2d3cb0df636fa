// What I receive in a call: one consumer per announced producer of the others, created paused on the
// SFU and resumed once the local consumer exists (no packet or key frame lost). Announcements go
// through a ConsumeQueue, so a producer announced before the receive transport exists (during a
// (re)join) is consumed when it opens instead of being dropped.
import type { Consumer, RtpParameters, Transport } from 'mediasoup-client/types';
import { CallError } from '../../shared/call/index.ts';
import { ConsumeQueue } from './consumeQueue.ts';
import { participantKey } from './e2ee/rotation.ts';
import type { ParticipantBook } from './participants.ts';
import type { SignalingClient } from './signaling.ts';
import type { CallMediaEncryption } from './e2ee/mediaEncryption.ts';
import { rendererLogger } from '../platform/log.ts';

/** A consume that failed for a passing reason (timeout, transport still connecting) is retried this often. */
const MAX_CONSUME_ATTEMPTS = 3;
const CONSUME_RETRY_MS = 1_000;

export interface ReceiverLink {
  signaling(): SignalingClient | null;
  transport(): Transport | null;
  generation(): number;
  changed(): void;
  /** A consumer of this generation is set up and resumed (the engine times the first one). */
  consumed(): void;
  /** Media encryption: it wraps each RTCRtpReceiver before the first frame is decoded (null: not encrypted). */
  encryption(): CallMediaEncryption | null;
}

export class MediaReceiver {
  private readonly consumers = new Map<string, Consumer>();
  private readonly attempts = new Map<string, number>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly queue = new ConsumeQueue((producerId) => this.track(this.consume(producerId, this.link.generation())));
  private cameraLayer = 2;
  private readonly link: ReceiverLink;
  private readonly book: ParticipantBook<MediaStreamTrack>;

  constructor(link: ReceiverLink, book: ParticipantBook<MediaStreamTrack>) {
    this.link = link;
    this.book = book;
  }

  private track(p: Promise<void>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  announce(producerId: string): void {
    this.queue.announce(producerId);
  }

  /** The receive transport exists: consume what was announced; resolves once those consumers are set up. */
  async open(): Promise<void> {
    this.queue.open();
    await Promise.all([...this.inFlight]);
  }

  private async consume(producerId: string, gen: number): Promise<void> {
    const sig = this.link.signaling();
    const recv = this.link.transport();
    if (!sig || !recv) {
      // Cannot happen while the queue is open, but never lose the announcement.
      this.queue.failed(producerId);
      return;
    }
    try {
      // A camera comes at the layer the tiles need from its first packet: no second request before resume.
      const camera = this.book.producer(producerId)?.source === 'camera';
      const info = await sig.request('consume', {
        transportId: recv.id,
        producerId,
        ...(camera ? { spatialLayer: this.cameraLayer } : {}),
      });
      if (gen !== this.link.generation()) return;
      const encryption = this.link.encryption();
      const from = this.book.senderOf(producerId);
      const consumer = await recv.consume({
        id: info.consumerId,
        producerId,
        kind: info.kind,
        rtpParameters: info.rtpParameters as RtpParameters,
        ...(encryption && from
          ? { onRtpReceiver: (receiver: RTCRtpReceiver) => encryption.attachReceiver(receiver, info.kind, from) }
          : {}),
      });
      if (gen !== this.link.generation() || !this.book.producer(producerId)) {
        consumer.close();
        return;
      }
      this.consumers.set(consumer.id, consumer);
      this.attempts.delete(producerId);
      this.book.setTrack(producerId, consumer.track);
      this.link.changed();
      await sig.request('resumeConsumer', { consumerId: consumer.id });
      if (gen === this.link.generation()) this.link.consumed();
    } catch (error) {
      if (gen !== this.link.generation()) return;
      this.queue.failed(producerId);
      // Gone meanwhile, or codecs we cannot receive: that one stream is missing, the call goes on.
      if (error instanceof CallError && (error.code === 'not-found' || error.code === 'cannot-consume')) return;
      const attempt = (this.attempts.get(producerId) ?? 0) + 1;
      this.attempts.set(producerId, attempt);
      if (attempt < MAX_CONSUME_ATTEMPTS)
        setTimeout(() => {
          if (gen === this.link.generation() && this.book.producer(producerId)) this.announce(producerId);
        }, CONSUME_RETRY_MS);
    }
  }

  /** Which simulcast layer camera tiles need (0 smallest … 2 full). */
  setCameraLayer(spatialLayer: number): void {
    if (spatialLayer === this.cameraLayer) return;
    this.cameraLayer = spatialLayer;
    const sig = this.link.signaling();
    if (!sig) return;
    for (const consumer of this.consumers.values())
      if (consumer.kind === 'video' && this.book.producer(consumer.producerId)?.source === 'camera')
        void this.preferLayer(sig, consumer.id);
  }

  private async preferLayer(sig: SignalingClient, consumerId: string): Promise<void> {
    await sig
      .request('setConsumerPreferredLayers', { consumerId, spatialLayer: this.cameraLayer })
      .catch(rendererLogger('calls').swallow('asking for a video layer', 'info'));
  }

  /** Asks the SFU for a key frame of each video stream `participant` (participantKey) sends me. */
  requestKeyFrames(participant: string): void {
    const sig = this.link.signaling();
    if (!sig) return;
    for (const consumer of this.consumers.values()) {
      const from = this.book.senderOf(consumer.producerId);
      if (consumer.kind !== 'video' || !from || participantKey(from.userId, from.deviceId) !== participant) continue;
      void sig
        .request('requestConsumerKeyFrame', { consumerId: consumer.id })
        .catch(rendererLogger('calls').swallow('asking for a key frame', 'info'));
    }
  }

  /** The producer closed or its peer left. */
  drop(producerId: string): void {
    this.queue.forget(producerId);
    this.attempts.delete(producerId);
    for (const [id, consumer] of this.consumers) {
      if (consumer.producerId !== producerId) continue;
      consumer.close();
      this.consumers.delete(id);
    }
    this.book.removeProducer(producerId);
  }

  /** The generation ended (re-join or leave): every consumer goes with its transport. */
  reset(): void {
    for (const consumer of this.consumers.values()) consumer.close();
    this.consumers.clear();
    this.attempts.clear();
    this.queue.reset();
  }
}
