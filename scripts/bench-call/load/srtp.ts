// SRTP (RFC 3711, AES_CM_128_HMAC_SHA1_80, the suite browsers offer) for synthetic senders, so the
// SFU decrypts and re-encrypts every packet as it does for WebRTC participants: that is a large part
// of its cost per forwarded stream, which plain RTP alone would leave out. Sender side only; the
// receivers count packets without decrypting them.
import { createCipheriv, createHmac, randomBytes } from 'node:crypto';

export const SRTP_SUITE = 'AES_CM_128_HMAC_SHA1_80';
const MASTER_KEY_BYTES = 16;
const MASTER_SALT_BYTES = 14;
const AUTH_TAG_BYTES = 10;

export interface SrtpParameters {
  cryptoSuite: typeof SRTP_SUITE;
  keyBase64: string;
}

export interface SessionKeys {
  cipherKey: Buffer;
  cipherSalt: Buffer;
  authKey: Buffer;
}

/** A fresh master key and salt, as mediasoup takes them (base64 of key || salt). */
export function randomSrtpParameters(): SrtpParameters {
  return { cryptoSuite: SRTP_SUITE, keyBase64: randomBytes(MASTER_KEY_BYTES + MASTER_SALT_BYTES).toString('base64') };
}

/** AES-CM keystream from `key` starting at counter block `iv`. */
function keystream(key: Buffer, iv: Buffer, length: number): Buffer {
  return createCipheriv('aes-128-ctr', key, iv).update(Buffer.alloc(length));
}

/** The session keys of RFC 3711 §4.3 with key_derivation_rate 0 (labels 0, 1, 2 for SRTP). */
export function deriveSessionKeys(masterKey: Buffer, masterSalt: Buffer): SessionKeys {
  const derive = (label: number, length: number) => {
    const iv = Buffer.alloc(16);
    masterSalt.copy(iv, 0);
    iv[7] = (iv[7] ?? 0) ^ label; // key_id = label || r (r = 0), right-aligned in the 112-bit salt
    return keystream(masterKey, iv, length);
  };
  return { cipherKey: derive(0, 16), authKey: derive(1, 20), cipherSalt: derive(2, 14) };
}

/** Encrypts and authenticates RTP packets of any number of SSRCs under one master key. */
export class SrtpSender {
  private readonly keys: SessionKeys;
  /** Per SSRC: the rollover counter and last sequence number sent. */
  private readonly rollover = new Map<number, { roc: number; lastSeq: number }>();

  constructor(parameters: SrtpParameters) {
    const master = Buffer.from(parameters.keyBase64, 'base64');
    this.keys = deriveSessionKeys(master.subarray(0, MASTER_KEY_BYTES), master.subarray(MASTER_KEY_BYTES));
  }

  /** `packet`: an RTP packet with a 12-byte header (no CSRC or extension), as rtp.ts builds them. */
  protect(packet: Buffer): Buffer {
    const ssrc = packet.readUInt32BE(8);
    const seq = packet.readUInt16BE(2);
    let state = this.rollover.get(ssrc);
    if (!state) this.rollover.set(ssrc, (state = { roc: 0, lastSeq: seq }));
    else if (seq < state.lastSeq && state.lastSeq - seq > 0x8000) state.roc = (state.roc + 1) >>> 0;
    state.lastSeq = seq;
    const iv = Buffer.alloc(16);
    this.keys.cipherSalt.copy(iv, 0);
    iv.writeUInt32BE((iv.readUInt32BE(4) ^ ssrc) >>> 0, 4);
    iv.writeUInt32BE((iv.readUInt32BE(8) ^ state.roc) >>> 0, 8);
    iv.writeUInt16BE(iv.readUInt16BE(12) ^ seq, 12);
    const header = packet.subarray(0, 12);
    const payload = createCipheriv('aes-128-ctr', this.keys.cipherKey, iv).update(packet.subarray(12));
    const roc = Buffer.alloc(4);
    roc.writeUInt32BE(state.roc);
    const tag = createHmac('sha1', this.keys.authKey)
      .update(header)
      .update(payload)
      .update(roc)
      .digest()
      .subarray(0, AUTH_TAG_BYTES);
    return Buffer.concat([header, payload, tag]);
  }
}
