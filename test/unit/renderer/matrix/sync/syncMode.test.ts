import { describe, expect, it } from 'vitest';
import {
  chooseSyncMode,
  SIMPLIFIED_SLIDING_SYNC_FEATURE,
  slidingSyncSupport,
} from '../../../../../src/renderer/matrix/sync/syncMode.ts';

describe('slidingSyncSupport', () => {
  it('reads the simplified sliding sync flag from /versions', () => {
    expect(slidingSyncSupport({ versions: ['v1.11'], unstable_features: { [SIMPLIFIED_SLIDING_SYNC_FEATURE]: true } })).toBe(
      'supported',
    );
  });

  it('treats a false, missing or malformed flag as unsupported', () => {
    expect(slidingSyncSupport({ versions: ['v1.11'], unstable_features: { [SIMPLIFIED_SLIDING_SYNC_FEATURE]: false } })).toBe(
      'unsupported',
    );
    expect(slidingSyncSupport({ versions: ['v1.11'], unstable_features: { 'org.matrix.msc3575': true } })).toBe('unsupported');
    expect(slidingSyncSupport({ versions: ['v1.11'] })).toBe('unsupported');
    expect(slidingSyncSupport({ unstable_features: { [SIMPLIFIED_SLIDING_SYNC_FEATURE]: 'yes' } })).toBe('unsupported');
  });

  it('says unknown when there is no answer', () => {
    expect(slidingSyncSupport(null)).toBe('unknown');
    expect(slidingSyncSupport('<html>')).toBe('unknown');
  });
});

describe('chooseSyncMode', () => {
  it('auto: sliding when the server offers it, classic otherwise, with the reason', () => {
    expect(chooseSyncMode('auto', 'supported')).toEqual({
      mode: 'sliding',
      reason: 'the server offers simplified sliding sync (MSC4186)',
    });
    expect(chooseSyncMode('auto', 'unsupported')).toEqual({
      mode: 'classic',
      reason: `the server does not advertise ${SIMPLIFIED_SLIDING_SYNC_FEATURE}: classic /sync`,
    });
  });

  it('auto without an answer from /versions (offline): classic, the sync the cache is built from', () => {
    expect(chooseSyncMode('auto', 'unknown').mode).toBe('classic');
    expect(chooseSyncMode('auto', 'unknown').reason).toContain('offline');
  });

  it('classic forced by policy wins over a server that offers sliding sync', () => {
    expect(chooseSyncMode('classic', 'supported')).toEqual({
      mode: 'classic',
      reason: 'classic /sync forced by the syncMode setting',
    });
  });

  it('sliding required but not offered: falls back rather than never connecting, and says so', () => {
    const choice = chooseSyncMode('sliding', 'unsupported');
    expect(choice.mode).toBe('classic');
    expect(choice.reason).toContain('despite syncMode "sliding"');
    expect(chooseSyncMode('sliding', 'supported').mode).toBe('sliding');
  });
});
