import { describe, expect, it } from 'vitest';
import {
  assembleFrame,
  clearHeaderBytes,
  frameIv,
  IV_LENGTH,
  parseFrame,
  TAG_LENGTH,
} from '../../../../../src/renderer/calls/e2ee/frameLayout.ts';

describe('encrypted frame layout', () => {
  it('keeps in clear what the SFU reads: VP8 key frame 10 bytes, delta 3, Opus TOC 1, other video none', () => {
    expect(clearHeaderBytes('video', 'video/VP8', true)).toBe(10);
    expect(clearHeaderBytes('video', 'video/VP8', false)).toBe(3);
    expect(clearHeaderBytes('video', undefined, true)).toBe(10);
    expect(clearHeaderBytes('audio', 'audio/opus', false)).toBe(1);
    expect(clearHeaderBytes('video', 'video/VP9', true)).toBe(0);
  });

  it('builds a 12-byte IV from SSRC, RTP timestamp and counter, big-endian', () => {
    expect([...frameIv(0x01020304, 0x05060708, 0x090a0b0c)]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(frameIv(2 ** 32 + 1, 0, 0)[3]).toBe(1);
  });

  it('writes header, ciphertext, IV, IV length and key index, and reads them back', () => {
    const header = Uint8Array.of(0xaa, 0xbb, 0xcc);
    const ciphertext = new Uint8Array(TAG_LENGTH + 4).fill(7);
    const iv = frameIv(1, 2, 3);
    const frame = assembleFrame(header, ciphertext, iv, 5);
    expect(frame.length).toBe(3 + ciphertext.length + IV_LENGTH + 2);
    expect(frame[frame.length - 2]).toBe(IV_LENGTH);
    expect(frame[frame.length - 1]).toBe(5);
    const parsed = parseFrame(frame, 3);
    expect(parsed && [...parsed.header]).toEqual([0xaa, 0xbb, 0xcc]);
    expect(parsed && [...parsed.ciphertext]).toEqual([...ciphertext]);
    expect(parsed && [...parsed.iv]).toEqual([...iv]);
    expect(parsed?.keyIndex).toBe(5);
  });

  it('wraps the key index at a byte', () => {
    const frame = assembleFrame(new Uint8Array(0), new Uint8Array(TAG_LENGTH), frameIv(0, 0, 0), 257);
    expect(frame[frame.length - 1]).toBe(1);
  });

  it('refuses what cannot be an encrypted frame: too short, or no IV-length byte', () => {
    expect(parseFrame(new Uint8Array(10), 0)).toBeNull();
    const clear = new Uint8Array(200).fill(1);
    expect(parseFrame(clear, 10)).toBeNull();
    const noRoomForTag = assembleFrame(new Uint8Array(10), new Uint8Array(TAG_LENGTH - 1), frameIv(0, 0, 0), 0);
    expect(parseFrame(noRoomForTag, 10)).toBeNull();
  });
});
