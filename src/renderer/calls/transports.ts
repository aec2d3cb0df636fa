// One mediasoup-client transport over our signaling: its DTLS "connect" and "produce" events become
// SFU requests, and a dropped connection is reported (after a short grace for "disconnected", which
// often heals by itself after a burst of lost packets).
import type { Device } from 'mediasoup-client';
import type { DtlsParameters, IceCandidate, IceParameters, Transport } from 'mediasoup-client/types';
import type { CallResponseData, MediaSource } from '../../shared/call/index.ts';
import type { SignalingClient } from './signaling.ts';

const DISCONNECTED_GRACE_MS = 1_500;

export type TransportInfo = CallResponseData<'createWebRtcTransport'>;

/**
 * Asks the SFU for a transport. May be sent right behind `join`, before its answer: the SFU holds it
 * until the join is verified (then creates it, or refuses it with `not-joined`), which saves a round
 * trip on every (re)join. `timeoutMs` must then cover the join's own wait.
 */
export function requestTransport(sig: SignalingClient, direction: 'send' | 'recv', timeoutMs?: number): Promise<TransportInfo> {
  const pending = sig.request('createWebRtcTransport', { direction }, timeoutMs);
  // Refused when the join it followed failed: that failure is the one reported, not this one.
  pending.catch(() => undefined);
  return pending;
}

/** The local end of a transport the SFU created (`requestTransport`), wired to our signaling. */
export function createCallTransport(options: {
  sig: SignalingClient;
  device: Device;
  direction: 'send' | 'recv';
  info: TransportInfo;
  iceServers: RTCIceServer[];
  /** False once this transport's generation is over (re-joined or left): its events are ignored. */
  isCurrent: () => boolean;
  onDropped: () => void;
}): Transport {
  const { sig, device, direction, info, isCurrent } = options;
  const params = {
    id: info.transportId,
    iceParameters: info.iceParameters as IceParameters,
    iceCandidates: info.iceCandidates as IceCandidate[],
    dtlsParameters: info.dtlsParameters as DtlsParameters,
    // Only servers our configuration names; an empty list means no STUN/TURN at all.
    iceServers: options.iceServers,
  };
  const transport = direction === 'send' ? device.createSendTransport(params) : device.createRecvTransport(params);
  transport.on('connect', ({ dtlsParameters }, callback, errback) => {
    sig.request('connectWebRtcTransport', { transportId: transport.id, dtlsParameters }).then(callback, errback);
  });
  if (direction === 'send') {
    transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
      const source = appData.source as MediaSource;
      sig
        .request('produce', { transportId: transport.id, kind, rtpParameters, source, paused: appData.paused === true })
        .then(({ producerId }) => callback({ id: producerId }), errback);
    });
  }
  transport.on('connectionstatechange', (state) => {
    if (!isCurrent()) return;
    if (state === 'failed') options.onDropped();
    if (state === 'disconnected')
      setTimeout(() => {
        if (isCurrent() && transport.connectionState === 'disconnected') options.onDropped();
      }, DISCONNECTED_GRACE_MS);
  });
  return transport;
}

/** New ICE credentials from the SFU for each transport, then wait (5 s at most) until they reconnect. */
export async function restartIce(sig: SignalingClient, transports: readonly Transport[]): Promise<void> {
  for (const t of transports) {
    const { iceParameters } = await sig.request('restartIce', { transportId: t.id });
    await t.restartIce({ iceParameters: iceParameters as IceParameters });
  }
  const deadline = Date.now() + 5_000;
  while (transports.some((t) => t.connectionState !== 'connected' && t.connectionState !== 'new')) {
    if (Date.now() > deadline) throw new Error('ICE restart did not reconnect');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
