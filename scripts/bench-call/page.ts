// Runs in Chromium (bundled by esbuild for bench:call). Two ways to put peers in a call:
// - `sfuJoin`: the app's own CallEngine over the Relais SFU (signaling, Matrix OpenID auth);
// - `directJoin`: bare mediasoup-client whose "signaling" is a function the bench's Node side
//   exposes, which drives the mediasoup library directly (the baseline: no server of ours).
// Receivers only consume; the single sender produces the fake camera (simulcast) and microphone.
import { Device } from 'mediasoup-client';
import type {
  DtlsParameters,
  IceCandidate,
  IceParameters,
  RtpCapabilities,
  RtpParameters,
  Transport,
} from 'mediasoup-client/types';
import type { KeyTransportEvents, IKeyTransport } from 'matrix-js-sdk/lib/matrixrtc/IKeyTransport.js';
import { CallEngine } from '../../src/renderer/calls/engine.ts';
import { MediaEncryption } from '../../src/renderer/calls/e2ee/mediaEncryption.ts';
import { captureCamera, captureMicrophone, CAMERA_SIMULCAST } from '../../src/renderer/calls/localMedia.ts';

interface SfuJoin {
  sfuUrl: string;
  roomId: string;
  userId: string;
  deviceId: string;
  token: { access_token: string; matrix_server_name: string; token_type: string; expires_in: number };
  send: boolean;
  /** End-to-end encrypt the media (the app's MediaEncryption, keys relayed by the bench). */
  encrypt?: boolean;
}

type KeyListener = (from: { userId: string; deviceId: string; memberId: string }, key: string, index: number, at: number) => void;
const keyListeners = new Set<KeyListener>();

/**
 * Keys between the bench's peers: no homeserver here, so the bench's Node side relays them between
 * its pages (benchKeyOut) instead of Olm to-device messages. The frame work, which is what costs
 * CPU, is the app's own.
 */
function benchKeyTransport(userId: string, deviceId: string): IKeyTransport {
  const transport = {
    sendKey: async (key: string, index: number) => {
      const out = (window as unknown as { benchKeyOut: (u: string, d: string, k: string, i: number) => Promise<void> })
        .benchKeyOut;
      await out(userId, deviceId, key, index);
    },
    on: (_event: KeyTransportEvents, listener: KeyListener) => {
      keyListeners.add(listener);
      return transport;
    },
    off: (_event: KeyTransportEvents, listener: KeyListener) => {
      keyListeners.delete(listener);
      return transport;
    },
    start: () => undefined,
    stop: () => undefined,
  };
  return transport;
}

function benchKeyIn(userId: string, deviceId: string, key: string, index: number): void {
  for (const listener of keyListeners) listener({ userId, deviceId, memberId: `${userId}:${deviceId}` }, key, index, Date.now());
}

type DirectSignal = (method: string, data: unknown) => Promise<unknown>;

const engines: CallEngine[] = [];
const directTransports: Transport[] = [];
const pcs: RTCPeerConnection[] = [];
const Native = window.RTCPeerConnection;
window.RTCPeerConnection = class extends Native {
  constructor(config?: RTCConfiguration) {
    super(config);
    pcs.push(this);
  }
};

async function sfuJoin(options: SfuJoin): Promise<string> {
  const engine = new CallEngine({
    focus: { sfuUrl: options.sfuUrl, source: 'well-known', policyIceServers: null },
    roomId: options.roomId,
    userId: options.userId,
    deviceId: options.deviceId,
    displayName: options.deviceId,
    getOpenIdToken: () => Promise.resolve(options.token),
    ...(options.encrypt
      ? {
          createEncryption: (changed: () => void) =>
            new MediaEncryption({
              transport: benchKeyTransport(options.userId, options.deviceId),
              mayReceiveKeys: () => true,
              changed,
              createWorker: () => new Worker('/frameWorker.js', { type: 'module' }),
            }),
        }
      : {}),
  });
  engines.push(engine);
  const tracks = options.send
    ? { microphone: await captureMicrophone(null), camera: await captureCamera(null) }
    : { microphone: null, camera: null };
  await engine.join(tracks);
  return engine.snapshot().state.phase;
}

async function directJoin(send: boolean): Promise<string> {
  const signal = (window as unknown as { directSignal: DirectSignal }).directSignal;
  const device = await Device.factory();
  await device.load({ routerRtpCapabilities: (await signal('caps', null)) as RtpCapabilities });
  const info = (await signal('transport', null)) as {
    id: string;
    iceParameters: IceParameters;
    iceCandidates: IceCandidate[];
    dtlsParameters: DtlsParameters;
  };
  const transport = send ? device.createSendTransport(info) : device.createRecvTransport(info);
  directTransports.push(transport);
  transport.on('connect', ({ dtlsParameters }, ok, fail) => {
    signal('connect', { transportId: transport.id, dtlsParameters }).then(() => ok(), fail);
  });
  if (send) {
    transport.on('produce', ({ kind, rtpParameters }, ok, fail) => {
      signal('produce', { transportId: transport.id, kind, rtpParameters }).then((id) => ok({ id: id as string }), fail);
    });
    await transport.produce({ track: await captureMicrophone(null) });
    await transport.produce({ track: await captureCamera(null), encodings: CAMERA_SIMULCAST });
    return 'joined';
  }
  const consumers = (await signal('consume', { transportId: transport.id, rtpCapabilities: device.recvRtpCapabilities })) as {
    id: string;
    producerId: string;
    kind: 'audio' | 'video';
    rtpParameters: RtpParameters;
  }[];
  for (const c of consumers) {
    await transport.consume(c);
    await signal('resume', { consumerId: c.id });
  }
  return 'joined';
}

async function stats(): Promise<{ framesDecoded: number; audioPackets: number }> {
  const totals = { framesDecoded: 0, audioPackets: 0 };
  for (const pc of pcs) {
    if (pc.connectionState === 'closed') continue;
    (await pc.getStats()).forEach((s: { type: string; kind?: string; framesDecoded?: number; packetsReceived?: number }) => {
      if (s.type !== 'inbound-rtp') return;
      if (s.kind === 'video') totals.framesDecoded += s.framesDecoded ?? 0;
      else totals.audioPackets += s.packetsReceived ?? 0;
    });
  }
  return totals;
}

async function leaveAll(): Promise<void> {
  await Promise.all(engines.splice(0).map((e) => e.leave()));
  for (const t of directTransports.splice(0)) t.close();
}

Object.assign(window, { benchCall: { sfuJoin, directJoin, stats, leaveAll, keyIn: benchKeyIn } });
