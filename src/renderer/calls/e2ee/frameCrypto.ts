// Encrypts and decrypts one media frame with AES-GCM (WebCrypto), in the layout of frameLayout.ts.
// The clear header is authenticated as additional data: a frame whose header was altered on the way
// fails like one under the wrong key. Runs in the media worker; plain functions so Node tests them.
import { assembleFrame, parseFrame, type ParsedFrame } from './frameLayout.ts';

/** LiveKit's salt and info for turning the shared key into the frame key (HKDF-SHA-256). */
const SALT = new TextEncoder().encode('LKFrameEncryptionKey');
const INFO = new Uint8Array(128);

/** The AES-GCM key for frames, from the raw key the sender shared (16 random bytes). */
export async function deriveFrameKey(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', raw, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', salt: SALT, hash: 'SHA-256', info: INFO },
    material,
    { name: 'AES-GCM', length: 128 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export async function encryptFrame(
  data: Uint8Array<ArrayBuffer>,
  headerLength: number,
  key: CryptoKey,
  keyIndex: number,
  iv: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  const header = data.subarray(0, Math.min(headerLength, data.length));
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: header },
    key,
    data.subarray(header.length),
  );
  return assembleFrame(header, new Uint8Array(ciphertext), iv, keyIndex);
}

export type DecryptResult =
  | { ok: true; data: Uint8Array<ArrayBuffer> }
  /** not-encrypted: no trailer; no-key: a key index we were not given; failed: wrong key or altered. */
  | { ok: false; reason: 'not-encrypted' | 'no-key' | 'failed' };

export async function decryptFrame(
  data: Uint8Array<ArrayBuffer>,
  headerLength: number,
  keyFor: (keyIndex: number) => CryptoKey | undefined,
): Promise<DecryptResult> {
  const frame: ParsedFrame | null = parseFrame(data, headerLength);
  if (!frame) return { ok: false, reason: 'not-encrypted' };
  const key = keyFor(frame.keyIndex);
  if (!key) return { ok: false, reason: 'no-key' };
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: frame.iv, additionalData: frame.header },
      key,
      frame.ciphertext,
    );
    const out = new Uint8Array(frame.header.length + plain.byteLength);
    out.set(frame.header, 0);
    out.set(new Uint8Array(plain), frame.header.length);
    return { ok: true, data: out };
  } catch {
    return { ok: false, reason: 'failed' };
  }
}
