// The call engine: mediasoup-client over our signaling. It joins (Matrix OpenID token → SFU, which
// checks room membership), sends microphone and camera (simulcast), receives everyone else (see
// receiver.ts), and repairs itself: an ICE restart when a transport's connection fails, a full
// re-join when the signaling socket drops or the SFU's worker died. Each (re)join is a "generation";
// callbacks from an older one are ignored, so a late event from a dead connection cannot disturb the
// new one. Past the retry window, or when the user is removed from the room, the call *ends*: media
// and tracks are closed, and the state says why. React-free: the UI subscribes to snapshots.
import type { Device } from 'mediasoup-client';
import type { Transport } from 'mediasoup-client/types';
import { CallError, type CallNotification } from '../../shared/call/index.ts';
import { initialJoinRetryMs, retryVerdict, errorCodeOf } from './callErrors.ts';
import {
  createCallReducer,
  DEFAULT_RECOVERY_POLICY,
  INITIAL_CALL_STATE,
  type CallErrorCode,
  type CallEvent,
  type CallState,
  type Removal,
} from './callState.ts';
import type { CallSnapshot, EngineOptions } from './engineTypes.ts';
import { iceServersForCall } from './focus.ts';
import type { CallMediaEncryption } from './e2ee/mediaEncryption.ts';
import { KeyMembers } from './e2ee/keyMembers.ts';
import { JoinTimeline } from './joinTimeline.ts';
import { ParticipantBook } from './participants.ts';
import { applyNotification } from './notificationHandler.ts';
import { MediaReceiver } from './receiver.ts';
import { MediaSender } from './sender.ts';
import { SignalingClient } from './signaling.ts';
import { keepPresent, noteSpeaker } from './speakerHistory.ts';
import { DEFAULT_PLAN_OPTIONS, speakerMemory, subscriptionPlan, type PlanOptions, type VisibleTile } from './subscriptionPlan.ts';
import { createCallTransport, requestTransport, restartIce, type TransportInfo } from './transports.ts';
import { rendererLogger } from '../platform/log.ts';

export type { CallSnapshot, EngineOptions, RemoteParticipant } from './engineTypes.ts';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const log = rendererLogger('calls');
/** A join waits for the SFU to ask the homeserver about the token: allow for a slow one. */
const JOIN_TIMEOUT_MS = 20_000;

export class CallEngine {
  private state: CallState = INITIAL_CALL_STATE;
  private generation = 0;
  private signaling: SignalingClient | null = null;
  private device: Device | null = null;
  private sendTransport: Transport | null = null;
  private recvTransport: Transport | null = null;
  private readonly book = new ParticipantBook<MediaStreamTrack>();
  private encryption: CallMediaEncryption | null = null;
  /** Who my media key goes to (e2ee/keyMembers.ts). */
  private readonly keyMembers = new KeyMembers(() => this.encryption);
  private activeSpeaker: string | null = null;
  /** The last speakers, most recent first: their video and audio are kept (subscriptionPlan.ts). */
  private speakers: readonly string[] = [];
  /** The SFU's sizes for what is received (its join answer), or the app's defaults. */
  private planOptions: PlanOptions = DEFAULT_PLAN_OPTIONS;
  /** The remote tiles on screen; null until the call screen says (then everything is received). */
  private view: readonly VisibleTile[] | null = null;
  /** My microphone, camera and screen (their producers and mute state). */
  readonly sender = new MediaSender({
    transport: () => this.sendTransport,
    signaling: () => this.signaling,
    changed: () => this.emit(),
    encryption: () => this.encryption,
  });
  /** What I receive from the others (consumers, and producers queued until the transport exists). */
  private readonly receiver = new MediaReceiver(
    {
      transport: () => this.recvTransport,
      signaling: () => this.signaling,
      generation: () => this.generation,
      changed: () => this.emit(),
      consumed: () => this.firstConsumed(),
      encryption: () => this.encryption,
    },
    this.book,
  );
  private recovering = false;
  /** The steps of the current (or last) join attempt: logged once it succeeds, and tells a retry how it failed. */
  private timeline: JoinTimeline | null = null;
  private readonly listeners = new Set<(s: CallSnapshot) => void>();
  private readonly options: EngineOptions;
  private readonly reduce: (state: CallState, event: CallEvent) => CallState;

  constructor(options: EngineOptions) {
    this.options = options;
    this.reduce = createCallReducer(options.recovery ?? DEFAULT_RECOVERY_POLICY);
  }

  subscribe(listener: (s: CallSnapshot) => void): () => void {
    this.listeners.add(listener);
    listener(this.snapshot());
    return () => this.listeners.delete(listener);
  }

  snapshot(): CallSnapshot {
    return {
      state: this.state,
      participants: this.book.list(),
      activeSpeakerPeerId: this.activeSpeaker,
      recentSpeakers: this.speakers,
      ...this.sender.view(),
      encrypted: this.encryption !== null,
      undecryptable: this.encryption?.failing() ?? new Set<string>(),
    };
  }

  private emit(): void {
    this.keyMembers.update(this.book.list());
    const snap = this.snapshot();
    for (const listener of this.listeners) listener(snap);
  }

  /** Read through a method: the state changes during awaits, which narrowing cannot see. */
  private phase(): CallState['phase'] {
    return this.state.phase;
  }

  private dispatch(event: CallEvent): void {
    const before = this.state.phase;
    this.state = this.reduce(this.state, event);
    // An ended call holds nothing: no transport, no socket, no camera light.
    if (this.state.phase === 'ended' && before !== 'ended') this.close();
    this.emit();
  }

  /**
   * Joins, or re-joins a call an outage ended (`outageEndedAt`: keeps the mute state, and an SFU
   * still unreachable puts the call back in that ended state rather than failing it).
   */
  async join(
    tracks: { microphone: MediaStreamTrack | null; camera: MediaStreamTrack | null },
    outageEndedAt?: number,
  ): Promise<void> {
    this.sender.setInitialTracks(tracks, outageEndedAt !== undefined);
    this.encryption ??=
      this.options.createEncryption?.(
        () => this.emit(),
        (participant) => this.receiver.requestKeyFrames(participant),
      ) ?? null;
    this.dispatch({ type: 'join' });
    const started = Date.now();
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.connectAndJoin(attempt);
        this.dispatch({ type: 'joined', at: Date.now() });
        this.reportTimeline();
        return;
      } catch (error) {
        this.teardown();
        if (this.phase() !== 'connecting') return;
        const budget = (this.options.recovery ?? DEFAULT_RECOVERY_POLICY).retryWindowMs;
        const wait = initialJoinRetryMs(error, Date.now() - started, budget);
        if (wait === null && outageEndedAt !== undefined && !retryVerdict(error).final)
          return this.dispatch({ type: 'still-unreachable', endedAt: outageEndedAt });
        if (wait === null) return this.fail(errorCodeOf(error));
        await sleep(wait);
        if (this.phase() !== 'connecting') return;
      }
    }
  }

  /** `opening`: the SFU connection, already asked for (a re-join opens it before tearing the old call down). */
  private async connectAndJoin(attempt: number, opening?: Promise<SignalingClient>): Promise<void> {
    const gen = ++this.generation;
    const timeline = new JoinTimeline(attempt);
    this.timeline = timeline;
    const { focus } = this.options;
    // The token comes from the homeserver (or is the one kept): ask for it while the SFU connection opens.
    const token = this.options.getOpenIdToken();
    token.then(() => timeline.mark('openid')).catch(() => undefined);
    const sig = await (opening ?? SignalingClient.connect(focus.sfuUrl, this.options.createSocket));
    timeline.mark('socket');
    if (gen !== this.generation) {
      sig.close();
      throw new Error('superseded');
    }
    this.signaling = sig;
    sig.onNotification((n) => {
      if (gen === this.generation) this.onNotification(n);
    });
    sig.onUnexpectedClose(() => {
      if (gen !== this.generation) return;
      this.dispatch({ type: 'signaling-dropped', at: Date.now() });
      void this.recover();
    });
    if (!this.device) {
      // Loaded with the first call, not at start-up: a sixth of the app's code, which the room list
      // would otherwise wait for at every launch. Asked for beside the SFU's capabilities.
      const [{ rtpCapabilities }, { Device: DeviceClass }] = await Promise.all([
        sig.request('getRouterRtpCapabilities', {}),
        import('mediasoup-client'),
      ]);
      const device = await DeviceClass.factory();
      await device.load({ routerRtpCapabilities: rtpCapabilities });
      this.device = device;
    }
    const device = this.device;
    const joining = sig
      .request(
        'join',
        {
          openIdToken: await token,
          userId: this.options.userId,
          deviceId: this.options.deviceId,
          roomId: this.options.roomId,
          displayName: this.options.displayName,
          rtpCapabilities: device.recvRtpCapabilities,
        },
        JOIN_TIMEOUT_MS,
      )
      .catch((error: unknown) => {
        if (error instanceof CallError && error.code === 'auth-invalid-token') this.options.forgetOpenIdToken?.();
        throw error;
      });
    // Right behind the join, without waiting for its answer: the SFU holds them until the join is
    // verified, so the transports are ready a round trip sooner (refused if the join fails).
    const transportInfos = (['send', 'recv'] as const).map((direction) =>
      requestTransport(sig, direction, JOIN_TIMEOUT_MS).catch(async (error: unknown) => {
        // An SFU that does not hold requests behind a join refuses them: ask again once joined.
        if (!(error instanceof CallError && error.code === 'not-joined')) throw error;
        await joining;
        return requestTransport(sig, direction);
      }),
    );
    // A failed join is the failure reported; these only follow it.
    for (const info of transportInfos) info.catch(() => undefined);
    const joined = await joining;
    if (gen !== this.generation) throw new Error('superseded');
    timeline.mark('joined');
    this.planOptions = joined.subscription ?? DEFAULT_PLAN_OPTIONS;
    // Record who is there *before* creating transports: from now on `newProducer`, `peerLeft` and
    // `producerClosed` may arrive, and each must find the book (and the queue) already filled.
    for (const peer of joined.peers) {
      this.book.addPeer(peer);
      for (const p of peer.producers) {
        this.book.addProducer(peer.peerId, p.producerId, p.source, p.paused);
        this.receiver.announce(p.producerId);
      }
    }
    this.keyMembers.joined();
    this.replan();
    this.emit();
    const iceServers = iceServersForCall(focus, joined.iceServers);
    // Both asked at once (and with the join): their answers come in together.
    const [sendInfo, recvInfo] = (await Promise.all(transportInfos)) as [TransportInfo, TransportInfo];
    if (gen !== this.generation) throw new Error('superseded');
    const transport = (direction: 'send' | 'recv') =>
      createCallTransport({
        sig,
        device,
        direction,
        info: direction === 'send' ? sendInfo : recvInfo,
        iceServers,
        isCurrent: () => gen === this.generation,
        onDropped: () => this.mediaDropped(),
      });
    this.sendTransport = transport('send');
    this.recvTransport = transport('recv');
    timeline.mark('transports');
    // Everything announced so far (join answer and notifications during the transports' creation).
    const receiving = this.receiver.open();
    await this.sender.produceAll();
    timeline.mark('produced');
    await receiving;
  }

  /** Logs where the time of the join (or repair) that just succeeded went. */
  private reportTimeline(): void {
    if (this.timeline) log.info(this.timeline.describe());
  }

  /** The first remote stream of this generation is set up: the last step of a join, often after it. */
  private firstConsumed(): void {
    const timeline = this.timeline;
    if (!timeline || timeline.has('consumed')) return;
    timeline.mark('consumed');
    // Consumed during the join: its line (written when the join succeeds) says so already.
    if (this.state.phase === 'joined') this.reportTimeline();
  }

  private mediaDropped(): void {
    if (this.state.phase !== 'joined') return;
    this.dispatch({ type: 'media-dropped', at: Date.now() });
    void this.recover();
  }

  /** The call screen shows these remote tiles now: receive what they need (debounced by the caller). */
  setView(visible: readonly VisibleTile[] | null): void {
    this.view = visible;
    this.replan();
  }

  private replan(): void {
    this.receiver.applyPlan(
      subscriptionPlan({
        producers: this.book.producerList(),
        visible: this.view,
        speakers: this.speakers,
        options: this.planOptions,
      }),
    );
  }

  private onNotification(n: CallNotification): void {
    if (n.method === 'peerLeft' && n.data.replaced) {
      // The same device joined again (it reconnected): its new peer follows, with the keys it had.
      const peer = this.book.list().find((p) => p.peerId === n.data.peerId);
      if (peer) this.keyMembers.replaced({ userId: peer.userId, deviceId: peer.deviceId });
    }
    const target = {
      book: this.book,
      receiver: this.receiver,
      activeSpeaker: this.activeSpeaker,
      endRemoved: (removal: Removal, by?: string) => this.endRemoved(removal, by),
      restart: (retryAfterMs: number) => {
        // The SFU lost this call's media (its worker died): re-join after the pause it asks for,
        // with new transports and every producer consumed again.
        this.signaling?.close();
        this.dispatch({ type: 'signaling-dropped', at: Date.now() });
        void sleep(retryAfterMs).then(() => this.recover());
      },
    };
    const changed = applyNotification(target, n);
    this.activeSpeaker = target.activeSpeaker;
    const present = new Set(this.book.list().map((p) => p.peerId));
    this.speakers = keepPresent(noteSpeaker(this.speakers, this.activeSpeaker, speakerMemory(this.planOptions)), present);
    if (!changed) return;
    this.replan();
    this.emit();
  }

  /** Ends the call for good: the user is no longer a member of the room (seen by the SFU or in Matrix). */
  endRemoved(removal: Removal, by?: string): void {
    this.dispatch({ type: 'removed', removal, ...(by === undefined ? {} : { by }), at: Date.now() });
  }

  /** Repairs the call without asking the user, within the retry window; see callState.ts. */
  private async recover(): Promise<void> {
    if (this.recovering) return;
    this.recovering = true;
    try {
      while (this.state.phase === 'reconnecting') {
        const { recovery, delayMs, attempt } = this.state;
        // The first attempt goes at once (not even a timer's turn: a busy page makes that tens of ms).
        if (delayMs > 0) await sleep(delayMs);
        if (this.phase() !== 'reconnecting') return;
        try {
          if (recovery === 'ice-restart') {
            if (!this.signaling) throw new Error('no signaling');
            await restartIce(
              this.signaling,
              [this.sendTransport, this.recvTransport].filter((t) => t !== null),
            );
          } else {
            // Same device, same keys: the others who kept mine (the SFU told them my old peer was
            // replaced) decrypt my media as soon as it flows, and I theirs. Those who forgot it get it again.
            this.keyMembers.rejoining();
            // The new connection opens while the old transports close (closing them takes a busy
            // page tens of milliseconds, up to 0.1 s on a loaded machine).
            const opening = SignalingClient.connect(this.options.focus.sfuUrl, this.options.createSocket);
            opening.catch(() => undefined);
            this.teardown();
            await this.connectAndJoin(attempt, opening);
          }
          this.dispatch({ type: 'joined', at: Date.now() });
          if (recovery === 'rejoin') this.reportTimeline();
          return;
        } catch (error) {
          if (this.phase() !== 'reconnecting') return;
          const verdict = retryVerdict(error);
          // An SFU that never answered (down, restarting) is looked for again soon; see retrySchedule.ts.
          const reachedSfu = recovery === 'ice-restart' || (this.timeline?.has('socket') ?? false);
          if (!verdict.final)
            this.dispatch({ type: 'recovery-failed', at: Date.now(), reachedSfu, retryAfterMs: verdict.retryAfterMs });
          // The SFU says we were removed: its removedFromCall notification (with the reason) normally
          // came first. 'not-allowed' is not a removal: the SFU may just lack proof of membership
          // yet (Matrix itself tells the app when a person is really removed: ownMembershipWatch).
          else if (verdict.code === 'removed') this.endRemoved('kicked');
          else this.fail(verdict.code);
        }
      }
    } finally {
      this.recovering = false;
    }
  }

  /** Closes media and signaling of the current generation (for a re-join or for good). */
  private teardown(): void {
    this.generation += 1;
    // Transports first: closing one closes its consumers with it, where closing each consumer on an
    // open transport would queue a renegotiation apiece (CPU the re-join needs).
    this.sendTransport?.close();
    this.recvTransport?.close();
    this.sendTransport = null;
    this.recvTransport = null;
    this.receiver.reset();
    this.sender.forgetProducers();
    this.signaling?.close();
    this.signaling = null;
    this.book.clear();
    this.keyMembers.forgetReturning();
    this.activeSpeaker = null;
    this.speakers = [];
  }

  /** Everything off: transports, socket and my tracks (camera light out, microphone released). */
  private close(): void {
    this.teardown();
    this.keyMembers.stop();
    this.sender.stopAll();
    // A later join makes a new key: nothing of this call's keys outlives it.
    this.encryption?.stop();
    this.encryption = null;
  }

  private fail(error: CallErrorCode): void {
    this.close();
    this.dispatch({ type: 'error', error });
  }

  async leave(): Promise<void> {
    const sig = this.signaling;
    this.dispatch({ type: 'leave' });
    await sig?.request('leave', {}, 2_000).catch(log.swallow('telling the call server we left', 'info'));
    this.close();
    this.emit();
  }
}
