// The limit building blocks with a fake clock: buckets, backoff, counters, budgets, in-flight
// reservations, the OpenID cache and the client address behind a trusted proxy.
import { describe, expect, it, vi } from 'vitest';
import { CallError } from '../../../src/shared/call/index.ts';
import { parseSfuConfig } from '../../../sfu/src/config.ts';
import { clientAddress, ServerGuard } from '../../../sfu/src/guard.ts';
import { Budget, FailureBackoff, InFlight, KeyedBuckets, KeyedCounter, TokenBucket } from '../../../sfu/src/limits.ts';
import { OpenIdCache } from '../../../sfu/src/openIdCache.ts';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('limits', () => {
  it('token bucket: a burst, then the refill rate, with the wait until the next token', () => {
    const time = clock();
    const bucket = new TokenBucket(2, 3, time.now);
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([0, 0, 0]);
    expect(bucket.take()).toBe(500);
    time.advance(500);
    expect(bucket.take()).toBe(0);
    expect(bucket.idle).toBe(false);
    time.advance(10_000);
    expect(bucket.idle).toBe(true);
  });

  it('keyed buckets stay bounded, dropping idle keys first', () => {
    const time = clock();
    const buckets = new KeyedBuckets(1, 1, time.now, 3);
    for (const key of ['a', 'b', 'c', 'd', 'e']) buckets.take(key);
    expect(buckets.size).toBeLessThanOrEqual(3);
    expect(buckets.take('e')).toBeGreaterThan(0);
  });

  it('failure backoff: free failures, then doubling up to the maximum; success forgets', () => {
    const time = clock();
    const backoff = new FailureBackoff({ baseMs: 1000, maxMs: 4000, freeFailures: 2 }, time.now);
    backoff.failed('ip');
    backoff.failed('ip');
    expect(backoff.waitMs('ip')).toBe(0);
    const waits = [];
    for (let i = 0; i < 4; i++) {
      backoff.failed('ip');
      waits.push(backoff.waitMs('ip'));
    }
    expect(waits).toEqual([1000, 2000, 4000, 4000]);
    backoff.succeeded('ip');
    expect(backoff.waitMs('ip')).toBe(0);
  });

  it('keyed counter and budget: synchronous slots, idempotent releases', () => {
    const counter = new KeyedCounter();
    const first = counter.tryAcquire('u', 2);
    const second = counter.tryAcquire('u', 2);
    expect(counter.tryAcquire('u', 2)).toBeNull();
    first?.();
    first?.();
    expect(counter.count('u')).toBe(1);
    second?.();
    expect(counter.total).toBe(0);
    const budget = new Budget(1);
    const port = budget.tryAcquire();
    expect(budget.tryAcquire()).toBeNull();
    port?.();
    expect(budget.inUse).toBe(0);
  });

  it('in-flight reservations count before the await: 40 parallel requests, 4 allowed', () => {
    const pending = new InFlight();
    const outcomes = Array.from({ length: 40 }, () => {
      try {
        return pending.reserve(0, 4, 'transports');
      } catch (error) {
        return error as CallError;
      }
    });
    expect(outcomes.filter((o) => typeof o === 'function')).toHaveLength(4);
    expect(outcomes.find((o) => o instanceof CallError)).toMatchObject({ code: 'limit-exceeded' });
    for (const o of outcomes) if (typeof o === 'function') o();
    expect(() => pending.reserve(3, 4, 'transports')()).not.toThrow();
  });

  it('OpenID cache: one homeserver request per token, refusals remembered shorter, outages not at all', async () => {
    const time = clock();
    const cache = new OpenIdCache({ ttlMs: 60_000, negativeTtlMs: 10_000, maxEntries: 100, now: time.now });
    const verify = vi.fn(() => Promise.resolve('@alice:x'));
    await Promise.all(Array.from({ length: 20 }, () => cache.resolve('x', 'tok', verify)));
    expect(verify).toHaveBeenCalledTimes(1);
    time.advance(61_000);
    await cache.resolve('x', 'tok', verify);
    expect(verify).toHaveBeenCalledTimes(2);

    const refuse = vi.fn(() => Promise.reject(new CallError('auth-invalid-token', 'no')));
    await expect(cache.resolve('x', 'forged', refuse)).rejects.toMatchObject({ code: 'auth-invalid-token' });
    await expect(cache.resolve('x', 'forged', refuse)).rejects.toMatchObject({ code: 'auth-invalid-token' });
    expect(refuse).toHaveBeenCalledTimes(1);
    time.advance(11_000);
    await expect(cache.resolve('x', 'forged', refuse)).rejects.toThrow();
    expect(refuse).toHaveBeenCalledTimes(2);

    const down = vi.fn(() => Promise.reject(new CallError('auth-homeserver-unreachable', 'down')));
    await expect(cache.resolve('x', 'valid', down)).rejects.toThrow();
    await expect(cache.resolve('x', 'valid', verify)).resolves.toBe('@alice:x');
  });

  it('client address: the socket peer, or the last X-Forwarded-For hop of a trusted proxy', () => {
    expect(clientAddress('::ffff:192.0.2.4', '198.51.100.1', [])).toBe('192.0.2.4');
    expect(clientAddress('10.0.0.2', 'spoofed, 198.51.100.7', ['10.0.0.2'])).toBe('198.51.100.7');
    expect(clientAddress('10.0.0.2', undefined, ['10.0.0.2'])).toBe('10.0.0.2');
  });
});

describe('server guard', () => {
  const config = parseSfuConfig({
    rtc: { announcedIp: '192.0.2.1', minPort: 40000, maxPort: 40002 },
    homeservers: [{ serverName: 'x', baseUrl: 'https://x', membershipCheck: { method: 'appservice', hsToken: 'h'.repeat(32) } }],
    limits: { maxSocketsPerAddress: 3, maxUnauthenticatedSocketsPerAddress: 2, maxPeersPerUser: 2, joinFailuresBeforeBackoff: 1 },
  });

  it('caps sockets per address, unauthenticated ones lower, and frees slots on release', () => {
    const guard = new ServerGuard(config);
    const a = guard.admitSocket('192.0.2.9');
    const b = guard.admitSocket('192.0.2.9');
    expect(guard.admitSocket('192.0.2.9')).toEqual({
      code: 4029,
      reason: 'Too many connections waiting to join from this address',
    });
    if ('code' in a || 'code' in b) throw new Error('refused');
    a.releaseUnauthenticated(); // a joined
    const c = guard.admitSocket('192.0.2.9');
    expect('release' in c).toBe(true);
    expect(guard.admitSocket('192.0.2.9')).toMatchObject({ code: 4029, reason: 'Too many connections from this address' });
    expect('release' in guard.admitSocket('192.0.2.10')).toBe(true);
  });

  it('devices per user (a re-joining device replaces itself), the port budget, and backoff after refused joins', () => {
    const time = clock();
    const guard = new ServerGuard(config, time.now);
    guard.reserveUserPeer('@u:x', false);
    guard.reserveUserPeer('@u:x', false);
    expect(() => guard.reserveUserPeer('@u:x', false)).toThrow(expect.objectContaining({ code: 'limit-exceeded' }));
    expect(() => guard.reserveUserPeer('@u:x', true)).not.toThrow();
    const ports = [guard.reserveTransport(), guard.reserveTransport(), guard.reserveTransport()];
    expect(() => guard.reserveTransport()).toThrow(expect.objectContaining({ code: 'server-busy', retryAfterMs: 5000 }));
    ports[0]?.();
    expect(() => guard.reserveTransport()).not.toThrow();
    guard.joinFailed('ip', new CallError('auth-invalid-token', 'no'));
    guard.joinFailed('ip', new CallError('auth-invalid-token', 'no'));
    expect(() => guard.checkJoinAttempt('ip')).toThrow(expect.objectContaining({ code: 'rate-limited', retryAfterMs: 1000 }));
    guard.joinFailed('other', new CallError('auth-homeserver-unreachable', 'down'));
    guard.joinFailed('other', new CallError('auth-homeserver-unreachable', 'down'));
    expect(() => guard.checkJoinAttempt('other')).not.toThrow();
  });
});
