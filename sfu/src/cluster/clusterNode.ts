// One call across SFU nodes (multi-node mode, on when `cluster.redis` is configured). Each node
// hosts the participants whose WebSocket it accepted; the call's other participants appear on it as
// remote peers, announced over the call's Redis channel, whose producers arrive through mediasoup
// pipe transports from their node (one pair per room and pair of nodes, opened by the receiving
// side). A node whose registration expires (it died) loses its remote peers everywhere within a
// heartbeat or two; its participants' clients reconnect — through the load balancer — to a live node.
import type { types } from 'mediasoup';
import type { Call, CallEvents } from '../call.ts';
import type { CallRegistry } from '../callRegistry.ts';
import type { Logger } from '../log.ts';
import { Peer } from '../peer.ts';
import { ClusterBus } from './bus.ts';
import {
  callChannel,
  callMessageSchema,
  callNodesKey,
  parseMessage,
  pipeConsumeReplySchema,
  pipeOpenReplySchema,
  type AnnouncedPeer,
  type CallMessage,
  type NodeMessage,
} from './messages.ts';

export interface ClusterSettings {
  redis: string;
  nodeId: string;
  /** Local address pipe transports listen on, and the address other nodes reach them at. */
  pipeListenIp: string;
  pipeAnnouncedIp?: string | undefined;
  wsUrl?: string | undefined;
  heartbeatMs: number;
  nodeTtlMs: number;
}

interface RoomLinks {
  /** Our ends receiving each other node's producers, by node id (opened by us). */
  incoming: Map<string, Promise<types.PipeTransport>>;
  /** Our ends sending our producers to each other node, by node id (opened at their request). */
  outgoing: Map<string, types.PipeTransport>;
}

export class ClusterNode {
  readonly id: string;
  private readonly settings: ClusterSettings;
  private readonly registry: CallRegistry;
  private readonly logger: Logger;
  private bus: ClusterBus | null = null;
  private readonly links = new Map<string, RoomLinks>();
  /** Per room, the bus work in order (subscribe before hello, announce in the order things happened). */
  private readonly queues = new Map<string, Promise<void>>();
  private watchdog: ReturnType<typeof setInterval> | null = null;

  private constructor(settings: ClusterSettings, registry: CallRegistry, logger: Logger) {
    this.id = settings.nodeId;
    this.settings = settings;
    this.registry = registry;
    this.logger = logger;
  }

  static async start(
    settings: ClusterSettings,
    registry: CallRegistry,
    load: () => number,
    logger: Logger,
  ): Promise<ClusterNode> {
    const node = new ClusterNode(settings, registry, logger);
    node.bus = await ClusterBus.start({
      url: settings.redis,
      nodeId: settings.nodeId,
      heartbeatMs: settings.heartbeatMs,
      nodeTtlMs: settings.nodeTtlMs,
      registration: () => ({ id: settings.nodeId, wsUrl: settings.wsUrl ?? null, load: load() }),
      onRequest: (request) => node.onRequest(request),
      logger,
    });
    node.watchdog = setInterval(() => void node.checkRemoteNodes(), settings.heartbeatMs);
    registry.observeCalls((call) => node.attach(call));
    logger.info(`cluster node ${settings.nodeId} registered in Redis`);
    return node;
  }

  async close(): Promise<void> {
    if (this.watchdog) clearInterval(this.watchdog);
    await Promise.allSettled([...this.queues.values()]);
    await this.bus?.close();
  }

  private get busOrThrow(): ClusterBus {
    if (!this.bus) throw new Error('cluster bus not started');
    return this.bus;
  }

  private enqueue(roomId: string, work: () => Promise<void>): void {
    const next = (this.queues.get(roomId) ?? Promise.resolve()).then(work).catch((error: unknown) => {
      this.logger.warn(`cluster (${roomId}): ${error instanceof Error ? error.message : String(error)}`);
    });
    this.queues.set(roomId, next);
  }

  private publish(roomId: string, message: CallMessage): Promise<void> {
    return this.busOrThrow.publish(callChannel(roomId), message);
  }

  /** A call started on this node: what its own participants do is told to the call's other nodes. */
  private attach(call: Call): void {
    const { roomId } = call;
    const node = this.id;
    let joinedCluster = false;
    const events: CallEvents = {
      peerJoined: (peer) =>
        this.enqueue(roomId, async () => {
          if (!joinedCluster) {
            joinedCluster = true;
            await this.busOrThrow.subscribe(callChannel(roomId), (text) => this.onCallMessage(call, text));
            await this.busOrThrow.redis.sadd(callNodesKey(roomId), node);
            await this.publish(roomId, { type: 'hello', node, roomId });
          }
          await this.publish(roomId, { type: 'peers', node, roomId, joined: true, peers: [announce(peer)] });
        }),
      peerLeft: (peer, replaced) => {
        this.enqueue(roomId, () =>
          this.publish(roomId, { type: 'peer-left', node, roomId, peerId: peer.id, ...(replaced ? { replaced } : {}) }),
        );
        // Remote peers alone do not keep a call on this node.
        queueMicrotask(() => this.endIfOnlyRemote(call));
      },
      producerAdded: (peer, producerId) => {
        const owned = peer.producers.get(producerId);
        if (!owned) return;
        const producer = { producerId, kind: owned.producer.kind, source: owned.source, paused: owned.producer.paused };
        this.enqueue(roomId, () => this.publish(roomId, { type: 'producer', node, roomId, peerId: peer.id, producer }));
      },
      producerClosed: (peer, producerId) =>
        this.enqueue(roomId, () => this.publish(roomId, { type: 'producer-closed', node, roomId, peerId: peer.id, producerId })),
      producerPaused: (peer, producerId, paused) =>
        this.enqueue(roomId, () =>
          this.publish(roomId, { type: 'producer-paused', node, roomId, peerId: peer.id, producerId, paused }),
        ),
      ended: () => {
        const links = this.links.get(roomId);
        this.links.delete(roomId);
        for (const transport of links?.outgoing.values() ?? []) transport.close();
        if (!joinedCluster) return;
        this.enqueue(roomId, async () => {
          await this.publish(roomId, { type: 'call-ended', node, roomId });
          await this.busOrThrow.unsubscribe(callChannel(roomId));
          await this.busOrThrow.redis.srem(callNodesKey(roomId), node);
        });
      },
    };
    call.events = events;
  }

  private onCallMessage(call: Call, text: string): void {
    const message = parseMessage(callMessageSchema, text);
    if (!message || message.node === this.id || call.closed) return;
    const from = message.node;
    const remote = (peerId: string) => {
      const peer = call.peers.get(peerId);
      return peer?.node === from ? peer : undefined;
    };
    switch (message.type) {
      case 'hello': {
        const peers = [...call.peers.values()].filter((peer) => peer.node === null).map(announce);
        if (peers.length > 0)
          this.enqueue(call.roomId, () =>
            this.publish(call.roomId, { type: 'peers', node: this.id, roomId: call.roomId, joined: false, peers }),
          );
        return;
      }
      case 'peers':
        for (const announced of message.peers) {
          // The same device joined through another node (its client reconnected elsewhere): the newer
          // connection wins, as on one node, and at once: its old peer may be a remote one of a node
          // that died, whose registration has not expired yet (the others would wait on its ghost).
          if (message.joined) this.replaceDevice(call, from, announced);
          this.enqueue(call.roomId, () => this.addRemotePeer(call, from, announced));
        }
        return;
      case 'peer-left': {
        const peer = remote(message.peerId);
        if (peer) call.removePeer(peer, message.replaced === true ? 'replaced' : 'left');
        return;
      }
      case 'producer': {
        const { producer } = message;
        const peer = remote(message.peerId);
        if (peer) this.enqueue(call.roomId, () => this.pullProducer(call, peer, producer));
        return;
      }
      case 'producer-closed': {
        const peer = remote(message.peerId);
        if (peer?.producers.has(message.producerId)) call.closeProducer(peer, message.producerId);
        return;
      }
      case 'producer-paused': {
        const peer = remote(message.peerId);
        if (peer?.producers.has(message.producerId))
          void call.setProducerPaused(peer, message.producerId, message.paused).catch(() => undefined);
        return;
      }
      case 'call-ended':
        this.dropNode(call, from);
        return;
    }
  }

  private async addRemotePeer(call: Call, from: string, announced: AnnouncedPeer): Promise<void> {
    if (call.closed || call.peers.has(announced.peerId)) return;
    const peer = new Peer({
      id: announced.peerId,
      userId: announced.userId,
      deviceId: announced.deviceId,
      displayName: announced.displayName,
      rtpCapabilities: { codecs: [], headerExtensions: [] },
      notify: () => undefined,
      onEvicted: () => undefined,
      onRemoved: () => undefined,
      node: from,
    });
    await call.addRemotePeer(peer);
    for (const producer of announced.producers) await this.pullProducer(call, peer, producer);
  }

  /** Brings a remote peer's producer here: over the room's pipe from its node, then to every router. */
  private async pullProducer(call: Call, peer: Peer, info: AnnouncedPeer['producers'][number]): Promise<void> {
    const stillThere = () => !call.closed && call.peers.get(peer.id) === peer;
    if (!stillThere() || peer.producers.has(info.producerId) || peer.node === null) return;
    const transport = await this.incomingLink(call, peer.node);
    const reply = pipeConsumeReplySchema.parse(
      await this.busOrThrow.request(peer.node, { type: 'pipe-consume', roomId: call.roomId, producerId: info.producerId }),
    );
    const producer = await transport.produce({
      id: info.producerId,
      kind: reply.kind,
      rtpParameters: reply.rtpParameters as unknown as types.RtpParameters,
      paused: reply.paused,
    });
    // The call or the peer may have gone while the pipe was made.
    if (!stillThere()) {
      producer.close();
      return;
    }
    await call.addRemoteProducer(peer, producer, info.source);
  }

  private roomLinks(roomId: string): RoomLinks {
    let links = this.links.get(roomId);
    if (!links) {
      links = { incoming: new Map(), outgoing: new Map() };
      this.links.set(roomId, links);
    }
    return links;
  }

  private incomingLink(call: Call, from: string): Promise<types.PipeTransport> {
    const links = this.roomLinks(call.roomId);
    const existing = links.incoming.get(from);
    if (existing) return existing;
    const opening = (async () => {
      const transport = await this.createPipeTransport(call);
      try {
        const reply = pipeOpenReplySchema.parse(
          await this.busOrThrow.request(from, {
            type: 'pipe-open',
            roomId: call.roomId,
            tuple: endOf(transport, this.announcedIp),
          }),
        );
        await transport.connect(reply.tuple);
        return transport;
      } catch (error) {
        transport.close();
        throw error;
      }
    })();
    links.incoming.set(from, opening);
    opening.catch(() => links.incoming.delete(from));
    return opening;
  }

  private get announcedIp(): string {
    return this.settings.pipeAnnouncedIp ?? this.settings.pipeListenIp;
  }

  private async createPipeTransport(call: Call): Promise<types.PipeTransport> {
    const router = call.gatewayRouter();
    if (!router) throw new Error(`no router for ${call.roomId} on this node`);
    const listenIp: types.TransportListenIp = { ip: this.settings.pipeListenIp };
    if (this.settings.pipeAnnouncedIp) listenIp.announcedIp = this.settings.pipeAnnouncedIp;
    // SRTP: media between nodes may cross a network that is not the host's own.
    return router.createPipeTransport({ listenIp, enableSrtp: true });
  }

  private async onRequest(
    request: Extract<NodeMessage, { type: 'pipe-open' | 'pipe-consume' }>,
  ): Promise<Record<string, unknown>> {
    const call = this.registry.find(request.roomId);
    if (!call || call.closed) throw new Error(`no call for ${request.roomId} on node ${this.id}`);
    const links = this.roomLinks(request.roomId);
    if (request.type === 'pipe-open') {
      const transport = await this.createPipeTransport(call);
      await transport.connect(request.tuple);
      links.outgoing.get(request.from)?.close();
      links.outgoing.set(request.from, transport);
      return { tuple: endOf(transport, this.announcedIp) };
    }
    const transport = links.outgoing.get(request.from);
    if (!transport) throw new Error(`no pipe to node ${request.from} for ${request.roomId}`);
    if (call.ownerOf(request.producerId)?.node !== null)
      throw new Error(`producer ${request.producerId} is not on node ${this.id}`);
    const consumer = await transport.consume({ producerId: request.producerId });
    return { kind: consumer.kind, rtpParameters: consumer.rtpParameters, paused: consumer.producerPaused };
  }

  /** That node left the call (or died): its participants leave it here, and its pipes close. */
  private dropNode(call: Call, nodeId: string): void {
    for (const peer of [...call.peers.values()]) if (peer.node === nodeId) call.removePeer(peer);
    const links = this.links.get(call.roomId);
    links?.outgoing.get(nodeId)?.close();
    links?.outgoing.delete(nodeId);
    const incoming = links?.incoming.get(nodeId);
    links?.incoming.delete(nodeId);
    void incoming?.then((transport) => transport.close()).catch(() => undefined);
  }

  /** The device's other peers, here or announced by another node, give way to the one `from` announced. */
  private replaceDevice(call: Call, from: string, announced: AnnouncedPeer): void {
    for (const other of call.peersOf(announced.userId)) {
      if (other.deviceId !== announced.deviceId || other.id === announced.peerId) continue;
      // That node replaced its own peer already and says so on the channel (peer-left).
      if (other.node === from) continue;
      call.removePeer(other, 'replaced');
      other.onEvicted('replaced');
    }
  }

  private endIfOnlyRemote(call: Call): void {
    if (call.closed || call.hasLocalParticipants) return;
    for (const other of [...call.peers.values()]) call.removePeer(other);
    this.registry.releaseIfEmpty(call);
  }

  /** Nodes whose registration expired are dead: their participants re-join elsewhere. */
  private async checkRemoteNodes(): Promise<void> {
    const byNode = new Map<string, Call[]>();
    for (const call of this.registry.all()) {
      // A join that failed after its call saw remote peers arrive leaves only them: not a call here.
      this.endIfOnlyRemote(call);
      for (const peer of call.peers.values()) {
        if (peer.node === null) continue;
        const calls = byNode.get(peer.node) ?? [];
        if (!calls.includes(call)) calls.push(call);
        byNode.set(peer.node, calls);
      }
    }
    for (const [nodeId, calls] of byNode) {
      const alive = await this.busOrThrow.isAlive(nodeId).catch(() => true);
      if (alive) continue;
      this.logger.warn(`cluster node ${nodeId} is gone: its participants leave the calls here`);
      for (const call of calls) {
        this.dropNode(call, nodeId);
        // Its share of the call's assignment goes too (any surviving node may do it; SREM is idempotent).
        await this.busOrThrow.redis.srem(callNodesKey(call.roomId), nodeId).catch(() => undefined);
      }
    }
  }
}

function endOf(transport: types.PipeTransport, ip: string) {
  const { srtpParameters } = transport;
  if (!srtpParameters) throw new Error('pipe transport without SRTP parameters');
  return { ip, port: transport.tuple.localPort, srtpParameters };
}

function announce(peer: Peer): AnnouncedPeer {
  const info = peer.info();
  return {
    peerId: info.peerId,
    userId: info.userId,
    deviceId: info.deviceId,
    ...(info.displayName === undefined ? {} : { displayName: info.displayName }),
    producers: info.producers,
  };
}
