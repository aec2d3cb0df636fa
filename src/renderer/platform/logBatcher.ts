// Gathers the renderer's log records into batches for the platform (one IPC call per batch on the
// desktop): at most `maxBatch` records or `delayMs` after the first one. The queue is capped; when the
// platform cannot keep up, the oldest records go and the next batch says how many.
import type { LogRecord } from '../../shared/log/record.ts';

export interface LogBatcher {
  add(record: LogRecord): void;
  /** Sends what is queued now and resolves when every batch sent so far has been handed over. */
  flush(): Promise<void>;
}

export interface LogBatcherOptions {
  /** Must not reject with anything worth logging: a failure to log cannot itself be logged. */
  send(records: LogRecord[]): Promise<void>;
  maxBatch?: number;
  delayMs?: number;
  maxQueued?: number;
  setTimer?: (run: () => void, ms: number) => unknown;
  now?: () => Date;
}

export function createLogBatcher(options: LogBatcherOptions): LogBatcher {
  const maxBatch = options.maxBatch ?? 50;
  const delayMs = options.delayMs ?? 1_000;
  const maxQueued = options.maxQueued ?? 1_000;
  const setTimer = options.setTimer ?? ((run: () => void, ms: number) => setTimeout(run, ms));
  const now = options.now ?? (() => new Date());
  let queue: LogRecord[] = [];
  let dropped = 0;
  let timerSet = false;
  let inFlight: Promise<void> = Promise.resolve();

  const sendQueued = (): Promise<void> => {
    timerSet = false;
    while (queue.length > 0 || dropped > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      if (dropped > 0) {
        batch.unshift({
          time: now().toISOString(),
          level: 'warn',
          scope: 'log',
          message: `${dropped} log records dropped before they were sent`,
        });
        dropped = 0;
      }
      // In order: each batch after the one before, whatever became of it.
      inFlight = inFlight.then(() => options.send(batch)).catch(() => undefined);
    }
    return inFlight;
  };

  return {
    add(record) {
      queue.push(record);
      if (queue.length > maxQueued) {
        queue.shift();
        dropped += 1;
      }
      if (queue.length >= maxBatch) void sendQueued();
      else if (!timerSet) {
        timerSet = true;
        setTimer(() => void sendQueued(), delayMs);
      }
    },
    flush: sendQueued,
  };
}
