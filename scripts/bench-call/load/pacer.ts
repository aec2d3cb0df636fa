// Rate pacing for synthetic senders: one timer drives every stream, and each stream works out how
// many packets or frames are due from the time elapsed since it started (so timer jitter does not
// change the rate). After a stall (the machine is saturated) a stream sends at most `maxBurst` late
// items and skips the rest, as a real encoder drops frames rather than bursting a backlog.

export interface PaceDecision {
  /** Items to send now. */
  send: number;
  /** Items given up on (reported, so a saturated generator is visible in the figures). */
  skip: number;
}

/**
 * `elapsedMs` since the stream's first item (item 0 is due at 0), `hz` items per second, `done`
 * items sent or skipped so far.
 */
export function pace(elapsedMs: number, hz: number, done: number, maxBurst = 3): PaceDecision {
  if (elapsedMs < 0) return { send: 0, skip: 0 };
  const due = Math.floor((elapsedMs * hz) / 1000) + 1;
  const behind = Math.max(0, due - done);
  const send = Math.min(behind, maxBurst);
  return { send, skip: behind - send };
}

/** Start offsets spreading `count` streams evenly over one period, so they do not all send at once. */
export function staggerOffsetsMs(count: number, hz: number): number[] {
  const period = 1000 / hz;
  return Array.from({ length: count }, (_, i) => (i * period) / Math.max(1, count));
}
