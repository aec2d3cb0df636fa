// One log record shape for every process. The main process writes records to the log file; the
// renderer sends its records to main over IPC (validated with these schemas) or, in the web build,
// keeps them in memory. Context is an allowlist of short scalar fields, never an arbitrary object:
// an object handed to a logger is how message content and tokens end up in log files.
import { z } from 'zod';

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const DEFAULT_LOG_LEVEL: LogLevel = 'info';

/** Longest message kept, in characters; the rest is cut (a log line is not a place for a dump). */
export const MAX_LOG_MESSAGE_LENGTH = 2_000;

/** Identifiers only: no spaces, so no sentence (or message body) fits in a context field. */
const identifier = z.string().regex(/^[\w.:/-]{1,64}$/, 'a short identifier');
const count = z.number().int().min(0).max(1e12);

export const logContextSchema = z.strictObject({
  /** An error code: IPC error code, Matrix errcode, call error code. */
  code: identifier.optional(),
  /** The error's class name (TypeError, MatrixError). */
  errorName: identifier.optional(),
  /** An HTTP status. */
  status: z.number().int().min(0).max(999).optional(),
  durationMs: z.number().min(0).max(1e12).optional(),
  count: count.optional(),
  attempt: count.optional(),
  /** A step or state name (sync mode, call phase). */
  phase: identifier.optional(),
  /** A Matrix room id: which room, never what was said in it. */
  roomId: z
    .string()
    .regex(/^![\x21-\x7e]{1,254}$/, 'a Matrix room id')
    .optional(),
  /** A host (and port) the app talked to; never a path or a query. */
  host: z
    .string()
    .regex(/^[a-z0-9.[\]:-]{1,261}$/i, 'a host name')
    .optional(),
});
export type LogContext = z.infer<typeof logContextSchema>;
export type LogContextKey = keyof LogContext;
export const LOG_CONTEXT_KEYS = Object.keys(logContextSchema.shape) as LogContextKey[];

export const logScopeSchema = z.string().regex(/^[a-z][a-z0-9.-]{0,31}$/, 'a short lower-case scope');

export const logRecordSchema = z.strictObject({
  time: z.iso.datetime(),
  level: z.enum(LOG_LEVELS),
  scope: logScopeSchema,
  message: z.string().max(MAX_LOG_MESSAGE_LENGTH),
  context: logContextSchema.optional(),
});
export type LogRecord = z.infer<typeof logRecordSchema>;

export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && (LOG_LEVELS as readonly string[]).includes(value);
}

/** Whether a record of `level` is kept when the threshold is `threshold` (error is always kept). */
export function levelEnabled(level: LogLevel, threshold: LogLevel): boolean {
  return LOG_LEVELS.indexOf(level) <= LOG_LEVELS.indexOf(threshold);
}
