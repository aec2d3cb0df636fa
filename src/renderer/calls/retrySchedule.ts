// How long a repair waits before its next attempt. Two kinds of failure are told apart:
// - the SFU could not be reached at all (its socket never opened): it is down or restarting, and a
//   try costs one refused connection and nothing on the SFU or the homeserver. It is looked for
//   every 250 ms, so a restarted SFU is found within 250 ms of its return, not after a backoff of
//   up to 2 s that grew while it was away.
// - the attempt reached the SFU and failed there (refused, timed out, dropped mid-join): that one
//   did cost the SFU (and perhaps the homeserver) work, so those back off exponentially.
// A wait the SFU names (`rate-limited`, `server-busy`) is always honoured. Pure, unit tested; the
// retry window itself is the reducer's (callState.ts).

/** The pause between tries while the SFU cannot be reached at all. */
export const UNREACHABLE_RETRY_MS = 250;

/** The first backoff step after a failure at the SFU; doubles with each such failure. */
const BACKOFF_BASE_MS = 250;

export interface FailedAttempt {
  /** The attempt's socket opened: it reached the SFU (or a proxy in front of it that let it through). */
  reachedSfu: boolean;
  /** Failed attempts of this repair that reached the SFU, this one included. */
  refusals: number;
  /** The wait the SFU asked for. */
  retryAfterMs?: number;
}

export function nextRetryDelayMs(failed: FailedAttempt, maxDelayMs: number): number {
  const own = failed.reachedSfu
    ? Math.min(maxDelayMs, BACKOFF_BASE_MS * 2 ** Math.max(1, failed.refusals))
    : Math.min(maxDelayMs, UNREACHABLE_RETRY_MS);
  return Math.max(own, failed.retryAfterMs ?? 0);
}
