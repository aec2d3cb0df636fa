// One signaling connection: parses each request, checks it is allowed in the current phase, runs
// it, and answers with data or a typed error. Every request gets exactly one answer. Joining checks
// the limits (rates, devices per user) and the user's membership; a membership lost later takes the
// peer out of the call (`removedFromCall`, then the socket closes).
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
import type { ServerGuard } from './guard.ts';
import { iceServersFor } from './iceServers.ts';
import type { Logger } from './log.ts';
import type { Authenticator } from './matrixAuth.ts';
import type { RemovalReason } from './membership/view.ts';
import { Peer, type Notify } from './peer.ts';
import { createMediaHandlers } from './sessionHandlers.ts';
import { nextPhase, refuseInPhase, waitsForJoin, type SessionEvent, type SessionPhase } from './sessionPhase.ts';

export interface SessionDeps {
  config: SfuConfig;
  registry: CallRegistry;
  routerRtpCapabilities: () => types.RtpCapabilities;
  authenticator: Authenticator;
  guard: ServerGuard;
  /** The client's address (per-address limits). */
  address: string;
  logger: Logger;
  /** Sends one text frame (dropped when the socket is not open). */
  send: (text: string) => void;
  /** Closes the socket, e.g. when the join timeout passes or a newer connection replaces this one. */
  closeSocket: (code: number, reason: string) => void;
  /** Refuse new joins while the server stops. */
  isShuttingDown: () => boolean;
  /** The SFU took this user out of a call of this room: keep refusing them until they re-join it. */
  markRemoved: (roomId: string, userId: string) => void;
  /**
   * The first successful join: the socket stops counting as unauthenticated. (After a leave it may
   * stay idle only until the join timer closes it, so it need not count again.)
   */
  onJoined: () => void;
}

type Handlers = { [M in CallMethod]: (data: CallRequestData<M>) => Promise<CallResponseData<M>> };

/** Close code for a socket whose user was removed from the room (4000–4999: application codes). */
export const CLOSE_REMOVED = 4003;

export class Session {
  private phase: SessionPhase = 'connected';
  private peer: Peer | null = null;
  private call: Call | null = null;
  private joinTimer: ReturnType<typeof setTimeout> | null = null;
  /** Settles when the join in progress ends (either way): requests sent right behind it wait for it. */
  private joinOver: Promise<void> | null = null;
  private held = 0;
  private readonly deps: SessionDeps;
  private readonly handlers: Handlers;

  constructor(deps: SessionDeps) {
    this.deps = deps;
    this.handlers = {
      getRouterRtpCapabilities: () => Promise.resolve({ rtpCapabilities: this.deps.routerRtpCapabilities() }),
      join: (data) => this.join(data),
      leave: () => {
        this.leaveCall();
        return Promise.resolve({});
      },
      ...createMediaHandlers({
        config: deps.config,
        guard: deps.guard,
        joined: () => this.joined(),
        checkMembership: (peer, call) => {
          if (deps.authenticator.stillJoined(peer.userId, call.roomId)) return;
          this.removed('left-room', undefined);
          throw new CallError('removed-from-room', `${peer.userId} is no longer a member of ${call.roomId}`);
        },
      }),
    };
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
      // Sent right behind a join still being verified: decided once it is over (see sessionPhase.ts).
      if (this.joinOver && waitsForJoin(this.phase, request.method, this.held)) {
        this.held += 1;
        await this.joinOver.finally(() => (this.held -= 1));
      }
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

  private async join(data: CallRequestData<'join'>): Promise<CallResponseData<'join'>> {
    const { deps } = this;
    if (deps.isShuttingDown()) throw new CallError('server-shutting-down', 'The SFU is stopping; try again shortly');
    // Rates first, before anything reaches the homeserver.
    deps.guard.checkJoinAttempt(deps.address);
    this.transition('join-started');
    let endJoin = () => {};
    this.joinOver = new Promise<void>((resolve) => (endJoin = resolve));
    try {
      return await this.verifyAndJoin(data);
    } finally {
      this.joinOver = null;
      endJoin();
    }
  }

  /** The join proper, once it is under way: the homeserver's word on the token, the limits, the call. */
  private async verifyAndJoin(data: CallRequestData<'join'>): Promise<CallResponseData<'join'>> {
    const { deps } = this;
    let call: Call | null = null;
    let peer: Peer | null = null;
    let releaseDevice: (() => void) | null = null;
    try {
      const user = await deps.authenticator.authenticate({
        openIdToken: data.openIdToken,
        userId: data.userId,
        roomId: data.roomId,
      });
      deps.guard.checkUserJoin(user.userId);
      // Reserved before the next await: concurrent joins with invented device ids count at once.
      const existing = deps.registry.find(data.roomId);
      const sameDevice = existing?.peersOf(user.userId).some((peer) => peer.deviceId === data.deviceId) ?? false;
      releaseDevice = deps.guard.reserveUserPeer(user.userId, sameDevice);
      call = await deps.registry.get(data.roomId);
      // The socket may have closed while the homeserver was asked.
      if (this.phase !== 'joining') throw new CallError('connection-closed', 'The connection closed during join');
      // ...or the call's worker died meanwhile: the client retries and lands on a live worker.
      if (call.closed) throw new CallError('call-restarting', 'The call is restarting; join again');
      // ...or the user was removed from the room meanwhile.
      if (!deps.authenticator.stillJoined(user.userId, data.roomId))
        throw new CallError('removed-from-room', `${user.userId} is no longer a member of ${data.roomId}`);
      // The same device joining again (a reconnect racing its old socket) replaces its old peer.
      for (const other of call.peersOf(user.userId)) {
        if (other.deviceId !== data.deviceId) continue;
        call.removePeer(other, 'replaced');
        other.onEvicted('replaced');
      }
      if (call.size >= deps.config.limits.maxPeersPerCall) throw new CallError('call-full', 'This call is full');
      peer = new Peer({
        id: randomUUID(),
        userId: user.userId,
        deviceId: data.deviceId,
        // Shown to the others: the room state's name only. A name the client sends is not trusted.
        displayName: user.displayName,
        rtpCapabilities: data.rtpCapabilities,
        notify: this.notify,
        onEvicted: (reason) => this.evicted(reason),
        onRemoved: (reason, by) => this.removed(reason, by),
      });
      // Its router: maybe a new one on another worker, with the call's producers piped into it.
      await call.place(peer.id);
      this.checkStillJoining(call);
      peer.holds(releaseDevice);
      releaseDevice = null;
      const peers = call.addPeer(peer);
      this.peer = peer;
      this.call = call;
      this.transition('join-succeeded');
      this.clearJoinTimer();
      deps.onJoined();
      deps.guard.joinSucceeded(deps.address);
      deps.logger.info(`${user.userId} (${data.deviceId}) joined the call of ${data.roomId} as ${peer.id}`);
      return {
        peerId: peer.id,
        peers,
        iceServers: iceServersFor(deps.config.iceServers, user.userId, Date.now()),
        subscription: deps.config.subscription,
      };
    } catch (error) {
      this.transition('join-failed');
      releaseDevice?.();
      deps.guard.joinFailed(deps.address, error);
      // A call created for this join alone must not keep its router.
      if (call) {
        if (peer) call.cancelPlacement(peer.id);
        deps.registry.releaseIfEmpty(call);
      }
      if (error instanceof CallError && (error.code.startsWith('auth-') || error.code === 'removed-from-room')) {
        deps.logger.info(`join refused for ${data.userId} in ${data.roomId}: ${error.code}: ${error.message}`);
      }
      throw error;
    }
  }

  /** After an await in the join: the socket may have closed, or the call's media gone, meanwhile. */
  private checkStillJoining(call: Call): void {
    if (this.phase !== 'joining') throw new CallError('connection-closed', 'The connection closed during join');
    if (call.closed) throw new CallError('call-restarting', 'The call is restarting; join again');
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

  /** The user lost room membership: out of the call, told why, and the connection closes. */
  private removed(reason: RemovalReason, by: string | undefined): void {
    const { peer, call } = this;
    if (!peer || !call) return;
    this.peer = null;
    this.call = null;
    peer.notify('removedFromCall', by === undefined ? { reason } : { reason, by });
    call.removePeer(peer, 'removed');
    this.deps.registry.releaseIfEmpty(call);
    this.deps.markRemoved(call.roomId, peer.userId);
    this.transition('socket-closed');
    this.deps.logger.info(`${peer.userId} (${peer.deviceId}) removed from the call of ${call.roomId}: ${reason}`);
    this.deps.closeSocket(CLOSE_REMOVED, 'Removed from the room');
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
