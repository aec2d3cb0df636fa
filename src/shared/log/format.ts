// A record as one line of text: the log file's format and the diagnostics file's. One record is one
// line whatever its message holds (line breaks and control characters are escaped), so nothing a
// message says can pass for another record.
import type { LogContext, LogRecord } from './record.ts';

export function formatRecord(record: LogRecord): string {
  const context = record.context ? formatContext(record.context) : '';
  return `${record.time} ${record.level.toUpperCase().padEnd(5)} [${record.scope}] ${escapeControls(record.message)}${context ? ` ${context}` : ''}`;
}

export function formatContext(context: LogContext): string {
  const fields: string[] = [];
  for (const [key, value] of Object.entries(context as Record<string, unknown>)) {
    if (typeof value === 'string') fields.push(`${key}=${escapeControls(value)}`);
    else if (typeof value === 'number') fields.push(`${key}=${value}`);
  }
  return fields.join(' ');
}

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** C0 and C1 controls, DEL, line separators, and the bidirectional overrides that make a line read otherwise. */
function isControl(code: number): boolean {
  return (
    code <= 0x1f || (code >= 0x7f && code <= 0x9f) || (code >= 0x2028 && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)
  );
}

export function escapeControls(text: string): string {
  let out = '';
  for (const c of text) {
    const code = c.codePointAt(0) ?? 0;
    out += isControl(code) ? (NAMED[c] ?? `\\u${code.toString(16).padStart(4, '0')}`) : c;
  }
  return out;
}
