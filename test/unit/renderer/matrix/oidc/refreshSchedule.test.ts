import { describe, expect, it } from 'vitest';
import { MAX_REFRESH_MARGIN_MS, refreshDueAt } from '../../../../../src/renderer/matrix/oidc/refreshSchedule.ts';

const NOW = 1_700_000_000_000;

describe('refreshDueAt', () => {
  it('refreshes a minute ahead of a long-lived token', () => {
    expect(refreshDueAt(NOW + 3_600_000, NOW)).toBe(NOW + 3_600_000 - MAX_REFRESH_MARGIN_MS);
  });

  it('refreshes a short-lived token with a quarter of its time left', () => {
    expect(refreshDueAt(NOW + 20_000, NOW)).toBe(NOW + 15_000);
  });

  it('refreshes at once a token that expired while the app was closed or offline', () => {
    expect(refreshDueAt(NOW - 5_000, NOW)).toBe(NOW);
    expect(refreshDueAt(NOW, NOW)).toBe(NOW);
  });

  it('leaves it to the homeserver when the issuer gave no lifetime', () => {
    expect(refreshDueAt(undefined, NOW)).toBeNull();
    expect(refreshDueAt(null, NOW)).toBeNull();
    expect(refreshDueAt(Number.NaN, NOW)).toBeNull();
  });

  it('is never after the expiry, and never before now', () => {
    for (const left of [1, 3, 999, 60_000, 240_000, 240_001, 86_400_000]) {
      const due = refreshDueAt(NOW + left, NOW);
      expect(due).not.toBeNull();
      expect(due as number).toBeGreaterThanOrEqual(NOW);
      expect(due as number).toBeLessThanOrEqual(NOW + left);
    }
  });
});
