import { describe, expect, it } from 'vitest';
import { KeyFrameNeed } from '../../../../../src/renderer/calls/e2ee/keyFrameNeed.ts';

describe('KeyFrameNeed', () => {
  it('asks nothing while every frame decrypts', () => {
    const need = new KeyFrameNeed(1000);
    expect([0, 33, 66].map((t) => need.record('a', true, t === 0, t))).toEqual([false, false, false]);
  });

  it('asks for a key frame at the first delta frame that decrypts after a failure', () => {
    const need = new KeyFrameNeed(1000);
    expect(need.record('a', false, true, 0)).toBe(false); // the key frame itself was lost
    expect(need.record('a', false, false, 33)).toBe(false);
    expect(need.record('a', true, false, 66)).toBe(true); // the key arrived: ask
    expect(need.record('a', true, false, 99)).toBe(false); // asked a moment ago
  });

  it('asks again while no key frame comes, and stops once one has passed', () => {
    const need = new KeyFrameNeed(1000);
    need.record('a', false, false, 0);
    expect(need.record('a', true, false, 100)).toBe(true);
    expect(need.record('a', true, false, 1099)).toBe(false);
    expect(need.record('a', true, false, 1100)).toBe(true);
    expect(need.record('a', true, true, 1200)).toBe(false);
    expect(need.record('a', true, false, 2500)).toBe(false);
  });

  it('keeps senders apart, and forgets one who left', () => {
    const need = new KeyFrameNeed(1000);
    need.record('a', false, false, 0);
    expect(need.record('b', true, false, 10)).toBe(false);
    need.forget('a');
    expect(need.record('a', true, false, 20)).toBe(false);
  });
});
