// What a log line says about an error: its class, a code and HTTP status when it has them (Matrix
// errors, IPC errors, call errors), and its first message line. The message is redacted by the
// logger like any other text.
import type { LogContext } from './record.ts';

const MAX_SUMMARY = 300;
const IDENTIFIER = /^[\w.:/-]{1,64}$/;

export function errorContext(error: unknown): { summary: string; context: LogContext } {
  const context: LogContext = {};
  if (!(error instanceof Error)) {
    return { summary: nonErrorSummary(error), context };
  }
  if (IDENTIFIER.test(error.name)) context.errorName = error.name;
  const fields = error as unknown as Record<string, unknown>;
  // matrix-js-sdk's MatrixError: errcode, httpStatus; our coded errors: code.
  const code = fields['errcode'] ?? fields['code'];
  if (typeof code === 'string' && IDENTIFIER.test(code)) context.code = code;
  const status = fields['httpStatus'] ?? fields['status'];
  if (typeof status === 'number' && Number.isInteger(status) && status >= 0 && status <= 999) context.status = status;
  return { summary: firstLine(error.message) || error.name, context };
}

/** Something thrown that is not an Error: its text when it is a plain value, else only its kind. */
function nonErrorSummary(value: unknown): string {
  if (value === undefined || value === null) return 'no reason given';
  if (typeof value === 'string') return firstLine(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return `a non-Error ${typeof value} was thrown`;
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > MAX_SUMMARY ? `${line.slice(0, MAX_SUMMARY - 1)}…` : line;
}
