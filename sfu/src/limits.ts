// The SFU's limits as small pure building blocks (injected clock, no timers, unit tested directly).
// Everything that guards an `await` is *reserved synchronously* before it and released in `finally`
// (or when the object it stands for closes), so concurrent requests cannot all pass a check made
// before any of them finished: 40 parallel createWebRtcTransport count as 40, not as 0.
import { CallError } from '../../src/shared/call/index.ts';

export type Clock = () => number;

/** A token bucket: `burst` at once, refilled at `perSecond`. */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly perSecond: number;
  private readonly burst: number;
  private readonly now: Clock;

  constructor(perSecond: number, burst: number, now: Clock) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.now = now;
    this.tokens = burst;
    this.last = now();
  }

  /** Takes one token; returns 0 when taken, else the milliseconds until one is available. */
  take(): number {
    this.refill();
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - this.tokens) / this.perSecond) * 1000);
  }

  /** Full again: nothing to remember about this key. */
  get idle(): boolean {
    this.refill();
    return this.tokens >= this.burst;
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
  }
}

/** One bucket per key (address, user), bounded: idle buckets are dropped first, then the oldest. */
export class KeyedBuckets {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly perSecond: number;
  private readonly burst: number;
  private readonly now: Clock;
  private readonly maxKeys: number;

  constructor(perSecond: number, burst: number, now: Clock, maxKeys = 100_000) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.now = now;
    this.maxKeys = maxKeys;
  }

  take(key: string): number {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= this.maxKeys) this.prune();
      bucket = new TokenBucket(this.perSecond, this.burst, this.now);
      this.buckets.set(key, bucket);
    }
    return bucket.take();
  }

  get size(): number {
    return this.buckets.size;
  }

  private prune(): void {
    for (const [key, bucket] of this.buckets) if (bucket.idle) this.buckets.delete(key);
    // Still full of active keys: forget the oldest (a fresh bucket is the lenient side).
    while (this.buckets.size >= this.maxKeys) this.buckets.delete(this.buckets.keys().next().value as string);
  }
}

/**
 * Exponential backoff after consecutive failures of a key: the first `freeFailures` cost nothing,
 * then each failure doubles the wait from `baseMs` up to `maxMs`. A success forgets the key.
 */
export class FailureBackoff {
  private readonly entries = new Map<string, { failures: number; until: number }>();
  private readonly options: { baseMs: number; maxMs: number; freeFailures: number; maxKeys: number };
  private readonly now: Clock;

  constructor(options: { baseMs: number; maxMs: number; freeFailures: number; maxKeys?: number }, now: Clock) {
    this.options = { maxKeys: 100_000, ...options };
    this.now = now;
  }

  /** Milliseconds this key must still wait (0: may try). */
  waitMs(key: string): number {
    const entry = this.entries.get(key);
    return entry ? Math.max(0, entry.until - this.now()) : 0;
  }

  failed(key: string): void {
    const entry = this.entries.get(key) ?? { failures: 0, until: 0 };
    entry.failures += 1;
    const over = entry.failures - this.options.freeFailures;
    entry.until = over > 0 ? this.now() + Math.min(this.options.maxMs, this.options.baseMs * 2 ** (over - 1)) : 0;
    this.entries.delete(key); // re-inserted last: the map stays ordered by last failure
    this.entries.set(key, entry);
    while (this.entries.size > this.options.maxKeys) this.entries.delete(this.entries.keys().next().value as string);
  }

  succeeded(key: string): void {
    this.entries.delete(key);
  }
}

/** Counts per key (sockets per address, peers per user) with synchronous reservation. */
export class KeyedCounter {
  private readonly counts = new Map<string, number>();

  count(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  get total(): number {
    let total = 0;
    for (const value of this.counts.values()) total += value;
    return total;
  }

  /** Takes one slot if fewer than `max` are taken; returns its release (idempotent), or null. */
  tryAcquire(key: string, max: number): (() => void) | null {
    const current = this.count(key);
    if (current >= max) return null;
    this.counts.set(key, current + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = this.count(key) - 1;
      if (left <= 0) this.counts.delete(key);
      else this.counts.set(key, left);
    };
  }
}

/** A global budget (e.g. WebRTC transports, which each take a port from the RTC range). */
export class Budget {
  private used = 0;
  readonly capacity: number;

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  get inUse(): number {
    return this.used;
  }

  tryAcquire(): (() => void) | null {
    if (this.used >= this.capacity) return null;
    this.used += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.used -= 1;
    };
  }
}

/**
 * A per-peer cap on objects created by an awaited call: `live` (already created) plus those in
 * flight must stay under `max`. The reservation is released in `finally`, by which time a created
 * object is in `live`.
 */
export class InFlight {
  private pending = 0;

  reserve(live: number, max: number, what: string): () => void {
    if (live + this.pending >= max) throw new CallError('limit-exceeded', `At most ${max} ${what} per peer`);
    this.pending += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.pending -= 1;
    };
  }
}

/** A refusal for a bucket or backoff wait. */
export function rateLimited(what: string, retryAfterMs: number): CallError {
  return new CallError('rate-limited', `Too many ${what}: retry in ${retryAfterMs} ms`, retryAfterMs);
}
