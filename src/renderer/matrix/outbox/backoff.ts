// Retry delays: exponential with "full jitter" (a random delay between zero and the exponential
// ceiling), so thousands of laptops coming back from the same outage do not retry in lock-step.
export interface BackoffOptions {
  baseMs: number;
  capMs: number;
  /** Returns a number in [0, 1); injected so tests are deterministic. */
  random: () => number;
}

export const DEFAULT_BACKOFF: Omit<BackoffOptions, 'random'> = { baseMs: 1_000, capMs: 60_000 };

export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const exponent = Math.min(Math.max(attempt, 0), 30);
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** exponent);
  return Math.floor(options.random() * ceiling);
}
