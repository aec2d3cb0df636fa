// What I receive in a call: one consumer per announced producer of the others, created paused on the
// SFU and resumed once the local consumer exists (no packet or key frame lost). Announcements go
// through a ConsumeQueue, so a producer announced before the receive transport exists (during a
// (re)join) is consumed when it opens instead of being dropped. What stays paused at the SFU, and at
// which layer each camera comes, follows the subscription plan (subscriptionPlan.ts): a paused
// consumer has no track in the book, so its tile shows the person's initial, never a frozen frame.
import type { Consumer, RtpParameters, Transport } from 'mediasoup-client/types';
import { CallError } from '../../shared/call/index.ts';
import { ConsumeQueue } from './consumeQueue.ts';
import { participantKey } from './e2ee/rotation.ts';
import type { ParticipantBook } from './participants.ts';
import type { SignalingClient } from './signaling.ts';
import type { CallMediaEncryption } from './e2ee/mediaEncryption.ts';
import type { Decision } from './subscriptionPlan.ts';
import { rendererLogger } from '../platform/log.ts';

/** A consume that failed for a passing reason (timeout, transport still connecting) is retried this often. */
const MAX_CONSUME_ATTEMPTS = 3;
const CONSUME_RETRY_MS = 1_000;
/** The camera layer before the call screen has said what it shows (the largest: the old default). */
const DEFAULT_CAMERA_LAYER = 2;
const RESUMED: Decision = { paused: false };

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
  private plan: ReadonlyMap<string, Decision> = new Map();
  /** What the SFU was last asked for each consumer (paused or not, and the camera layer). */
  private readonly applied = new Map<string, { paused: boolean; layer: number | undefined }>();
  /** Requests for one consumer go one after the other, each reading the latest plan when it runs. */
  private readonly chains = new Map<string, Promise<void>>();
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
      // A camera comes at the layer its tile needs from its first packet: no second request before resume.
      const camera = this.book.producer(producerId)?.source === 'camera';
      const wanted = this.decision(producerId);
      const layer = camera ? ((wanted.paused ? undefined : wanted.spatialLayer) ?? DEFAULT_CAMERA_LAYER) : undefined;
      const info = await sig.request('consume', {
        transportId: recv.id,
        producerId,
        ...(layer === undefined ? {} : { spatialLayer: layer }),
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
      // Created paused at the SFU; resumed now only if it is still wanted (the plan may have moved on).
      this.applied.set(consumer.id, { paused: true, layer });
      await this.reconcile(consumer);
      if (gen === this.link.generation() && this.applied.get(consumer.id)?.paused === false) this.link.consumed();
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

  /** What to receive (subscriptionPlan.ts): only the consumers whose decision changed cost a request. */
  applyPlan(plan: ReadonlyMap<string, Decision>): void {
    this.plan = plan;
    for (const consumer of this.consumers.values()) void this.reconcile(consumer);
  }

  private decision(producerId: string): Decision {
    return this.plan.get(producerId) ?? RESUMED;
  }

  private reconcile(consumer: Consumer): Promise<void> {
    const next = (this.chains.get(consumer.id) ?? Promise.resolve())
      .then(() => this.step(consumer))
      .catch(rendererLogger('calls').swallow('pausing or resuming a stream', 'info'));
    this.chains.set(consumer.id, next);
    return next;
  }

  /** Brings one consumer to the plan: pause what left the screen; set the layer, then resume what came back. */
  private async step(consumer: Consumer): Promise<void> {
    const sig = this.link.signaling();
    const have = this.applied.get(consumer.id);
    if (!sig || !have || consumer.closed) return;
    const want = this.decision(consumer.producerId);
    const consumerId = consumer.id;
    if (want.paused) {
      if (have.paused) return;
      have.paused = true;
      this.book.setTrack(consumer.producerId, null);
      this.link.changed();
      // Failed: still flowing, which costs bandwidth but shows nothing wrong; the next plan tries again.
      await sig.request('pauseConsumer', { consumerId }).catch((error: unknown) => {
        have.paused = false;
        throw error;
      });
      return;
    }
    if (consumer.kind === 'video' && want.spatialLayer !== undefined && want.spatialLayer !== have.layer) {
      have.layer = want.spatialLayer;
      await sig.request('setConsumerPreferredLayers', { consumerId, spatialLayer: want.spatialLayer }).catch(() => {
        // A wrong layer is a quality matter, not a reason to keep the stream paused: go on, retry next plan.
        have.layer = undefined;
      });
    }
    if (!have.paused) return;
    have.paused = false;
    await sig.request('resumeConsumer', { consumerId }).catch((error: unknown) => {
      have.paused = true;
      throw error;
    });
    // Dropped meanwhile (its producer closed, or a re-join): that consumer has no tile any more.
    if (this.applied.get(consumerId) !== have) return;
    this.book.setTrack(consumer.producerId, consumer.track);
    this.link.changed();
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
      this.applied.delete(id);
      this.chains.delete(id);
    }
    this.book.removeProducer(producerId);
  }

  /** The generation ended (re-join or leave): every consumer goes with its transport. */
  reset(): void {
    for (const consumer of this.consumers.values()) consumer.close();
    this.consumers.clear();
    this.applied.clear();
    this.chains.clear();
    this.attempts.clear();
    this.queue.reset();
  }
}
