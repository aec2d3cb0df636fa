// RTP for synthetic participants, built by hand: no encoder runs (none is installed, and one would
// compete with the SFU for the same two cores). Video is *synthetic VP8*: RTP headers, a valid VP8
// payload descriptor (RFC 7741, two-byte picture id) and a VP8 frame tag marking key and inter
// frames, so mediasoup parses, forwards and waits for key frames exactly as for a camera; the rest of
// each payload is filler, not decodable pictures. Audio is Opus-sized packets at 50 per second.

export const RTP_HEADER_BYTES = 12;
/** Payload descriptor: X, I (+ M: two-byte picture id). */
const VP8_DESCRIPTOR_BYTES = 4;
/** A key frame's first payload starts with the frame tag (3 bytes), start code (3) and size (4). */
const VP8_KEY_HEADER_BYTES = 10;

export interface RtpHeader {
  payloadType: number;
  sequenceNumber: number;
  timestamp: number;
  ssrc: number;
  marker: boolean;
}

/** Writes a 12-byte RTP header (version 2, no padding, extension or CSRC) at the start of `packet`. */
export function writeRtpHeader(packet: Buffer, header: RtpHeader): void {
  packet.writeUInt8(0x80, 0);
  packet.writeUInt8((header.marker ? 0x80 : 0) | (header.payloadType & 0x7f), 1);
  packet.writeUInt16BE(header.sequenceNumber & 0xffff, 2);
  packet.writeUInt32BE(header.timestamp >>> 0, 4);
  packet.writeUInt32BE(header.ssrc >>> 0, 8);
}

export function readRtpHeader(packet: Buffer): RtpHeader | null {
  if (packet.length < RTP_HEADER_BYTES || packet.readUInt8(0) >> 6 !== 2) return null;
  const second = packet.readUInt8(1);
  return {
    payloadType: second & 0x7f,
    marker: (second & 0x80) !== 0,
    sequenceNumber: packet.readUInt16BE(2),
    timestamp: packet.readUInt32BE(4),
    ssrc: packet.readUInt32BE(8),
  };
}

/** RTCP packet types 192–223 share the port with RTP (rtcp-mux): RFC 5761's demultiplexing rule. */
export function isRtcp(packet: Buffer): boolean {
  return packet.length >= 8 && packet.readUInt8(1) >= 192 && packet.readUInt8(1) <= 223;
}

/**
 * Whether a (compound) RTCP packet asks the media source `ssrc` for a key frame: PLI (PT 206,
 * FMT 1) or FIR (PT 206, FMT 4, the SSRC in its FCI).
 */
export function asksForKeyFrame(packet: Buffer, ssrc: number): boolean {
  let offset = 0;
  while (offset + 12 <= packet.length) {
    const fmt = packet.readUInt8(offset) & 0x1f;
    const type = packet.readUInt8(offset + 1);
    const length = (packet.readUInt16BE(offset + 2) + 1) * 4;
    if (type === 206 && fmt === 1 && packet.readUInt32BE(offset + 8) >>> 0 === ssrc >>> 0) return true;
    if (type === 206 && fmt === 4 && offset + 16 <= packet.length && packet.readUInt32BE(offset + 12) >>> 0 === ssrc >>> 0)
      return true;
    offset += length;
  }
  return false;
}

/** Whether the first RTCP header (the part SRTCP leaves in clear) is a PLI or FIR. */
export function firstAsksForKeyFrame(packet: Buffer): boolean {
  const fmt = packet.readUInt8(0) & 0x1f;
  return packet.readUInt8(1) === 206 && (fmt === 1 || fmt === 4);
}

/**
 * Sizes of the RTP payloads of one video frame at `kbps` and `fps`, split into packets of at most
 * `maxPayload` bytes (a browser's are about 1,100–1,200): equal parts, so every packet is realistic.
 */
export function framePayloadSizes(kbps: number, fps: number, maxPayload = 1100): number[] {
  const frameBytes = Math.max(VP8_DESCRIPTOR_BYTES + VP8_KEY_HEADER_BYTES + 1, Math.round((kbps * 1000) / 8 / fps));
  const count = Math.ceil(frameBytes / maxPayload);
  const base = Math.floor(frameBytes / count);
  return Array.from({ length: count }, (_, i) => base + (i < frameBytes - base * count ? 1 : 0));
}

export interface VideoStream {
  ssrc: number;
  payloadType: number;
  sequenceNumber: number;
  timestamp: number;
  pictureId: number;
}

/**
 * One synthetic VP8 frame as RTP packets (payload sizes from framePayloadSizes; each packet is an
 * RTP header plus that payload). Advances the stream's sequence number, picture id and timestamp.
 */
export function vp8FramePackets(stream: VideoStream, payloadSizes: readonly number[], keyFrame: boolean, fps: number): Buffer[] {
  const packets = payloadSizes.map((size, index) => {
    const packet = Buffer.alloc(RTP_HEADER_BYTES + size, 0x5a);
    writeRtpHeader(packet, {
      payloadType: stream.payloadType,
      sequenceNumber: stream.sequenceNumber++,
      timestamp: stream.timestamp,
      ssrc: stream.ssrc,
      marker: index === payloadSizes.length - 1,
    });
    let at = RTP_HEADER_BYTES;
    // X=1, S (start of partition 0) on the frame's first packet, PID=0.
    packet.writeUInt8(index === 0 ? 0x90 : 0x80, at++);
    packet.writeUInt8(0x80, at++); // I: a picture id follows
    packet.writeUInt16BE(0x8000 | (stream.pictureId & 0x7fff), at); // M: 15-bit picture id
    at += 2;
    if (index === 0) {
      // Frame tag: bit 0 is 0 for a key frame; show_frame set. A key frame carries the start code
      // and its size (640×360), as an encoder writes them.
      packet.writeUInt8(keyFrame ? 0x10 : 0x11, at);
      if (keyFrame) {
        packet.set([0x9d, 0x01, 0x2a], at + 3);
        packet.writeUInt16LE(640, at + 6);
        packet.writeUInt16LE(360, at + 8);
      }
    }
    return packet;
  });
  stream.pictureId = (stream.pictureId + 1) & 0x7fff;
  stream.timestamp = (stream.timestamp + 90_000 / fps) >>> 0;
  return packets;
}

export interface AudioStream {
  ssrc: number;
  payloadType: number;
  sequenceNumber: number;
  timestamp: number;
}

/** Opus at 48 kHz in 20 ms packets: 960 samples each; `payloadBytes` 80 is about 32 kbit/s of speech. */
export function opusPacket(stream: AudioStream, payloadBytes = 80): Buffer {
  const packet = Buffer.alloc(RTP_HEADER_BYTES + payloadBytes, 0x33);
  writeRtpHeader(packet, {
    payloadType: stream.payloadType,
    sequenceNumber: stream.sequenceNumber++,
    timestamp: stream.timestamp,
    ssrc: stream.ssrc,
    marker: false,
  });
  stream.timestamp = (stream.timestamp + 960) >>> 0;
  return packet;
}
