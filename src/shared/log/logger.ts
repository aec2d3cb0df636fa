// The logger every process uses: it makes records (redacted, cut to size, context kept to the
// allowlist) and hands them to a sink. Where records go (stderr and the log file in main, main over
// IPC or a ring buffer in the renderer) is the sink's business.
import { errorContext } from './errors.ts';
import { LOG_CONTEXT_KEYS, MAX_LOG_MESSAGE_LENGTH, type LogContext, type LogLevel, type LogRecord } from './record.ts';
import { redactContext, redactText } from './redact.ts';

export type LogSink = (record: LogRecord) => void;

type LevelMethod = (message: string, context?: LogContext) => void;

/** Callable as `log(message)` (info), so it fits every `log(message: string): void` option. */
export interface Logger extends LevelMethod {
  error: LevelMethod;
  warn: LevelMethod;
  info: LevelMethod;
  debug: LevelMethod;
  /**
   * For a `.catch()` that deliberately goes on without the result: the failure is logged (what was
   * attempted, the error's class, code and redacted message), then dropped.
   */
  swallow(what: string, level?: LogLevel): (error: unknown) => void;
}

/** Only allowlisted keys with values of their type survive: a stray object never reaches a sink. */
export function allowedContext(context: unknown): LogContext | undefined {
  if (context === null || typeof context !== 'object') return undefined;
  const out: Record<string, string | number> = {};
  for (const key of LOG_CONTEXT_KEYS) {
    const value = (context as Record<string, unknown>)[key];
    if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) out[key] = value;
  }
  return Object.keys(out).length > 0 ? redactContext(out) : undefined;
}

/**
 * Redacted, then cut. Text far longer than a record is cut first (redaction is linear but not free),
 * with a margin so a secret straddling the cut is still recognised.
 */
export function logMessage(text: string): string {
  const redacted = redactText(text.length > MAX_LOG_MESSAGE_LENGTH * 4 ? text.slice(0, MAX_LOG_MESSAGE_LENGTH * 4) : text);
  return redacted.length > MAX_LOG_MESSAGE_LENGTH ? `${redacted.slice(0, MAX_LOG_MESSAGE_LENGTH - 1)}…` : redacted;
}

export function createLogger(scope: string, sink: LogSink, now: () => Date = () => new Date()): Logger {
  const emit = (level: LogLevel, message: string, context?: LogContext) => {
    const record: LogRecord = { time: now().toISOString(), level, scope, message: logMessage(message) };
    const kept = allowedContext(context);
    if (kept) record.context = kept;
    try {
      sink(record);
    } catch {
      // Logging must never break what it observes; a sink that throws has nowhere to report it.
    }
  };
  const logger = ((message: string, context?: LogContext) => emit('info', message, context)) as Logger;
  logger.error = (message, context) => emit('error', message, context);
  logger.warn = (message, context) => emit('warn', message, context);
  logger.info = (message, context) => emit('info', message, context);
  logger.debug = (message, context) => emit('debug', message, context);
  logger.swallow =
    (what, level = 'warn') =>
    (error: unknown) => {
      const { summary, context } = errorContext(error);
      emit(level, `${what} failed (ignored): ${summary}`, context);
    };
  return Object.freeze(logger);
}
