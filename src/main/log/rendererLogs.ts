// Where the renderer's log records enter main (IPC `writeLogs`, already checked against the contract:
// a trusted sender, the record schema, at most 100 records a call). Main trusts the renderer no more
// than that: each record is redacted again, its scope is marked as the renderer's (so a page cannot
// write lines that pass for main's), and a token bucket caps how many are written, so a renderer
// stuck in a loop cannot fill the disk or drown main's own lines.
import { allowedContext, logMessage, type LogSink } from '../../shared/log/logger.ts';
import type { LogRecord } from '../../shared/log/record.ts';

export interface RendererLogIntakeOptions {
  sink: LogSink;
  /** Records accepted at once after a quiet spell. Default 300. */
  burst?: number;
  /** Records accepted per second, sustained. Default 50. */
  perSecond?: number;
  /** At most one "dropped" line per this many milliseconds. Default 10 s. */
  noteEveryMs?: number;
  now?: () => number;
}

export type RendererLogIntake = (records: readonly LogRecord[]) => { accepted: number; dropped: number };

export function createRendererLogIntake(options: RendererLogIntakeOptions): RendererLogIntake {
  const burst = options.burst ?? 300;
  const perSecond = options.perSecond ?? 50;
  const noteEveryMs = options.noteEveryMs ?? 10_000;
  const now = options.now ?? Date.now;
  let tokens = burst;
  let refilledAt = now();
  let droppedSinceNote = 0;
  let lastNoteAt = Number.NEGATIVE_INFINITY;

  return (records) => {
    const at = now();
    tokens = Math.min(burst, tokens + ((at - refilledAt) / 1_000) * perSecond);
    refilledAt = at;
    let accepted = 0;
    for (const record of records) {
      if (tokens < 1) break;
      tokens -= 1;
      accepted += 1;
      const checked: LogRecord = {
        time: record.time,
        level: record.level,
        scope: `renderer/${record.scope}`,
        message: logMessage(record.message),
      };
      const context = allowedContext(record.context);
      if (context) checked.context = context;
      options.sink(checked);
    }
    const dropped = records.length - accepted;
    droppedSinceNote += dropped;
    if (droppedSinceNote > 0 && at - lastNoteAt >= noteEveryMs) {
      options.sink({
        time: new Date(at).toISOString(),
        level: 'warn',
        scope: 'log',
        message: `${droppedSinceNote} renderer log records dropped: more than ${perSecond} a second`,
        context: { count: droppedSinceNote },
      });
      droppedSinceNote = 0;
      lastNoteAt = at;
    }
    return { accepted, dropped };
  };
}
