// After a call ended because the SFU stayed unreachable, the app keeps asking the SFU quietly
// whether it is back, for a few minutes, and rejoins by itself when it answers: an SFU restart or
// a short outage costs the user nothing. Pure timing policy here; the session runs the timers.

export interface ProbePolicy {
  /** Time between two probes. */
  everyMs: number;
  /** How long after the end the app keeps probing (then the user's Rejoin is the only way back). */
  forMs: number;
}

export const DEFAULT_PROBE_POLICY: ProbePolicy = { everyMs: 10_000, forMs: 5 * 60_000 };

/** Wait before the next probe, or null when probing is over. */
export function nextProbeDelayMs(endedAt: number, now: number, policy: ProbePolicy = DEFAULT_PROBE_POLICY): number | null {
  const left = endedAt + policy.forMs - now;
  if (left <= 0) return null;
  return Math.min(policy.everyMs, left);
}
