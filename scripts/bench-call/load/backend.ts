// What a synthetic participant needs from the media server, implemented twice: through the Relais
// SFU (its real WebSocket signaling and Matrix auth, sfuBackend.ts) and on a bare mediasoup router
// driven from this process (directBackend.ts, the baseline). The load itself is the same code.
import type { types } from 'mediasoup';
import type { SrtpParameters } from './srtp.ts';

export interface PlainEndpoint {
  transportId: string;
  ip: string;
  port: number;
}

export interface ConnectOptions {
  /** A recv transport: where the server should send this participant's media. */
  ip?: string;
  port?: number;
  /** An SRTP transport: the key this participant encrypts with. */
  srtpParameters?: SrtpParameters;
}

export interface ConsumedStream {
  consumerId: string;
  ssrc: number;
  payloadType: number;
}

export interface LoadParticipant {
  /** `srtp`: media encrypted as WebRTC's is (SRTP), so the server does that work too. */
  createTransport(direction: 'send' | 'recv', srtp: boolean): Promise<PlainEndpoint>;
  connect(transportId: string, options: ConnectOptions): Promise<void>;
  produce(transportId: string, kind: types.MediaKind, rtpParameters: types.RtpParameters): Promise<string>;
  /** Consumes and resumes (the server creates consumers paused). */
  consume(transportId: string, producerId: string): Promise<ConsumedStream>;
  close(): void;
}

export interface LoadBackend {
  label: string;
  join(index: number): Promise<LoadParticipant>;
  /** mediasoup worker processes (CPU read from /proc). */
  workerPids(): number[];
  /** The Node processes that signal, one per SFU node (none when it is this process). */
  signalingPids: number[];
  close(): Promise<void>;
}

export const VIDEO_PAYLOAD_TYPE = 96;
export const AUDIO_PAYLOAD_TYPE = 111;

/** A single-layer VP8 camera, as a browser without simulcast sends it; PLI and FIR ask it for key frames. */
export function videoRtpParameters(ssrc: number): types.RtpParameters {
  return {
    codecs: [
      {
        mimeType: 'video/VP8',
        payloadType: VIDEO_PAYLOAD_TYPE,
        clockRate: 90_000,
        rtcpFeedback: [
          { type: 'nack', parameter: 'pli' },
          { type: 'ccm', parameter: 'fir' },
        ],
      },
    ],
    encodings: [{ ssrc }],
    headerExtensions: [],
  };
}

export function audioRtpParameters(ssrc: number): types.RtpParameters {
  return {
    codecs: [{ mimeType: 'audio/opus', payloadType: AUDIO_PAYLOAD_TYPE, clockRate: 48_000, channels: 2 }],
    encodings: [{ ssrc }],
    headerExtensions: [],
  };
}

/**
 * What a synthetic receiver declares it can take: the router's Opus and VP8, without RTX or header
 * extensions (nothing here would use them), so consumers send exactly one plain stream each.
 */
export function receiverCapabilities(router: types.RtpCapabilities): types.RtpCapabilities {
  return {
    codecs: (router.codecs ?? [])
      .filter((codec) => ['audio/opus', 'video/vp8'].includes(codec.mimeType.toLowerCase()))
      .map((codec) => ({ ...codec, rtcpFeedback: [] })),
    headerExtensions: [],
  };
}

/** The SSRC and payload type a consumer sends with. */
export function consumedStream(consumerId: string, rtpParameters: types.RtpParameters): ConsumedStream {
  const ssrc = rtpParameters.encodings?.[0]?.ssrc;
  const payloadType = rtpParameters.codecs[0]?.payloadType;
  if (ssrc === undefined || payloadType === undefined) throw new Error(`consumer ${consumerId} has no SSRC or codec`);
  return { consumerId, ssrc, payloadType };
}

/** A random 32-bit SSRC (collisions among a few hundred streams are negligible; mediasoup would refuse one). */
export function randomSsrc(): number {
  return (Math.floor(Math.random() * 0xfffffff0) + 1) >>> 0;
}
