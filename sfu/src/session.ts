// One signaling connection: parses each request, checks it is allowed in the current phase, runs
// it, and answers with data or a typed error. Every request gets exactly one answer.
import { randomUUID } from 'node:crypto';
import type { types } from 'mediasoup';
import {
  CallError,
  encodeErrorResponse,
  encodeNotification,
  encodeResponse,
  parseCallRequest,
  type CallMethod,
  type CallRequestData,
  type CallResponseData,
  type ParsedCallRequest,
} from '../../src/shared/call/index.ts';
import type { Call } from './call.ts';
import type { CallRegistry } from './callRegistry.ts';
import type { SfuConfig } from './config.ts';
import { iceServersFor } from './iceServers.ts';
import type { Logger } from './log.ts';
import type { Authenticate } from './matrixAuth.ts';
import { Peer, type Notify } from './peer.ts';
import { nextPhase, refuseInPhase, type SessionEvent, type SessionPhase } from './sessionPhase.ts';

export interface SessionDeps {
  config: SfuConfig;
  registry: CallRegistry;
  routerRtpCapabilities: () => types.RtpCapabilities;
  authenticate: Authenticate;
  logger: Logger;
  /** Sends one text frame (dropped when the socket is not open). */
  send: (text: string) => void;
  /** Closes the socket, e.g. when the join timeout passes or a newer connection replaces this one. */
  closeSocket: (code: number, reason: string) => void;
  /** Refuse new joins while the server stops. */
  isShuttingDown: () => boolean;
}

type Handlers = { [M in CallMethod]: (data: CallRequestData<M>) => Promise<CallResponseData<M>> };

export class Session {
  private phase: SessionPhase = 'connected';
  private peer: Peer | null = null;
  private call: Call | null = null;
  private joinTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly deps: SessionDeps;
  private readonly handlers: Handlers;

  constructor(deps: SessionDeps) {
    this.deps = deps;
    this.handlers = this.createHandlers();
    this.armJoinTimer();
  }

  get currentPhase(): SessionPhase {
    return this.phase;
  }

  async handleMessage(text: string): Promise<void> {
    const parsed = parseCallRequest(text);
    if (!parsed.ok) {
      if (parsed.id !== null) this.deps.send(encodeErrorResponse(parsed.id, parsed.error));
      return;
    }
    const { request } = parsed;
    try {
      const refusal = refuseInPhase(this.phase, request.method);
      if (refusal) throw refusal;
      const data = await this.dispatch(request);
      // Each handler's return type is checked against its method's response in `Handlers`.
      this.deps.send(encodeResponse(request.id, request.method, data as never));
    } catch (error) {
      this.deps.send(encodeErrorResponse(request.id, this.toCallError(request.method, error).toPayload()));
    }
  }

  /** The socket is gone: leave the call (the others are told). */
  socketClosed(): void {
    this.leaveCall();
    this.transition('socket-closed');
    this.clearJoinTimer();
  }

  private dispatch(request: ParsedCallRequest): Promise<unknown> {
    // The union of per-method handlers cannot be called with the union of requests without this
    // widening; parseCallRequest guarantees data matches request.method's schema.
    const handler = this.handlers[request.method] as (data: unknown) => Promise<unknown>;
    return handler(request.data);
  }

  private readonly notify: Notify = (method, data) => this.deps.send(encodeNotification(method, data));

  private transition(event: SessionEvent): void {
    this.phase = nextPhase(this.phase, event);
  }

  private joined(): { peer: Peer; call: Call } {
    if (!this.peer || !this.call) throw new CallError('not-joined', 'Not in a call');
    return { peer: this.peer, call: this.call };
  }

  private createHandlers(): Handlers {
    const { config } = this.deps;
    return {
      getRouterRtpCapabilities: () => Promise.resolve({ rtpCapabilities: this.deps.routerRtpCapabilities() }),
      join: (data) => this.join(data),
      createWebRtcTransport: ({ direction, forceTcp, sctpCapabilities }) => {
        const { peer, call } = this.joined();
        if (peer.transports.size >= 4) throw new CallError('bad-request', 'Too many transports for one peer');
        return call.createTransport(peer, direction, config.rtc, { forceTcp, enableSctp: sctpCapabilities !== undefined });
      },
      connectWebRtcTransport: async ({ transportId, dtlsParameters }) => {
        await this.joined()
          .peer.transport(transportId)
          .connect({ dtlsParameters: dtlsParameters as types.DtlsParameters });
        return {};
      },
      restartIce: async ({ transportId }) => ({ iceParameters: await this.joined().peer.transport(transportId).restartIce() }),
      produce: async ({ transportId, kind, rtpParameters, source, paused }) => {
        const { peer, call } = this.joined();
        if (peer.producers.size >= 8) throw new CallError('bad-request', 'Too many producers for one peer');
        const producerId = await call.produce(peer, {
          transportId,
          kind,
          rtpParameters: rtpParameters as types.RtpParameters,
          source,
          paused,
        });
        return { producerId };
      },
      closeProducer: ({ producerId }) => {
        const { peer, call } = this.joined();
        call.closeProducer(peer, producerId);
        return Promise.resolve({});
      },
      pauseProducer: async ({ producerId }) => {
        const { peer, call } = this.joined();
        await call.setProducerPaused(peer, producerId, true);
        return {};
      },
      resumeProducer: async ({ producerId }) => {
        const { peer, call } = this.joined();
        await call.setProducerPaused(peer, producerId, false);
        return {};
      },
      consume: ({ transportId, producerId }) => {
        const { peer, call } = this.joined();
        return call.consume(peer, transportId, producerId);
      },
      resumeConsumer: async ({ consumerId }) => {
        await this.joined().peer.consumer(consumerId).resume();
        return {};
      },
      pauseConsumer: async ({ consumerId }) => {
        await this.joined().peer.consumer(consumerId).pause();
        return {};
      },
      setConsumerPreferredLayers: async ({ consumerId, spatialLayer, temporalLayer }) => {
        const layers: types.ConsumerLayers = { spatialLayer };
        if (temporalLayer !== undefined) layers.temporalLayer = temporalLayer;
        await this.joined().peer.consumer(consumerId).setPreferredLayers(layers);
        return {};
      },
      requestConsumerKeyFrame: async ({ consumerId }) => {
        await this.joined().peer.consumer(consumerId).requestKeyFrame();
        return {};
      },
      leave: () => {
        this.leaveCall();
        return Promise.resolve({});
      },
    };
  }

  private async join(data: CallRequestData<'join'>): Promise<CallResponseData<'join'>> {
    const { deps } = this;
    if (deps.isShuttingDown()) throw new CallError('server-shutting-down', 'The SFU is stopping; try again shortly');
    this.transition('join-started');
    let call: Call | null = null;
    try {
      const user = await deps.authenticate({ openIdToken: data.openIdToken, userId: data.userId, roomId: data.roomId });
      call = await deps.registry.get(data.roomId);
      // The socket may have closed while the homeserver was asked.
      if (this.phase !== 'joining') throw new CallError('connection-closed', 'The connection closed during join');
      // ...or the call's worker died meanwhile: the client retries and lands on a live worker.
      if (call.closed) throw new CallError('call-restarting', 'The call is restarting; join again');
      // The same device joining again (a reconnect racing its old socket) replaces its old peer.
      for (const other of [...call.peers.values()]) {
        if (other.userId === user.userId && other.deviceId === data.deviceId) {
          call.removePeer(other);
          other.onEvicted('replaced');
        }
      }
      if (call.peers.size >= deps.config.limits.maxPeersPerCall) throw new CallError('call-full', 'This call is full');
      const peer = new Peer({
        id: randomUUID(),
        userId: user.userId,
        deviceId: data.deviceId,
        displayName: data.displayName,
        rtpCapabilities: data.rtpCapabilities,
        notify: this.notify,
        onEvicted: (reason) => this.evicted(reason),
      });
      const peers = call.addPeer(peer);
      this.peer = peer;
      this.call = call;
      this.transition('join-succeeded');
      this.clearJoinTimer();
      deps.logger.info(`${user.userId} (${data.deviceId}) joined the call of ${data.roomId} as ${peer.id}`);
      return { peerId: peer.id, peers, iceServers: iceServersFor(deps.config.iceServers, user.userId, Date.now()) };
    } catch (error) {
      this.transition('join-failed');
      // A call created for this join alone must not keep its router.
      if (call) deps.registry.releaseIfEmpty(call);
      if (error instanceof CallError && error.code.startsWith('auth-')) {
        deps.logger.info(`join refused for ${data.userId} in ${data.roomId}: ${error.code}: ${error.message}`);
      }
      throw error;
    }
  }

  private leaveCall(): void {
    const { peer, call } = this;
    this.peer = null;
    this.call = null;
    if (peer && call) {
      call.removePeer(peer);
      this.deps.registry.releaseIfEmpty(call);
      this.transition('left');
      this.armJoinTimer();
    }
  }

  private evicted(reason: 'worker-died' | 'server-shutdown' | 'replaced'): void {
    this.peer = null;
    this.call = null;
    this.transition('evicted');
    if (reason === 'replaced') this.deps.closeSocket(4000, 'Replaced by a newer connection from the same device');
    else this.armJoinTimer();
  }

  private armJoinTimer(): void {
    this.clearJoinTimer();
    this.joinTimer = setTimeout(() => this.deps.closeSocket(4001, 'No join in time'), this.deps.config.limits.joinTimeoutMs);
  }

  private clearJoinTimer(): void {
    if (this.joinTimer) clearTimeout(this.joinTimer);
    this.joinTimer = null;
  }

  private toCallError(method: CallMethod, error: unknown): CallError {
    if (error instanceof CallError) return error;
    // mediasoup rejects what the client asked for with TypeError (malformed parameters) or
    // UnsupportedError (e.g. a codec this SFU does not offer): the client's fault, not ours.
    if (error instanceof TypeError || (error instanceof Error && error.name === 'UnsupportedError')) {
      return new CallError('bad-request', `${method}: ${error.message}`);
    }
    this.deps.logger.error(`${method} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return new CallError('internal', `${method} failed on the server`);
  }
}
