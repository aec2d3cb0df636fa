// One call the user is in: the media engine, this device's membership in the room, and the chosen
// devices. It outlives the room view (the user may read another room while talking), so it lives
// in CallProvider rather than in a room component. It also owns the call's end: a removal from the
// room seen in Matrix ends it (whatever room is on screen), an outage past the retry window ends it
// with the membership cleared, and then the SFU is probed quietly for a few minutes so the call
// comes back by itself when the SFU does.
import type { MatrixClient } from 'matrix-js-sdk';
import { endedByOutage, isInCall, type RecoveryPolicy } from '../../calls/callState.ts';
import { CallEngine, type CallSnapshot } from '../../calls/engine.ts';
import type { CallFocus } from '../../calls/focus.ts';
import { captureCamera, captureMicrophone, keepOrFallBack, listDevices, type MediaDeviceChoice } from '../../calls/localMedia.ts';
import { RELAIS_FOCUS_TYPE } from '../../calls/membership.ts';
import { MembershipManager } from '../../calls/membershipManager.ts';
import { membershipHomeserver, openIdToken } from '../../calls/matrixRtc.ts';
import { reusableOpenIdToken } from '../../calls/openIdTokens.ts';
import { MediaEncryption } from '../../calls/e2ee/mediaEncryption.ts';
import { toDeviceKeyTransport } from '../../calls/e2ee/toDeviceKeys.ts';
import { DEFAULT_PROBE_POLICY, nextProbeDelayMs, type ProbePolicy } from '../../calls/outageProbe.ts';
import { watchOwnMembership } from '../../calls/ownMembershipWatch.ts';
import { SignalingClient } from '../../calls/signaling.ts';
import { rendererLogger } from '../../platform/log.ts';

export interface DeviceState {
  microphones: MediaDeviceChoice[];
  cameras: MediaDeviceChoice[];
  microphoneId: string | null;
  cameraId: string | null;
}

export interface CallSessionOptions {
  recovery?: RecoveryPolicy;
  probe?: ProbePolicy;
  /** End-to-end encrypt the media (the caller checked the browser can: mediaEncryptionSupported). */
  encryptMedia?: boolean;
}

/** A homeserver that does not answer must not hold the call back: the SFU decides then. */
const MEMBERSHIP_WRITE_TIMEOUT_MS = 10_000;

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms))]);
}

export class CallSession {
  readonly roomId: string;
  readonly engine: CallEngine;
  private readonly membership: MembershipManager;
  private readonly focus: CallFocus;
  private readonly probePolicy: ProbePolicy;
  private devices: DeviceState = { microphones: [], cameras: [], microphoneId: null, cameraId: null };
  private readonly deviceListeners = new Set<(d: DeviceState) => void>();
  /** Set when the homeserver refused our membership event (e.g. power levels). */
  membershipProblem = false;
  private readonly onDeviceChange = () => void this.refreshDevices(true);
  private readonly stopWatching: () => void;
  private readonly stopEngineWatch: () => void;
  private probeTimer: ReturnType<typeof setTimeout> | null = null;
  private connecting = false;
  private disposed = false;
  private lastPhase: CallSnapshot['state']['phase'] = 'idle';

  constructor(client: MatrixClient, roomId: string, focus: CallFocus, options: CallSessionOptions = {}) {
    this.roomId = roomId;
    this.focus = focus;
    this.probePolicy = options.probe ?? DEFAULT_PROBE_POLICY;
    const userId = client.getSafeUserId();
    const deviceId = client.getDeviceId() ?? 'unknown';
    const openIdTokens = reusableOpenIdToken(() => openIdToken(client));
    this.engine = new CallEngine({
      focus,
      roomId,
      userId,
      deviceId,
      displayName: client.getUser(userId)?.displayName ?? userId,
      getOpenIdToken: () => openIdTokens.get(),
      forgetOpenIdToken: () => openIdTokens.forget(),
      ...(options.recovery ? { recovery: options.recovery } : {}),
      ...(options.encryptMedia === false
        ? {}
        : {
            createEncryption: (changed: () => void, keyFrameNeeded: (participant: string) => void) =>
              new MediaEncryption({
                transport: toDeviceKeyTransport(client, roomId, { userId, deviceId }),
                // Keys go to devices of the room's members only, whoever the SFU says is in the call.
                mayReceiveKeys: (user) => client.getRoom(roomId)?.getMember(user)?.membership === 'join',
                changed,
                keyFrameNeeded,
              }),
          }),
    });
    this.membership = new MembershipManager(membershipHomeserver(client, roomId), userId, deviceId, {
      setInterval: (fn, ms) => window.setInterval(fn, ms),
      clearInterval: (handle) => window.clearInterval(handle as number),
    });
    // Removal seen in Matrix: independent of the SFU (which may not say so, or be unreachable).
    this.stopWatching = watchOwnMembership(client, roomId, (removal, by) => {
      this.stopProbing();
      const { state } = this.engine.snapshot();
      if (isInCall(state) || endedByOutage(state)) this.engine.endRemoved(removal, by);
    });
    this.stopEngineWatch = this.engine.subscribe((snap) => this.onEngine(snap));
  }

  /** Reacts to the engine's end: membership cleared (where the room still lets us), probing after an outage. */
  private onEngine(snap: CallSnapshot): void {
    const phase = snap.state.phase;
    const entered = phase !== this.lastPhase;
    this.lastPhase = phase;
    if (!entered || phase !== 'ended') return;
    // A kicked member may no longer write to the room: the delayed leave (MSC4140) covers that case.
    this.membership.leave().catch(rendererLogger('calls').swallow('clearing the call membership after the call ended'));
    if (endedByOutage(snap.state)) this.scheduleProbe();
  }

  /** Captures microphone and camera (each optional: a missing camera still allows talking), then joins. */
  async start(): Promise<void> {
    const [microphone, camera] = await Promise.all([
      captureMicrophone(null).catch(() => null),
      captureCamera(null).catch(() => null),
    ]);
    await this.connect({ microphone, camera });
    if (this.engine.snapshot().state.phase !== 'joined') return;
    navigator.mediaDevices.addEventListener('devicechange', this.onDeviceChange);
    await this.refreshDevices(false);
  }

  /**
   * Membership first, then the SFU: the SFU admits a user once the homeserver's event stream shows
   * they belong to the call's room, and our membership event is that evidence. A failed join takes
   * the membership back, so nobody is listed in a call they are not in.
   */
  private async connect(
    tracks: { microphone: MediaStreamTrack | null; camera: MediaStreamTrack | null },
    outageEndedAt?: number,
  ): Promise<void> {
    this.connecting = true;
    try {
      try {
        await within(
          this.membership.join({ type: RELAIS_FOCUS_TYPE, url: this.focus.sfuUrl }, Date.now()),
          MEMBERSHIP_WRITE_TIMEOUT_MS,
        );
        this.membershipProblem = false;
      } catch {
        this.membershipProblem = true;
      }
      await this.engine.join(tracks, outageEndedAt);
      const { state } = this.engine.snapshot();
      if (state.phase !== 'joined') {
        tracks.microphone?.stop();
        tracks.camera?.stop();
        if (state.phase === 'failed' || state.phase === 'left')
          await this.membership.leave().catch(rendererLogger('calls').swallow('clearing the call membership'));
      }
    } finally {
      this.connecting = false;
    }
  }

  /** Back into the call after it ended (the user's Rejoin, or the SFU answering a probe). */
  async rejoin(): Promise<void> {
    this.stopProbing();
    const { state, camOn: wantCamera } = this.engine.snapshot();
    if (this.connecting || this.disposed || state.phase !== 'ended' || state.reason.kind !== 'sfu-unreachable') return;
    // The call's tracks were stopped when it ended (no camera light during an outage): capture again.
    const [microphone, camera] = await Promise.all([
      captureMicrophone(this.devices.microphoneId).catch(() => null),
      wantCamera ? captureCamera(this.devices.cameraId).catch(() => null) : Promise.resolve(null),
    ]);
    // Still unreachable: the engine goes back to this outage's end, and probing goes on until its 5 minutes are over.
    await this.connect({ microphone, camera }, state.at);
  }

  private scheduleProbe(): void {
    this.stopProbing();
    const { state } = this.engine.snapshot();
    if (state.phase !== 'ended' || this.disposed) return;
    const delay = nextProbeDelayMs(state.at, Date.now(), this.probePolicy);
    if (delay === null) return;
    this.probeTimer = setTimeout(() => void this.probe(), delay);
  }

  /** Does the SFU answer? A socket and the one request allowed before join; nothing is announced. */
  private async probe(): Promise<void> {
    this.probeTimer = null;
    if (!endedByOutage(this.engine.snapshot().state) || this.disposed) return;
    try {
      const sig = await SignalingClient.connect(this.focus.sfuUrl);
      try {
        await sig.request('getRouterRtpCapabilities', {}, 5_000);
      } finally {
        sig.close();
      }
    } catch {
      this.scheduleProbe();
      return;
    }
    await this.rejoin();
  }

  private stopProbing(): void {
    if (this.probeTimer !== null) clearTimeout(this.probeTimer);
    this.probeTimer = null;
  }

  async leave(): Promise<void> {
    // Ended calls already cleared their membership (or, when removed, may not write to the room).
    const wasInCall = isInCall(this.engine.snapshot().state);
    this.dispose();
    navigator.mediaDevices.removeEventListener('devicechange', this.onDeviceChange);
    await this.engine.leave();
    if (wasInCall) await this.membership.leave().catch(rendererLogger('calls').swallow('clearing the call membership on leave'));
  }

  /** Stops watching and probing (the call is over for this session). */
  dispose(): void {
    this.disposed = true;
    this.stopProbing();
    this.stopWatching();
    this.stopEngineWatch();
  }

  subscribeDevices(listener: (d: DeviceState) => void): () => void {
    this.deviceListeners.add(listener);
    listener(this.devices);
    return () => this.deviceListeners.delete(listener);
  }

  private setDevices(next: DeviceState): void {
    this.devices = next;
    for (const listener of this.deviceListeners) listener(next);
  }

  /** Device list changed (plugged in or removed): keep the choice if it is still there, else fall back. */
  private async refreshDevices(recapture: boolean): Promise<void> {
    const { microphones, cameras } = await listDevices();
    const microphoneId = keepOrFallBack(this.devices.microphoneId, microphones);
    const cameraId = keepOrFallBack(this.devices.cameraId, cameras);
    const lostMic = recapture && this.devices.microphoneId !== null && microphoneId === null;
    const lostCam = recapture && this.devices.cameraId !== null && cameraId === null;
    this.setDevices({ microphones, cameras, microphoneId, cameraId });
    if (lostMic) await this.chooseMicrophone(null);
    if (lostCam && this.engine.snapshot().camOn) await this.chooseCamera(null);
  }

  async chooseMicrophone(deviceId: string | null): Promise<void> {
    const track = await captureMicrophone(deviceId);
    // Keep the mute state: a muted microphone stays muted on the new device.
    track.enabled = this.engine.snapshot().micOn;
    await this.engine.sender.replaceTrack('microphone', track);
    this.setDevices({ ...this.devices, microphoneId: deviceId });
  }

  async chooseCamera(deviceId: string | null): Promise<void> {
    this.setDevices({ ...this.devices, cameraId: deviceId });
    if (!this.engine.snapshot().camOn) return;
    await this.engine.sender.replaceTrack('camera', await captureCamera(deviceId));
  }

  async toggleMicrophone(): Promise<void> {
    await this.engine.sender.setMicrophone(!this.engine.snapshot().micOn);
  }

  async toggleCamera(): Promise<void> {
    if (this.engine.snapshot().camOn) await this.engine.sender.setCamera(null);
    else await this.engine.sender.setCamera(await captureCamera(this.devices.cameraId));
  }

  /** Shares the screen from a stream the caller obtained (our picker in Electron, the browser's elsewhere). */
  async shareScreen(stream: MediaStream): Promise<void> {
    const [track] = stream.getVideoTracks();
    if (track) await this.engine.sender.startScreenShare(track);
  }

  snapshot(): CallSnapshot {
    return this.engine.snapshot();
  }
}
