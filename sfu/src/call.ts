// One call = one Matrix room's participants, on one mediasoup router per worker it spans (one worker
// for a small call; a big one spreads, see topology/placement.ts). Every producer is piped into every
// router of the call, so each peer consumes from its own router. The Call keeps every peer told about
// the others: new peers, what they produce, pauses and closes, the dominant speaker.
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
import { missingPipes, pipeKey, pipesInvolving } from './topology/pipePlan.ts';
import { chooseWorker } from './topology/placement.ts';
import type { WorkerPool, WorkerSlot } from './workerPool.ts';

export type EvictionReason = 'worker-died' | 'server-shutdown';

/** One router of the call, on one worker; its peers' transports live on it. */
export interface CallRouter {
  readonly slot: WorkerSlot;
  /** The worker the router was made on (a slot's worker changes when it is replaced). */
  readonly worker: types.Worker;
  readonly router: types.Router;
  readonly speakers: types.ActiveSpeakerObserver;
  /** This call's peers placed on it, joined or still joining. */
  peers: number;
}

export interface CallOptions {
  pool: WorkerPool;
  /** A call fills its routers up to this many peers before spreading to another worker. */
  peersPerRouter: number;
  /** How long a placement waits for a replacement worker when none is alive. */
  waitForWorkerMs: number;
  logger: Logger;
}

/**
 * What happens to this node's own participants, for the cluster to tell the other nodes
 * (cluster/clusterNode.ts). Never called for remote peers.
 */
export interface CallEvents {
  peerJoined(peer: Peer): void;
  /** `replaced`: the same device joined again (its new peer is announced next). */
  peerLeft(peer: Peer, replaced: boolean): void;
  producerAdded(peer: Peer, producerId: string): void;
  producerClosed(peer: Peer, producerId: string): void;
  producerPaused(peer: Peer, producerId: string, paused: boolean): void;
  /** The call ended on this node (its routers are gone). */
  ended(): void;
}

export class Call {
  readonly roomId: string;
  readonly peers = new Map<string, Peer>();
  /** By worker slot index: at most one router of the call per worker. */
  private readonly routers = new Map<number, CallRouter>();
  private readonly creatingRouter = new Map<number, Promise<CallRouter>>();
  /** Each placed peer's router, from placement (before it joins) until it leaves. */
  private readonly homes = new Map<string, CallRouter>();
  /** pipeKey(producer, router) of every pipe made or under way (see topology/pipePlan.ts). */
  private readonly piped = new Set<string>();
  /** Pipe runs are serialised, so two runs never pipe the same producer into the same router. */
  private piping: Promise<void> = Promise.resolve();
  /** Placements under way (counted before their first await: see hasLocalParticipants). */
  private placing = 0;
  private readonly options: CallOptions;
  private readonly logger: Logger;
  /** Set once the call's media is gone: no more per-object notifications, peers are evicted instead. */
  closed = false;
  /** Multi-node only: told about local participants' changes. */
  events: CallEvents | null = null;

  constructor(roomId: string, options: CallOptions) {
    this.roomId = roomId;
    this.options = options;
    this.logger = options.logger;
  }

  /** The routers of the call (tests, health). */
  get routerList(): readonly CallRouter[] {
    return [...this.routers.values()];
  }

  /** The router a peer's transports are created on. */
  routerOf(peerId: string): types.Router {
    const home = this.homes.get(peerId);
    if (!home) throw new CallError('not-joined', 'Not in this call');
    return home.router;
  }

  /** Peers joined or joining: what the per-call cap counts. */
  get size(): number {
    return this.homes.size;
  }

  get empty(): boolean {
    return this.homes.size === 0 && this.peers.size === 0;
  }

  /** True when one of the call's routers lives on this worker. */
  usesWorker(slot: WorkerSlot): boolean {
    return [...this.routers.values()].some((router) => router.slot === slot);
  }

  /**
   * Picks the newcomer's router (creating it and piping the call's producers into it when the call
   * had none on that worker). Counted at once, so concurrent joins see each other's load.
   */
  async place(peerId: string): Promise<void> {
    this.placing++;
    try {
      await this.placeNow(peerId);
    } finally {
      this.placing--;
    }
  }

  /** This node's own participants, joined or joining (remote peers alone do not keep a call here). */
  get hasLocalParticipants(): boolean {
    return this.placing > 0 || [...this.peers.values()].some((peer) => peer.node === null);
  }

  private async placeNow(peerId: string): Promise<void> {
    const { pool } = this.options;
    // No live worker (all crashed): wait for a replacement instead of failing the re-join.
    await pool.leastLoadedWhenAlive(this.options.waitForWorkerMs);
    const index = chooseWorker(
      pool.slots.map((slot) => ({ index: slot.index, alive: slot.worker !== null, load: slot.load })),
      [...this.routers.values()].map((router) => ({ workerIndex: router.slot.index, peers: router.peers })),
      this.options.peersPerRouter,
    );
    const slot = index === null ? undefined : pool.slots[index];
    if (!slot?.worker) throw new CallError('call-restarting', 'No media worker is alive; join again');
    slot.load++;
    let home: CallRouter;
    try {
      home = await this.routerOn(slot as WorkerSlot & { worker: types.Worker });
    } catch (error) {
      slot.load = Math.max(0, slot.load - 1);
      throw error;
    }
    home.peers++;
    this.homes.set(peerId, home);
  }

  /** A placement whose join failed: its share of the router is given back. */
  cancelPlacement(peerId: string): void {
    if (this.peers.has(peerId)) return;
    this.unplace(peerId);
  }

  private unplace(peerId: string): void {
    const home = this.homes.get(peerId);
    if (!home) return;
    this.homes.delete(peerId);
    home.peers = Math.max(0, home.peers - 1);
    if (home.slot.worker === home.worker) home.slot.load = Math.max(0, home.slot.load - 1);
    // A router nobody is on goes, with its pipes; the call's last router goes when the call does.
    if (home.peers === 0 && this.routers.size > 1 && this.routers.get(home.slot.index) === home) {
      this.routers.delete(home.slot.index);
      for (const key of pipesInvolving(this.piped, { routerId: home.router.id })) this.piped.delete(key);
      home.router.close();
      this.logger.info(`call for ${this.roomId}: router on worker ${home.slot.index} closed (nobody left on it)`);
    }
  }

  private routerOn(slot: WorkerSlot & { worker: types.Worker }): Promise<CallRouter> {
    const existing = this.routers.get(slot.index);
    if (existing && existing.worker === slot.worker && !existing.router.closed) return Promise.resolve(existing);
    const pending = this.creatingRouter.get(slot.index);
    if (pending) return pending;
    const creation = this.createRouter(slot).finally(() => this.creatingRouter.delete(slot.index));
    this.creatingRouter.set(slot.index, creation);
    return creation;
  }

  private async createRouter(slot: WorkerSlot & { worker: types.Worker }): Promise<CallRouter> {
    const worker = slot.worker;
    const router = await worker.createRouter({ mediaCodecs: MEDIA_CODECS });
    const speakers = await router.createActiveSpeakerObserver({ interval: 300 });
    // One observer per router, fed by the producers at home there; whoever it names is told to everyone.
    speakers.on('dominantspeaker', ({ producer }: types.ActiveSpeakerObserverActivity) => {
      const owner = this.ownerOf(producer.id);
      if (owner) this.broadcast(null, 'activeSpeaker', { peerId: owner.id });
    });
    if (this.closed) {
      router.close();
      throw new CallError('call-restarting', 'The call is restarting; join again');
    }
    const created: CallRouter = { slot, worker, router, speakers, peers: 0 };
    this.routers.set(slot.index, created);
    if (this.routers.size > 1) this.logger.info(`call for ${this.roomId} spans ${this.routers.size} workers`);
    // The newcomer may consume every existing producer as soon as its join is answered.
    await this.syncPipes();
    return created;
  }

  /** Pipes every producer into every router of the call that lacks it (serialised runs). */
  private syncPipes(): Promise<void> {
    const run = this.piping.then(async () => {
      const routers = new Map([...this.routers.values()].map((router) => [router.router.id, router.router]));
      const producers: { producerId: string; homeRouterId: string }[] = [];
      for (const peer of this.peers.values()) {
        const home = this.homes.get(peer.id);
        if (!home) continue;
        for (const producerId of peer.producers.keys()) producers.push({ producerId, homeRouterId: home.router.id });
      }
      for (const pipe of missingPipes(producers, [...routers.keys()], this.piped)) {
        const from = routers.get(pipe.from);
        const to = routers.get(pipe.to);
        if (!from || !to || from.closed || to.closed) continue;
        this.piped.add(pipeKey(pipe.producerId, pipe.to));
        try {
          await from.pipeToRouter({ producerId: pipe.producerId, router: to });
        } catch (error) {
          // The producer or a router closed meanwhile: nothing left to pipe.
          this.piped.delete(pipeKey(pipe.producerId, pipe.to));
          this.logger.debug(`pipe of ${pipe.producerId} not made: ${String(error)}`);
        }
      }
    });
    this.piping = run.catch(() => undefined);
    return run;
  }

  broadcast<N extends CallNotificationMethod>(except: Peer | null, method: N, data: CallNotificationData<N>): void {
    if (this.closed) return;
    for (const peer of this.peers.values()) if (peer !== except) peer.notify(method, data);
  }

  /** Adds a placed peer and tells the others; returns who was already there. */
  addPeer(peer: Peer): PeerInfo[] {
    if (!this.homes.has(peer.id)) throw new CallError('internal', `Peer ${peer.id} was not placed`);
    const others = [...this.peers.values()].map((other) => other.info());
    this.peers.set(peer.id, peer);
    this.broadcast(peer, 'newPeer', { peer: peer.info() });
    if (peer.node === null) this.events?.peerJoined(peer);
    return others;
  }

  /**
   * `removed`: the SFU took the peer out (its user lost room membership), as the others are told.
   * `replaced`: the same device joined again, and the others are told its new peer follows.
   */
  removePeer(peer: Peer, why: 'left' | 'removed' | 'replaced' = 'left'): void {
    if (this.peers.get(peer.id) !== peer) return;
    for (const { producer } of [...peer.producers.values()]) this.closeProducer(peer, producer.id);
    peer.closeMedia();
    this.peers.delete(peer.id);
    this.unplace(peer.id);
    if (peer.node === null) this.events?.peerLeft(peer, why === 'replaced');
    this.broadcast(
      null,
      'peerLeft',
      why === 'removed'
        ? { peerId: peer.id, reason: 'removed' }
        : why === 'replaced'
          ? { peerId: peer.id, replaced: true }
          : { peerId: peer.id },
    );
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
    const transport = await this.routerOf(peer.id).createWebRtcTransport({
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
    producer.observer.once('close', () => {
      for (const key of pipesInvolving(this.piped, { producerId: producer.id })) this.piped.delete(key);
    });
    if (producer.kind === 'audio') {
      await this.homes
        .get(peer.id)
        ?.speakers.addProducer({ producerId: producer.id })
        .catch((error: unknown) => {
          this.logger.warn(`active speaker observer refused ${producer.id}: ${String(error)}`);
        });
    }
    // Peers on the call's other routers consume it from their own router: piped before it is announced.
    if (this.routers.size > 1) await this.syncPipes();
    this.broadcast(peer, 'newProducer', {
      peerId: peer.id,
      producerId: producer.id,
      kind: producer.kind,
      source: request.source,
      paused: producer.paused,
    });
    this.events?.producerAdded(peer, producer.id);
    return producer.id;
  }

  /**
   * Multi-node: a participant of another node. All of them live on the call's first router, where
   * the pipe transports from their nodes end; from there their producers are piped like local ones.
   */
  async addRemotePeer(peer: Peer): Promise<void> {
    const first = this.routers.values().next();
    if (first.done) await this.place(peer.id);
    else {
      first.value.peers++;
      first.value.slot.load++;
      this.homes.set(peer.id, first.value);
    }
    if (this.closed) throw new CallError('call-restarting', 'The call is restarting');
    this.addPeer(peer);
  }

  /** Multi-node: a remote peer's producer, arrived through a pipe transport on its home router. */
  async addRemoteProducer(peer: Peer, producer: types.Producer, source: MediaSource): Promise<void> {
    peer.producers.set(producer.id, { producer, source });
    producer.on('transportclose', () => peer.producers.delete(producer.id));
    producer.observer.once('close', () => {
      for (const key of pipesInvolving(this.piped, { producerId: producer.id })) this.piped.delete(key);
    });
    // Every node observes the call's whole audio, so all its peers hear of the same dominant speaker.
    if (producer.kind === 'audio') await this.homes.get(peer.id)?.speakers.addProducer({ producerId: producer.id });
    if (this.routers.size > 1) await this.syncPipes();
    this.broadcast(peer, 'newProducer', {
      peerId: peer.id,
      producerId: producer.id,
      kind: producer.kind,
      source,
      paused: producer.paused,
    });
  }

  closeProducer(peer: Peer, producerId: string): void {
    const { producer } = peer.producer(producerId);
    producer.close();
    peer.producers.delete(producerId);
    if (peer.node === null) this.events?.producerClosed(peer, producerId);
    this.broadcast(peer, 'producerClosed', { peerId: peer.id, producerId });
  }

  async setProducerPaused(peer: Peer, producerId: string, paused: boolean): Promise<void> {
    const { producer } = peer.producer(producerId);
    if (paused) await producer.pause();
    else await producer.resume();
    if (peer.node === null) this.events?.producerPaused(peer, producerId, paused);
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
    if (!this.routerOf(peer.id).canConsume({ producerId, rtpCapabilities: peer.rtpCapabilities })) {
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
    this.closeRouters();
  }

  /** An empty call frees its routers. */
  close(): void {
    this.closed = true;
    this.closeRouters();
  }

  /** The router remote peers live on (multi-node pipe transports end there), if the call has one. */
  gatewayRouter(): types.Router | null {
    const first = this.routers.values().next();
    return first.done ? null : first.value.router;
  }

  private closeRouters(): void {
    if (this.events) {
      const events = this.events;
      this.events = null;
      events.ended();
    }
    for (const peerId of [...this.homes.keys()]) this.unplace(peerId);
    for (const { router } of this.routers.values()) if (!router.closed) router.close();
    this.routers.clear();
    this.piped.clear();
  }
}
