// One call the user is in: the media engine, this device's membership in the room, and the chosen
// devices. It outlives the room view (the user may read another room while talking), so it lives
// in CallProvider rather than in a room component.
import type { MatrixClient } from 'matrix-js-sdk';
import { CallEngine, type CallSnapshot } from '../../calls/engine.ts';
import type { CallFocus } from '../../calls/focus.ts';
import { captureCamera, captureMicrophone, keepOrFallBack, listDevices, type MediaDeviceChoice } from '../../calls/localMedia.ts';
import { RELAIS_FOCUS_TYPE } from '../../calls/membership.ts';
import { MembershipManager } from '../../calls/membershipManager.ts';
import { membershipHomeserver, openIdToken } from '../../calls/matrixRtc.ts';

export interface DeviceState {
  microphones: MediaDeviceChoice[];
  cameras: MediaDeviceChoice[];
  microphoneId: string | null;
  cameraId: string | null;
}

export class CallSession {
  readonly roomId: string;
  readonly engine: CallEngine;
  private readonly membership: MembershipManager;
  private readonly focus: CallFocus;
  private devices: DeviceState = { microphones: [], cameras: [], microphoneId: null, cameraId: null };
  private readonly deviceListeners = new Set<(d: DeviceState) => void>();
  /** Set when the homeserver refused our membership event (e.g. power levels): the call still works. */
  membershipProblem = false;
  private readonly onDeviceChange = () => void this.refreshDevices(true);

  constructor(client: MatrixClient, roomId: string, focus: CallFocus) {
    this.roomId = roomId;
    this.focus = focus;
    const userId = client.getSafeUserId();
    const deviceId = client.getDeviceId() ?? 'unknown';
    this.engine = new CallEngine({
      focus,
      roomId,
      userId,
      deviceId,
      displayName: client.getUser(userId)?.displayName ?? userId,
      getOpenIdToken: () => openIdToken(client),
    });
    this.membership = new MembershipManager(membershipHomeserver(client, roomId), userId, deviceId, {
      setInterval: (fn, ms) => window.setInterval(fn, ms),
      clearInterval: (handle) => window.clearInterval(handle as number),
    });
  }

  /** Captures microphone and camera (each optional: a missing camera still allows talking), then joins. */
  async start(): Promise<void> {
    const [microphone, camera] = await Promise.all([
      captureMicrophone(null).catch(() => null),
      captureCamera(null).catch(() => null),
    ]);
    await this.engine.join({ microphone, camera });
    if (this.engine.snapshot().state.phase !== 'joined') {
      microphone?.stop();
      camera?.stop();
      return;
    }
    try {
      await this.membership.join({ type: RELAIS_FOCUS_TYPE, url: this.focus.sfuUrl }, Date.now());
    } catch {
      this.membershipProblem = true;
    }
    navigator.mediaDevices.addEventListener('devicechange', this.onDeviceChange);
    await this.refreshDevices(false);
  }

  async leave(): Promise<void> {
    navigator.mediaDevices.removeEventListener('devicechange', this.onDeviceChange);
    await this.engine.leave();
    await this.membership.leave().catch(() => undefined);
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
