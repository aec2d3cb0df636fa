// The renderer's logger. Any module gets one with `rendererLogger('scope')`; records are redacted by
// the shared logger, filtered by the log level (machine policy), mirrored to the developer console
// as `[relais:scope] message`, and handed to the platform in batches: on the desktop they go to
// main's log file, in the web build to an in-memory ring buffer (WebPlatform). Records made before
// the platform is connected wait in a small buffer.
import { formatContext } from '../../shared/log/format.ts';
import { createLogger, type Logger, type LogSink } from '../../shared/log/logger.ts';
import { DEFAULT_LOG_LEVEL, isLogLevel, levelEnabled, type LogLevel, type LogRecord } from '../../shared/log/record.ts';
import { createLogRingBuffer } from './logRingBuffer.ts';
import { createLogBatcher, type LogBatcher } from './logBatcher.ts';

export interface LogTarget {
  writeLogs(records: LogRecord[]): Promise<void>;
}

type ConsoleLike = Pick<Console, 'error' | 'warn' | 'info' | 'debug'>;

let threshold: LogLevel = DEFAULT_LOG_LEVEL;
let batcher: LogBatcher | null = null;
let mirror: ConsoleLike | null = typeof console === 'undefined' ? null : console;
const early = createLogRingBuffer(500, 200_000);

const sink: LogSink = (record) => {
  if (!levelEnabled(record.level, threshold)) return;
  const context = record.context ? ` ${formatContext(record.context)}` : '';
  mirror?.[record.level](`[relais:${record.scope}] ${record.message}${context}`);
  if (batcher) batcher.add(record);
  else early.push(record);
};

export function rendererLogger(scope: string): Logger {
  return createLogger(scope, sink);
}

/** Sends records to the platform from now on, starting with those made before. */
export function connectLogs(target: LogTarget, options: { delayMs?: number; console?: ConsoleLike | null } = {}): void {
  if (options.console !== undefined) mirror = options.console;
  batcher = createLogBatcher({
    send: (records) => target.writeLogs(records),
    ...(options.delayMs === undefined ? {} : { delayMs: options.delayMs }),
  });
  for (const record of early.records()) batcher.add(record);
  early.clear();
}

/** The policy's `logLevel` setting (anything else keeps the default). */
export function setLogLevel(level: unknown): void {
  threshold = isLogLevel(level) ? level : DEFAULT_LOG_LEVEL;
}

/** Hands every record made so far to the platform (before exporting diagnostics, or leaving the page). */
export function flushLogs(): Promise<void> {
  return batcher?.flush() ?? Promise.resolve();
}
