// OpenID verification results, cached briefly by a hash of the token (the token itself is not kept),
// so that joins repeating a token — a reconnect, or a flood of forged joins — cost at most one
// homeserver request per token and period. Concurrent checks of the same token share one request.
// Refusals are cached too, shorter: a forged token is not re-asked about at every attempt.
import { createHash } from 'node:crypto';
import { CallError } from '../../src/shared/call/index.ts';
import type { Clock } from './limits.ts';

type Outcome = { ok: true; sub: string } | { ok: false; error: CallError };

export interface OpenIdCacheOptions {
  ttlMs: number;
  negativeTtlMs: number;
  maxEntries: number;
  now: Clock;
}

export class OpenIdCache {
  private readonly entries = new Map<string, { outcome: Outcome; expires: number }>();
  private readonly inFlight = new Map<string, Promise<string>>();
  private readonly options: OpenIdCacheOptions;

  constructor(options: OpenIdCacheOptions) {
    this.options = options;
  }

  /** The user the token belongs to: from the cache, a check in progress, or `verify` (which throws CallError). */
  resolve(serverName: string, accessToken: string, verify: () => Promise<string>): Promise<string> {
    const key = createHash('sha256').update(serverName).update('\u0000').update(accessToken).digest('base64');
    const cached = this.entries.get(key);
    if (cached && cached.expires > this.options.now()) {
      return cached.outcome.ok ? Promise.resolve(cached.outcome.sub) : Promise.reject(cached.outcome.error);
    }
    if (cached) this.entries.delete(key);
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const check = verify()
      .then(
        (sub) => {
          this.remember(key, { ok: true, sub }, this.options.ttlMs);
          return sub;
        },
        (error: unknown) => {
          // Only the homeserver's "no" is remembered: an outage must not refuse valid tokens for long.
          if (error instanceof CallError && error.code !== 'auth-homeserver-unreachable')
            this.remember(key, { ok: false, error }, this.options.negativeTtlMs);
          throw error;
        },
      )
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, check);
    return check;
  }

  get size(): number {
    return this.entries.size;
  }

  private remember(key: string, outcome: Outcome, ttlMs: number): void {
    if (ttlMs <= 0) return;
    this.entries.set(key, { outcome, expires: this.options.now() + ttlMs });
    while (this.entries.size > this.options.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }
}
