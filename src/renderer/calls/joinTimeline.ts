// When each step of one (re)join attempt finished, in ms since the attempt started. A recovery
// takes seconds and most of it is waiting on something (the SFU's homeserver check, ICE and DTLS,
// a key frame): without these marks "media came back after 4 s" cannot be split into its parts.
// The engine logs the timeline of the attempt that succeeded as one line (`describe`), which the
// fault tests read back (`parseJoinTimeline`) to print where the time went. Pure, unit tested.

/** In the order they normally finish; `openid` runs alongside `socket`, `consumed` may come after the join. */
export const JOIN_STEPS = ['socket', 'openid', 'joined', 'transports', 'produced', 'consumed'] as const;
export type JoinStep = (typeof JOIN_STEPS)[number];

/** What the log line says: the attempt's number and start (epoch ms), and each step's offset from it. */
export interface JoinTimings {
  attempt: number;
  startedAt: number;
  steps: Partial<Record<JoinStep, number>>;
}

/** The log line's prefix: what `parseJoinTimeline` looks for. */
export const JOIN_TIMELINE_PREFIX = 'call join steps (ms after the attempt started):';

export class JoinTimeline {
  readonly startedAt: number;
  readonly attempt: number;
  private readonly steps = new Map<JoinStep, number>();
  private readonly now: () => number;

  constructor(attempt: number, now: () => number = Date.now) {
    this.attempt = attempt;
    this.now = now;
    this.startedAt = now();
  }

  /** Records a step the first time it finishes (a second consume is not the first media). */
  mark(step: JoinStep): void {
    if (!this.steps.has(step)) this.steps.set(step, Math.max(0, this.now() - this.startedAt));
  }

  has(step: JoinStep): boolean {
    return this.steps.has(step);
  }

  timings(): JoinTimings {
    const steps: Partial<Record<JoinStep, number>> = {};
    for (const step of JOIN_STEPS) {
      const at = this.steps.get(step);
      if (at !== undefined) steps[step] = at;
    }
    return { attempt: this.attempt, startedAt: this.startedAt, steps };
  }

  /** One log line; steps not reached (yet) are left out. */
  describe(): string {
    const { attempt, startedAt, steps } = this.timings();
    const fields = JOIN_STEPS.flatMap((step) => (steps[step] === undefined ? [] : [`${step}=${steps[step]}`]));
    return `${JOIN_TIMELINE_PREFIX} attempt=${attempt} startedAt=${startedAt} ${fields.join(' ')}`.trimEnd();
  }
}

const FIELD = /\b([a-zA-Z]+)=(\d+)\b/g;

/** Reads back a line `describe` wrote (with whatever the logger put around it), or null. */
export function parseJoinTimeline(line: string): JoinTimings | null {
  const at = line.indexOf(JOIN_TIMELINE_PREFIX);
  if (at < 0) return null;
  const values = new Map<string, number>();
  for (const [, key, value] of line.slice(at + JOIN_TIMELINE_PREFIX.length).matchAll(FIELD))
    if (key !== undefined && value !== undefined) values.set(key, Number(value));
  const attempt = values.get('attempt');
  const startedAt = values.get('startedAt');
  if (attempt === undefined || startedAt === undefined) return null;
  const steps: Partial<Record<JoinStep, number>> = {};
  for (const step of JOIN_STEPS) {
    const value = values.get(step);
    if (value !== undefined) steps[step] = value;
  }
  return { attempt, startedAt, steps };
}
