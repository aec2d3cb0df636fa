import { describe, expect, it } from 'vitest';
import {
  AttachmentIntegrityError,
  decryptAttachment,
  encryptAttachment,
} from '../../../../src/renderer/matrix/attachmentCrypto.ts';
import {
  APP_MAX_UPLOAD_BYTES,
  AttachmentTooLargeError,
  checkUploadSize,
  effectiveUploadLimit,
} from '../../../../src/renderer/matrix/attachments.ts';

describe('encrypted attachments (Matrix v2)', () => {
  const plaintext = new TextEncoder().encode('Compte rendu de réunion — confidentiel').buffer;

  it('round-trips, and the ciphertext differs from the plaintext', async () => {
    const { data, info } = await encryptAttachment(plaintext);
    expect(new Uint8Array(data)).not.toEqual(new Uint8Array(plaintext));
    expect(new TextDecoder().decode(await decryptAttachment(data, info))).toBe('Compte rendu de réunion — confidentiel');
  });

  it('has the spec shape: v2, A256CTR JWK, 16-byte IV with a zero counter half, unpadded base64 hash', async () => {
    const { info } = await encryptAttachment(plaintext);
    expect(info.v).toBe('v2');
    expect(info.key).toMatchObject({ kty: 'oct', alg: 'A256CTR', ext: true });
    expect(info.key.k).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const iv = Uint8Array.from(atob(`${info.iv}==`), (c) => c.charCodeAt(0));
    expect(iv).toHaveLength(16);
    expect([...iv.subarray(8)]).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(info.hashes.sha256).toMatch(/^[A-Za-z0-9+/]{43}$/);
  });

  it('uses a fresh key and IV for every file', async () => {
    const a = await encryptAttachment(plaintext);
    const b = await encryptAttachment(plaintext);
    expect(a.info.key.k).not.toBe(b.info.key.k);
    expect(a.info.iv).not.toBe(b.info.iv);
  });

  it('refuses a tampered or truncated ciphertext', async () => {
    const { data, info } = await encryptAttachment(plaintext);
    const tampered = new Uint8Array(data.slice(0));
    tampered[0] = (tampered[0] ?? 0) ^ 1;
    await expect(decryptAttachment(tampered.buffer, info)).rejects.toBeInstanceOf(AttachmentIntegrityError);
    await expect(decryptAttachment(data.slice(0, 4), info)).rejects.toBeInstanceOf(AttachmentIntegrityError);
  });
});

describe('upload size limits', () => {
  it('takes the smaller of the server limit and the app ceiling', () => {
    expect(effectiveUploadLimit(5_000_000)).toBe(5_000_000);
    expect(effectiveUploadLimit(10 * APP_MAX_UPLOAD_BYTES)).toBe(APP_MAX_UPLOAD_BYTES);
    expect(effectiveUploadLimit(undefined)).toBe(APP_MAX_UPLOAD_BYTES);
    expect(effectiveUploadLimit(0)).toBe(APP_MAX_UPLOAD_BYTES);
  });

  it('refuses a file over the limit with its name, size and the limit', () => {
    expect(() => checkUploadSize({ name: 'ok.pdf', size: 5_000_000 }, 5_000_000)).not.toThrow();
    try {
      checkUploadSize({ name: 'big.iso', size: 5_000_001 }, 5_000_000);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AttachmentTooLargeError);
      expect(error).toMatchObject({ fileName: 'big.iso', size: 5_000_001, limit: 5_000_000 });
    }
  });
});
