import { describe, expect, it } from 'vitest';
import { decryptFrame, deriveFrameKey, encryptFrame } from '../../../../../src/renderer/calls/e2ee/frameCrypto.ts';
import { frameIv } from '../../../../../src/renderer/calls/e2ee/frameLayout.ts';

const raw = (fill: number) => new Uint8Array(16).fill(fill);
const frame = () => Uint8Array.from({ length: 300 }, (_, i) => i % 251);

describe('frame encryption (AES-GCM, WebCrypto)', () => {
  it('round-trips a frame under its key index, and leaves the header in clear', async () => {
    const key = await deriveFrameKey(raw(1));
    const plain = frame();
    const sealed = await encryptFrame(plain, 10, key, 3, frameIv(9, 9, 1));
    expect([...sealed.subarray(0, 10)]).toEqual([...plain.subarray(0, 10)]);
    // The body is not readable: no long run of the original bytes survives.
    expect(Buffer.from(sealed).includes(Buffer.from(plain.subarray(10, 40)))).toBe(false);
    const opened = await decryptFrame(sealed, 10, (index) => (index === 3 ? key : undefined));
    expect(opened.ok && [...opened.data]).toEqual([...plain]);
  });

  it('says which failure: no key for the index, a wrong key, an altered header, a clear frame', async () => {
    const key = await deriveFrameKey(raw(1));
    const other = await deriveFrameKey(raw(2));
    const sealed = await encryptFrame(frame(), 3, key, 0, frameIv(1, 1, 1));
    expect(await decryptFrame(sealed, 3, () => undefined)).toEqual({ ok: false, reason: 'no-key' });
    expect(await decryptFrame(sealed, 3, () => other)).toEqual({ ok: false, reason: 'failed' });
    const altered = sealed.slice();
    altered[0] = (altered[0] ?? 0) ^ 1;
    expect(await decryptFrame(altered, 3, () => key)).toEqual({ ok: false, reason: 'failed' });
    expect(await decryptFrame(frame(), 3, () => key)).toEqual({ ok: false, reason: 'not-encrypted' });
  });

  it('derives the same frame key from the same shared key, and different ones from different keys', async () => {
    const a = await deriveFrameKey(raw(5));
    const b = await deriveFrameKey(raw(5));
    const sealed = await encryptFrame(frame(), 1, a, 0, frameIv(1, 2, 3));
    expect((await decryptFrame(sealed, 1, () => b)).ok).toBe(true);
  });
});
