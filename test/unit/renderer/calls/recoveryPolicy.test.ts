import { describe, expect, it } from 'vitest';
import { CallError } from '../../../../src/shared/call/index.ts';
import { errorCodeOf, initialJoinRetryMs, retryVerdict } from '../../../../src/renderer/calls/callErrors.ts';
import { nextProbeDelayMs } from '../../../../src/renderer/calls/outageProbe.ts';
import { removalOf } from '../../../../src/renderer/calls/removal.ts';

describe('after an outage: probing the SFU', () => {
  it('probes every 10 s for 5 minutes after the end, then stops', () => {
    expect(nextProbeDelayMs(0, 0)).toBe(10_000);
    expect(nextProbeDelayMs(0, 295_000)).toBe(5_000);
    expect(nextProbeDelayMs(0, 300_000)).toBeNull();
    expect(nextProbeDelayMs(0, 1_000, { everyMs: 2_000, forMs: 10_000 })).toBe(2_000);
  });
});

describe('SFU errors', () => {
  it('maps the protocol codes to what the UI explains', () => {
    expect(errorCodeOf(new CallError('removed-from-room', 'x'))).toBe('removed');
    expect(errorCodeOf(new CallError('auth-not-member', 'x'))).toBe('not-allowed');
    expect(errorCodeOf(new CallError('rate-limited', 'x', 2_000))).toBe('rate-limited');
    expect(errorCodeOf(new CallError('server-busy', 'x'))).toBe('server-busy');
    expect(errorCodeOf(new CallError('limit-exceeded', 'x'))).toBe('limit-exceeded');
    expect(errorCodeOf(new CallError('connection-closed', 'x'))).toBe('sfu-unreachable');
  });

  it('never retries a removal; retries the rest, after the wait the SFU names', () => {
    expect(retryVerdict(new CallError('removed-from-room', 'x'))).toEqual({ final: true, code: 'removed' });
    expect(retryVerdict(new CallError('auth-not-member', 'x'))).toEqual({ final: true, code: 'not-allowed' });
    expect(retryVerdict(new CallError('rate-limited', 'x', 3_000))).toEqual({ final: false, retryAfterMs: 3_000 });
    expect(retryVerdict(new CallError('connection-closed', 'x'))).toEqual({ final: false });
    expect(retryVerdict(new Error('anything'))).toEqual({ final: false });
  });

  it('on a first join, waits only for rate-limited or server-busy, and only within the budget', () => {
    expect(initialJoinRetryMs(new CallError('rate-limited', 'x', 2_000), 0, 60_000)).toBe(2_000);
    expect(initialJoinRetryMs(new CallError('server-busy', 'x', 2_000), 59_000, 60_000)).toBeNull();
    expect(initialJoinRetryMs(new CallError('call-full', 'x'), 0, 60_000)).toBeNull();
  });
});

describe('my own room membership', () => {
  const me = '@me:x';
  it('tells a kick, a ban and my own leave apart', () => {
    expect(removalOf({ membership: 'leave', sender: '@admin:x', me })).toBe('kicked');
    expect(removalOf({ membership: 'ban', sender: '@admin:x', me })).toBe('banned');
    expect(removalOf({ membership: 'leave', sender: me, me })).toBe('left-room');
    expect(removalOf({ membership: 'join', sender: me, me })).toBeNull();
  });
});
