import { describe, expect, it } from 'vitest';
import { membershipChange, participantKey, keyUseDelay } from '../../../../../src/renderer/calls/e2ee/rotation.ts';

const set = (...ids: string[]) => new Set(ids);

describe('key rotation on membership changes', () => {
  it('rotates at once when someone leaves (even if someone else joined)', () => {
    expect(membershipChange(set('a', 'b'), set('a'))).toEqual({ joined: [], left: ['b'], rotate: 'now' });
    expect(membershipChange(set('a', 'b'), set('a', 'c'))).toEqual({ joined: ['c'], left: ['b'], rotate: 'now' });
  });

  it('rotates later when people only joined', () => {
    expect(membershipChange(set('a'), set('a', 'b', 'c'))).toEqual({ joined: ['b', 'c'], left: [], rotate: 'later' });
  });

  it('does nothing when nobody came or went', () => {
    expect(membershipChange(set('a'), set('a'))).toEqual({ joined: [], left: [], rotate: 'none' });
  });

  it('names a device by user and device', () => {
    expect(participantKey('@a:hs', 'DEV')).toBe('@a:hs|DEV');
  });
});

describe('keyUseDelay', () => {
  const policy = { joinRotationDelayMs: 3000, useKeyDelayMs: 1500 };
  it('waits for the others to receive the key', () => {
    expect(keyUseDelay(policy, 2)).toBe(1500);
  });
  it('uses it at once when nobody else is in the call (a re-join after the SFU dropped everyone)', () => {
    expect(keyUseDelay(policy, 0)).toBe(0);
  });
});
