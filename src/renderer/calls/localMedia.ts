// Capturing the microphone, the camera and a screen, with the encodings we send. Simulcast in three
// layers lets the SFU forward a small layer to small tiles and the full one to a large tile, without
// the sender encoding for each receiver.
import type { RtpEncodingParameters } from 'mediasoup-client/types';

export const CAMERA_SIMULCAST: RtpEncodingParameters[] = [
  { rid: 'r0', scaleResolutionDownBy: 4, maxBitrate: 150_000 },
  { rid: 'r1', scaleResolutionDownBy: 2, maxBitrate: 500_000 },
  { rid: 'r2', scaleResolutionDownBy: 1, maxBitrate: 1_200_000 },
];

/** A screen is text: one high-resolution layer, few frames. */
export const SCREEN_ENCODING: RtpEncodingParameters[] = [{ maxBitrate: 1_500_000, maxFramerate: 15 }];

export async function captureMicrophone(deviceId: string | null): Promise<MediaStreamTrack> {
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: { deviceId: deviceId === null ? undefined : { exact: deviceId }, echoCancellation: true, noiseSuppression: true },
  });
  const [track] = stream.getAudioTracks();
  if (!track) throw new Error('No microphone track');
  return track;
}

export async function captureCamera(deviceId: string | null): Promise<MediaStreamTrack> {
  const stream = await navigator.mediaDevices.getUserMedia({
    video: { deviceId: deviceId === null ? undefined : { exact: deviceId }, width: { ideal: 1280 }, height: { ideal: 720 } },
  });
  const [track] = stream.getVideoTracks();
  if (!track) throw new Error('No camera track');
  return track;
}

export interface MediaDeviceChoice {
  deviceId: string;
  label: string;
}

export async function listDevices(): Promise<{ microphones: MediaDeviceChoice[]; cameras: MediaDeviceChoice[] }> {
  const devices = await navigator.mediaDevices.enumerateDevices();
  const pick = (kind: MediaDeviceKind) =>
    devices
      .filter((d) => d.kind === kind && d.deviceId !== '')
      .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `${kind} ${i + 1}` }));
  return { microphones: pick('audioinput'), cameras: pick('videoinput') };
}

/**
 * After a device is unplugged the chosen id may be gone: keep the choice if still present,
 * otherwise fall back to the system default (null).
 */
export function keepOrFallBack(chosen: string | null, available: readonly MediaDeviceChoice[]): string | null {
  return chosen !== null && available.some((d) => d.deviceId === chosen) ? chosen : null;
}
