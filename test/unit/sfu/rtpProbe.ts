// RTP without WebRTC for the SFU tests: a peer's media goes in and out through plain RTP transports
// slipped into its transports (Node has no WebRTC), and a UDP socket plays the client on each side.
import { createSocket, type Socket } from 'node:dgram';
import type { types } from 'mediasoup';
import type { Peer } from '../../../sfu/src/peer.ts';

export const OPUS_PAYLOAD_TYPE = 111;

/** Opus RTP parameters with the audio-level extension (what the active speaker observer reads). */
export function opusWithLevel(ssrc: number): types.RtpParameters {
  return {
    codecs: [{ mimeType: 'audio/opus', payloadType: OPUS_PAYLOAD_TYPE, clockRate: 48000, channels: 2 }],
    encodings: [{ ssrc }],
    headerExtensions: [{ uri: 'urn:ietf:params:rtp-hdrext:ssrc-audio-level', id: 1 }],
  };
}

/** A plain transport on the peer's router, registered as one of its transports. */
export async function plainTransportFor(
  router: types.Router,
  peer: Peer,
  direction: 'send' | 'recv',
): Promise<types.PlainTransport> {
  const plain = await router.createPlainTransport({ listenIp: '127.0.0.1', rtcpMux: true, comedia: direction === 'send' });
  peer.transports.set(plain.id, { transport: plain as unknown as types.WebRtcTransport, direction });
  return plain;
}

/** Sends loud voice-active Opus RTP every 20 ms to a plain transport; returns a stop function. */
export function sendLoudAudio(port: number, ssrc: number): () => void {
  const socket = createSocket('udp4');
  let seq = 0;
  const timer = setInterval(() => {
    // RTP with a one-byte header extension: id 1 = audio level, voice activity on, loud (-10 dBov).
    const packet = Buffer.alloc(12 + 8 + 20, 0xaa);
    packet.writeUInt8(0x90, 0);
    packet.writeUInt8(OPUS_PAYLOAD_TYPE, 1);
    packet.writeUInt16BE(seq & 0xffff, 2);
    packet.writeUInt32BE((seq * 960) >>> 0, 4);
    packet.writeUInt32BE(ssrc, 8);
    packet.writeUInt16BE(0xbede, 12);
    packet.writeUInt16BE(1, 14);
    packet.writeUInt8(0x10, 16);
    packet.writeUInt8(0x80 | 10, 17);
    packet.writeUInt16BE(0, 18);
    seq++;
    socket.send(packet, port, '127.0.0.1');
  }, 20);
  return () => {
    clearInterval(timer);
    socket.close();
  };
}

export interface RtpSink {
  port: number;
  /** RTP packets received (RTCP, whose second byte is its packet type 192–223, excluded). */
  packets(): number;
  close(): void;
}

/** A UDP socket a recv plain transport sends to, counting the RTP it gets. */
export async function rtpSink(): Promise<RtpSink> {
  const socket: Socket = createSocket('udp4');
  let packets = 0;
  socket.on('message', (message: Buffer) => {
    const second = message[1] ?? 0;
    if (second < 192 || second > 223) packets++;
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    port: socket.address().port,
    packets: () => packets,
    close: () => socket.close(),
  };
}
