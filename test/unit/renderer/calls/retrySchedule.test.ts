import { describe, expect, it } from 'vitest';
import { nextRetryDelayMs, UNREACHABLE_RETRY_MS } from '../../../../src/renderer/calls/retrySchedule.ts';

describe('retry schedule of a call repair', () => {
  it('tries an SFU that cannot be reached every 250 ms, whatever happened before', () => {
    expect(UNREACHABLE_RETRY_MS).toBe(250);
    for (const refusals of [0, 1, 5, 40]) expect(nextRetryDelayMs({ reachedSfu: false, refusals }, 2_000)).toBe(250);
  });

  it('backs off failures at the SFU: 500 ms, 1 s, 2 s, then the cap', () => {
    expect([1, 2, 3, 4, 10].map((refusals) => nextRetryDelayMs({ reachedSfu: true, refusals }, 2_000))).toEqual([
      500, 1_000, 2_000, 2_000, 2_000,
    ]);
    expect([3, 4, 5].map((refusals) => nextRetryDelayMs({ reachedSfu: true, refusals }, 5_000))).toEqual([2_000, 4_000, 5_000]);
  });

  it('always waits as long as the SFU asked (rate-limited, server-busy)', () => {
    expect(nextRetryDelayMs({ reachedSfu: true, refusals: 1, retryAfterMs: 8_000 }, 2_000)).toBe(8_000);
    expect(nextRetryDelayMs({ reachedSfu: true, refusals: 4, retryAfterMs: 100 }, 2_000)).toBe(2_000);
  });

  it('never waits longer than the cap when the SFU is unreachable, even with a tiny cap', () => {
    expect(nextRetryDelayMs({ reachedSfu: false, refusals: 0 }, 100)).toBe(100);
  });
});
