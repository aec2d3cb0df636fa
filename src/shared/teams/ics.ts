// Just enough iCalendar (RFC 5545) to read Teams invitations: line unfolding, TEXT unescaping and
// the few VEVENT properties Teams writes. Only native string operations run over the whole text,
// and the number of property lines examined is capped, so hostile files stay cheap.

/** What a Teams invitation keeps in its VEVENT (first occurrence of each, outside VALARM & co.). */
export interface IcsEventFields {
  readonly description?: string;
  /** `X-ALT-DESC;FMTTYPE=text/html`: the HTML body. */
  readonly htmlDescription?: string;
  readonly meetingUrl?: string;
  readonly teamsProperties?: string;
}

const ICS_MARKER = /^BEGIN:V(?:CALENDAR|EVENT)\r?$/im;
/** Lines that matter: component boundaries and the four Teams-relevant properties. */
const INTERESTING_LINE =
  /^(BEGIN|END|DESCRIPTION|X-ALT-DESC|X-MICROSOFT-SKYPETEAMSMEETINGURL|X-MICROSOFT-SKYPETEAMSPROPERTIES)([;:][^\r\n]*)/gim;
/** Real files have a few dozen such lines (time zones, alarms, recurrence exceptions). */
const MAX_INTERESTING_LINES = 5000;
/** Parameters (`;LANGUAGE=en-US`, `;FMTTYPE=text/html`) are short; a longer run is not a property. */
const MAX_PARAMS_LENGTH = 4096;

const FIELD_OF: Readonly<Record<string, keyof IcsEventFields>> = {
  DESCRIPTION: 'description',
  'X-ALT-DESC': 'htmlDescription',
  'X-MICROSOFT-SKYPETEAMSMEETINGURL': 'meetingUrl',
  'X-MICROSOFT-SKYPETEAMSPROPERTIES': 'teamsProperties',
};

export function looksLikeIcs(text: string): boolean {
  return ICS_MARKER.test(text);
}

/** Joins folded lines: a line break followed by one space or tab continues the previous line. */
export function unfoldIcs(text: string): string {
  return text.replace(/(?:\r\n|\n|\r)[ \t]/g, '');
}

/** Real invitations have a few hundred escapes; a million of them is an attack on our time. */
const MAX_ESCAPES = 50_000;

/** `value` cut before its MAX_ESCAPES-th backslash: the work per file stays bounded. */
function withinEscapeBudget(value: string): string {
  let at = -1;
  for (let count = 0; count < MAX_ESCAPES; count++) {
    at = value.indexOf('\\', at + 1);
    if (at < 0) return value;
  }
  return value.slice(0, at);
}

/**
 * TEXT unescaping: `\n`/`\N` → newline, `\,` `\;` `\\` → the character (`\:` too, some writers emit
 * it). Splitting on `\\` first parses escapes left to right exactly like a scanner would, and keeps
 * every step a native replace (a callback per escape is several times slower). Text after the
 * MAX_ESCAPES-th escape is dropped.
 */
export function unescapeIcsText(value: string): string {
  if (!value.includes('\\')) return value;
  return withinEscapeBudget(value)
    .split('\\\\')
    .map((part) => part.replace(/\\[nN]/g, '\n').replace(/\\([;,:])/g, '$1'))
    .join('\\');
}

/** The text to scan for links: unfolded and unescaped, so an escaped `\n` cannot stick to a URL. */
export function icsToScanText(text: string): string {
  return unescapeIcsText(unfoldIcs(text));
}

/** The value after the first colon outside double quotes (`;ALTREP="https://…":value`), or null. */
function valueAfterParams(rest: string): string | null {
  if (rest.startsWith(':')) return rest.slice(1);
  let quoted = false;
  const limit = Math.min(rest.length, MAX_PARAMS_LENGTH);
  for (let i = 0; i < limit; i++) {
    const code = rest.charCodeAt(i);
    if (code === 0x22) quoted = !quoted;
    else if (code === 0x3a && !quoted) return rest.slice(i + 1);
  }
  return null;
}

/** Reads the Teams-relevant properties of the first VEVENT that has them. */
export function readIcsEvent(text: string): IcsEventFields {
  const fields: { -readonly [K in keyof IcsEventFields]: IcsEventFields[K] } = {};
  const components: string[] = [];
  let examined = 0;
  for (const match of unfoldIcs(text).matchAll(INTERESTING_LINE)) {
    if (++examined > MAX_INTERESTING_LINES) break;
    const name = (match[1] ?? '').toUpperCase();
    const value = valueAfterParams(match[2] ?? '');
    if (value === null) continue;
    if (name === 'BEGIN') components.push(value.trim().toUpperCase());
    else if (name === 'END') components.pop();
    else if (components.at(-1) === 'VEVENT') {
      const field = FIELD_OF[name];
      if (field !== undefined) fields[field] ??= unescapeIcsText(value);
    }
  }
  return fields;
}
