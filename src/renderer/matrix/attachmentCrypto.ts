// Encrypted attachments as the Matrix spec defines them (v2): AES-256-CTR with a random key and a
// 64-bit random IV prefix, the ciphertext's SHA-256 in unpadded base64, the key as a JWK.
// Written on WebCrypto so it runs in Chromium, Electron and Node alike.

export interface EncryptedFileInfo {
  v: 'v2';
  key: { kty: 'oct'; key_ops: string[]; alg: 'A256CTR'; k: string; ext: true };
  iv: string;
  hashes: { sha256: string };
}

export async function encryptAttachment(plaintext: ArrayBuffer): Promise<{ data: ArrayBuffer; info: EncryptedFileInfo }> {
  const iv = new Uint8Array(16);
  // The high 64 bits are random; the low 64 bits are the block counter and start at zero, so a file
  // of any size never wraps the counter.
  crypto.getRandomValues(iv.subarray(0, 8));
  const key = await crypto.subtle.generateKey({ name: 'AES-CTR', length: 256 }, true, ['encrypt', 'decrypt']);
  const data = await crypto.subtle.encrypt({ name: 'AES-CTR', counter: iv, length: 64 }, key, plaintext);
  const jwk = await crypto.subtle.exportKey('jwk', key);
  const hash = await crypto.subtle.digest('SHA-256', data);
  return {
    data,
    info: {
      v: 'v2',
      key: { kty: 'oct', key_ops: ['encrypt', 'decrypt'], alg: 'A256CTR', k: jwk.k ?? '', ext: true },
      iv: unpaddedBase64(iv),
      hashes: { sha256: unpaddedBase64(new Uint8Array(hash)) },
    },
  };
}

export class AttachmentIntegrityError extends Error {
  constructor() {
    super('The attachment does not match its hash: it was altered or truncated');
    this.name = 'AttachmentIntegrityError';
  }
}

export async function decryptAttachment(ciphertext: ArrayBuffer, info: EncryptedFileInfo): Promise<ArrayBuffer> {
  const expected = info.hashes.sha256;
  const actual = unpaddedBase64(new Uint8Array(await crypto.subtle.digest('SHA-256', ciphertext)));
  if (actual !== expected.replace(/=+$/, '')) throw new AttachmentIntegrityError();
  const key = await crypto.subtle.importKey('jwk', { ...info.key, key_ops: ['encrypt', 'decrypt'] }, { name: 'AES-CTR' }, false, [
    'decrypt',
  ]);
  const iv = base64ToBytes(info.iv);
  return crypto.subtle.decrypt({ name: 'AES-CTR', counter: iv, length: 64 }, key, ciphertext);
}

function unpaddedBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/=+$/, '');
}

function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  const padded = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(padded + '='.repeat((4 - (padded.length % 4)) % 4));
  const out = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
