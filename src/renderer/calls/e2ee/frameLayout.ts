// The byte layout of an encrypted media frame, as LiveKit's FrameCryptor (and so Element Call) writes
// it: [clear header][AES-GCM ciphertext + tag][IV, 12 bytes][IV length][key index]. The clear header
// is the few bytes the SFU must still read: VP8's payload header (10 bytes on a key frame, 3 otherwise)
// carries the key-frame bit and the picture size mediasoup uses to switch simulcast layers, and Opus's
// first (TOC) byte tells the packetiser the frame's configuration. Pure: no WebCrypto, no WebRTC.

export const IV_LENGTH = 12;
/** IV length byte and key index byte. */
export const TRAILER_LENGTH = 2;
/** AES-GCM authentication tag, 128 bits. */
export const TAG_LENGTH = 16;
/** Key indexes wrap at a byte, as in the to-device format; a receiver keeps this many per sender. */
export const KEY_INDEX_LIMIT = 256;

export type FrameKind = 'audio' | 'video';

/**
 * How many leading bytes stay in clear. Video codecs other than VP8 keep none: the engine sends VP8
 * when media is encrypted (H264's start codes would otherwise be scrambled, and the SFU could not
 * find its NAL units).
 */
export function clearHeaderBytes(kind: FrameKind, mimeType: string | undefined, keyFrame: boolean): number {
  if (kind === 'audio') return 1;
  if (mimeType === undefined || mimeType.toLowerCase() === 'video/vp8') return keyFrame ? 10 : 3;
  return 0;
}

/**
 * A 96-bit IV unique per key: the stream's SSRC, the frame's RTP timestamp and a per-stream counter
 * (two frames of one stream can share a timestamp: simulcast layers have distinct SSRCs, but a
 * retransmitted encode would not).
 */
export function frameIv(ssrc: number, rtpTimestamp: number, counter: number): Uint8Array<ArrayBuffer> {
  const iv = new Uint8Array(IV_LENGTH);
  const view = new DataView(iv.buffer);
  view.setUint32(0, ssrc >>> 0);
  view.setUint32(4, rtpTimestamp >>> 0);
  view.setUint32(8, counter >>> 0);
  return iv;
}

/** Joins the parts of an encrypted frame. */
export function assembleFrame(
  header: Uint8Array,
  ciphertext: Uint8Array,
  iv: Uint8Array,
  keyIndex: number,
): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(header.length + ciphertext.length + iv.length + TRAILER_LENGTH);
  out.set(header, 0);
  out.set(ciphertext, header.length);
  out.set(iv, header.length + ciphertext.length);
  out[out.length - 2] = iv.length;
  out[out.length - 1] = keyIndex % KEY_INDEX_LIMIT;
  return out;
}

export interface ParsedFrame {
  header: Uint8Array<ArrayBuffer>;
  ciphertext: Uint8Array<ArrayBuffer>;
  iv: Uint8Array<ArrayBuffer>;
  keyIndex: number;
}

/** Splits an encrypted frame; null when it cannot be one (too short, or not our trailer). */
export function parseFrame(data: Uint8Array<ArrayBuffer>, headerLength: number): ParsedFrame | null {
  const ivLength = data[data.length - 2];
  const keyIndex = data[data.length - 1];
  if (ivLength !== IV_LENGTH || keyIndex === undefined) return null;
  const ciphertextEnd = data.length - TRAILER_LENGTH - IV_LENGTH;
  if (ciphertextEnd - headerLength < TAG_LENGTH) return null;
  return {
    header: data.subarray(0, headerLength),
    ciphertext: data.subarray(headerLength, ciphertextEnd),
    iv: data.subarray(ciphertextEnd, ciphertextEnd + IV_LENGTH),
    keyIndex,
  };
}
