// One call = one Matrix room's participants on one mediasoup router. The Call keeps every peer told
// about the others: new peers, what they produce, pauses and closes, the dominant speaker.
import type { types } from 'mediasoup';
import {
  CallError,
  type CallNotificationData,
  type CallNotificationMethod,
  type CallResponseData,
  type MediaSource,
  type PeerInfo,
} from '../../src/shared/call/index.ts';
import type { SfuConfig } from './config.ts';
import type { Logger } from './log.ts';
import { MEDIA_CODECS } from './mediaCodecs.ts';
import type { Peer, TransportDirection } from './peer.ts';
import type { WorkerSlot } from './workerPool.ts';

export type EvictionReason = 'worker-died' | 'server-shutdown';

export class Call {
  readonly roomId: string;
  readonly slot: WorkerSlot;
  readonly router: types.Router;
  readonly peers = new Map<string, Peer>();
  private readonly speakers: types.ActiveSpeakerObserver;
  private readonly logger: Logger;
  /** Set once the call's media is gone: no more per-object notifications, peers are evicted instead. */
  closed = false;

  private constructor(
    roomId: string,
    slot: WorkerSlot,
    router: types.Router,
    speakers: types.ActiveSpeakerObserver,
    logger: Logger,
  ) {
    this.roomId = roomId;
    this.slot = slot;
    this.router = router;
    this.speakers = speakers;
    this.logger = logger;
    speakers.on('dominantspeaker', ({ producer }: types.ActiveSpeakerObserverActivity) => {
      const owner = this.ownerOf(producer.id);
      if (owner) this.broadcast(null, 'activeSpeaker', { peerId: owner.id });
    });
  }

  static async create(roomId: string, slot: WorkerSlot & { worker: types.Worker }, logger: Logger): Promise<Call> {
    const router = await slot.worker.createRouter({ mediaCodecs: MEDIA_CODECS });
    const speakers = await router.createActiveSpeakerObserver({ interval: 300 });
    return new Call(roomId, slot, router, speakers, logger);
  }

  broadcast<N extends CallNotificationMethod>(except: Peer | null, method: N, data: CallNotificationData<N>): void {
    if (this.closed) return;
    for (const peer of this.peers.values()) if (peer !== except) peer.notify(method, data);
  }

  /** Adds a peer and tells the others; returns who was already there. */
  addPeer(peer: Peer): PeerInfo[] {
    const others = [...this.peers.values()].map((other) => other.info());
    this.peers.set(peer.id, peer);
    this.slot.load++;
    this.broadcast(peer, 'newPeer', { peer: peer.info() });
    return others;
  }

  /** `removed`: the SFU took the peer out (its user lost room membership), as the others are told. */
  removePeer(peer: Peer, why: 'left' | 'removed' = 'left'): void {
    if (this.peers.get(peer.id) !== peer) return;
    for (const { producer } of [...peer.producers.values()]) this.closeProducer(peer, producer.id);
    peer.closeMedia();
    this.peers.delete(peer.id);
    this.slot.load = Math.max(0, this.slot.load - 1);
    this.broadcast(null, 'peerLeft', why === 'removed' ? { peerId: peer.id, reason: 'removed' } : { peerId: peer.id });
  }

  /** This user's peers in the call (one per device). */
  peersOf(userId: string): Peer[] {
    return [...this.peers.values()].filter((peer) => peer.userId === userId);
  }

  async createTransport(
    peer: Peer,
    direction: TransportDirection,
    rtc: SfuConfig['rtc'],
    options: { forceTcp?: boolean | undefined; enableSctp: boolean; onClose: () => void },
  ): Promise<CallResponseData<'createWebRtcTransport'>> {
    const listenIp: types.TransportListenIp = { ip: rtc.listenIp };
    if (rtc.announcedIp) listenIp.announcedIp = rtc.announcedIp;
    const transport = await this.router.createWebRtcTransport({
      listenIps: [listenIp],
      enableUdp: !options.forceTcp,
      enableTcp: rtc.enableTcp || Boolean(options.forceTcp),
      preferUdp: true,
      initialAvailableOutgoingBitrate: rtc.initialAvailableOutgoingBitrate,
      enableSctp: options.enableSctp,
    });
    peer.transports.set(transport.id, { transport, direction });
    // Closed by the peer's end, its router's or the worker's: the port is free again.
    transport.observer.once('close', options.onClose);
    transport.on('routerclose', () => peer.transports.delete(transport.id));
    const result: CallResponseData<'createWebRtcTransport'> = {
      transportId: transport.id,
      iceParameters: transport.iceParameters,
      iceCandidates: transport.iceCandidates,
      dtlsParameters: transport.dtlsParameters,
    };
    if (transport.sctpParameters) result.sctpParameters = transport.sctpParameters;
    return result;
  }

  async produce(
    peer: Peer,
    request: {
      transportId: string;
      kind: types.MediaKind;
      rtpParameters: types.RtpParameters;
      source: MediaSource;
      paused?: boolean | undefined;
    },
  ): Promise<string> {
    const transport = peer.transport(request.transportId, 'send');
    const producer = await transport.produce({
      kind: request.kind,
      rtpParameters: request.rtpParameters,
      paused: Boolean(request.paused),
    });
    // The peer may have been taken out of the call while mediasoup created it.
    if (this.peers.get(peer.id) !== peer) {
      producer.close();
      throw new CallError('not-joined', 'No longer in this call');
    }
    peer.producers.set(producer.id, { producer, source: request.source });
    producer.on('transportclose', () => peer.producers.delete(producer.id));
    producer.on('score', (score: types.ProducerScore[]) => {
      if (!this.closed) peer.notify('producerScore', { producerId: producer.id, score });
    });
    if (producer.kind === 'audio') {
      await this.speakers.addProducer({ producerId: producer.id }).catch((error: unknown) => {
        this.logger.warn(`active speaker observer refused ${producer.id}: ${String(error)}`);
      });
    }
    this.broadcast(peer, 'newProducer', {
      peerId: peer.id,
      producerId: producer.id,
      kind: producer.kind,
      source: request.source,
      paused: producer.paused,
    });
    return producer.id;
  }

  closeProducer(peer: Peer, producerId: string): void {
    const { producer } = peer.producer(producerId);
    producer.close();
    peer.producers.delete(producerId);
    this.broadcast(peer, 'producerClosed', { peerId: peer.id, producerId });
  }

  async setProducerPaused(peer: Peer, producerId: string, paused: boolean): Promise<void> {
    const { producer } = peer.producer(producerId);
    if (paused) await producer.pause();
    else await producer.resume();
    this.broadcast(peer, paused ? 'producerPaused' : 'producerResumed', { peerId: peer.id, producerId });
  }

  /**
   * Creates a consumer *paused*: the client resumes it once its local consumer exists, so no packet (or keyframe) is lost.
   * `spatialLayer`: the best simulcast/SVC layer the client wants (mediasoup ignores it for a plain stream).
   */
  async consume(
    peer: Peer,
    transportId: string,
    producerId: string,
    spatialLayer?: number,
  ): Promise<CallResponseData<'consume'>> {
    const transport = peer.transport(transportId, 'recv');
    const owner = this.ownerOf(producerId);
    const owned = owner?.producers.get(producerId);
    if (!owner || !owned) throw new CallError('not-found', `No producer ${producerId} in this call`);
    if (owner === peer) throw new CallError('bad-request', 'A peer does not consume its own producer');
    if (!this.router.canConsume({ producerId, rtpCapabilities: peer.rtpCapabilities })) {
      throw new CallError(
        'cannot-consume',
        `This client cannot receive ${owned.producer.kind} producer ${producerId} (no common codec)`,
      );
    }
    const consumer = await transport.consume({
      producerId,
      rtpCapabilities: peer.rtpCapabilities,
      paused: true,
      ...(spatialLayer === undefined ? {} : { preferredLayers: { spatialLayer } }),
    });
    if (this.peers.get(peer.id) !== peer) {
      consumer.close();
      throw new CallError('not-joined', 'No longer in this call');
    }
    peer.consumers.set(consumer.id, { consumer, source: owned.source });
    const forget = () => peer.consumers.delete(consumer.id);
    consumer.on('transportclose', forget);
    consumer.on('producerclose', () => {
      forget();
      if (!this.closed) peer.notify('consumerClosed', { consumerId: consumer.id, producerId });
    });
    consumer.on('producerpause', () => !this.closed && peer.notify('consumerPaused', { consumerId: consumer.id }));
    consumer.on('producerresume', () => !this.closed && peer.notify('consumerResumed', { consumerId: consumer.id }));
    consumer.on('layerschange', (layers?: types.ConsumerLayers) => {
      if (this.closed) return;
      const data = layers ? { spatialLayer: layers.spatialLayer, temporalLayer: layers.temporalLayer } : null;
      peer.notify('consumerLayersChanged', { consumerId: consumer.id, layers: data });
    });
    return {
      consumerId: consumer.id,
      producerId,
      peerId: owner.id,
      kind: consumer.kind,
      source: owned.source,
      rtpParameters: consumer.rtpParameters,
      type: consumer.type,
      producerPaused: consumer.producerPaused,
    };
  }

  ownerOf(producerId: string): Peer | undefined {
    for (const peer of this.peers.values()) if (peer.producers.has(producerId)) return peer;
    return undefined;
  }

  /** The call's media is gone or going: every peer is told to re-join and forgotten. */
  evictAll(reason: EvictionReason): void {
    if (this.closed) return;
    this.closed = true;
    for (const peer of this.peers.values()) {
      peer.notify('callRestarting', { reason, retryAfterMs: reason === 'worker-died' ? 0 : 2000 });
      peer.closeMedia();
      peer.onEvicted(reason);
    }
    this.peers.clear();
    if (!this.router.closed) this.router.close();
  }

  /** An empty call frees its router. */
  close(): void {
    this.closed = true;
    if (!this.router.closed) this.router.close();
  }
}
