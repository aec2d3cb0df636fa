import { describe, expect, it } from 'vitest';
import { DecryptHealth } from '../../../../../src/renderer/calls/e2ee/decryptHealth.ts';

describe('decrypt health of a sender', () => {
  it('turns failing only after the grace period without a decrypted frame', () => {
    const health = new DecryptHealth(1_000);
    expect(health.record('a', false, 0)).toBeNull();
    expect(health.record('a', false, 999)).toBeNull();
    expect(health.record('a', false, 1_000)).toBe(true);
    expect(health.record('a', false, 1_500)).toBeNull();
  });

  it('recovers at the first frame that decrypts, and a success resets the grace', () => {
    const health = new DecryptHealth(1_000);
    health.record('a', false, 0);
    expect(health.record('a', false, 2_000)).toBe(true);
    expect(health.record('a', true, 2_100)).toBe(false);
    expect(health.record('a', true, 2_200)).toBeNull();
    health.record('a', false, 3_000);
    expect(health.record('a', true, 3_500)).toBeNull();
    expect(health.record('a', false, 3_600)).toBeNull();
    expect(health.record('a', false, 4_599)).toBeNull();
  });

  it('keeps senders apart, and forgets one who left', () => {
    const health = new DecryptHealth(0);
    expect(health.record('a', false, 0)).toBe(true);
    expect(health.record('b', true, 0)).toBeNull();
    health.forget('a');
    expect(health.record('a', true, 1)).toBeNull();
  });
});
