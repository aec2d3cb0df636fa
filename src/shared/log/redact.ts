// Removes secrets and message content from text before it is logged. Every record goes through it
// where it is made and again where it is written (main does not trust the renderer's records), so
// it must be idempotent: redacting redacted text changes nothing.
//
// What it removes: Matrix access and refresh tokens (Synapse `syt_`/`syr_`, MAS `mat_`/`mar_`),
// `Authorization` credentials (Bearer, Basic), token and password parameters in URLs and forms,
// passwords in URLs' user info, JSON or `key: value` fields that hold secrets or message content
// (password, access_token — the OpenID token's field too —, body, formatted_body, recovery key,
// passphrase…), JWTs, Matrix recovery keys and e-mail addresses (plain or percent-encoded, as in
// Tchap's `info?medium=email&address=…` lookups: an address names a person). Callers still must
// not log content: this is the net, not the rule.
import type { LogContext } from './record.ts';

export const REDACTED = '[redacted]';

/** Field names whose values are secrets or someone's words; matched case-insensitively. */
const SECRET_FIELDS = [
  'password',
  'new_password',
  'passwd',
  'passphrase',
  'access_token',
  'accessToken',
  'refresh_token',
  'refreshToken',
  'id_token',
  'login_token',
  'loginToken',
  'token',
  'openIdToken',
  'openid_token',
  'client_secret',
  'secret',
  'recovery_key',
  'recoveryKey',
  'session_key',
  'private_key',
  'body',
  'formatted_body',
  'ciphertext',
  'plaintext',
];

const BASE58 = '1-9A-HJ-NP-Za-km-z';
const ALREADY = /^\\*["']?\[redacted\]\\*["']?$/;

/**
 * A field's value: a JSON or JS string, the same inside a JSON text quoted into another one (at any
 * depth: its quotes are `\"`, `\\\"`…, and it ends at a quote behind that many backslashes plus an
 * even number of escaped backslashes), or a bare word. An object or array is not a value here: the
 * fields inside it are looked at one by one. A quote that does not close takes everything up to the
 * next comma or brace.
 */
const VALUE = String.raw`(\[redacted\]|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|(\\+)"[\s\S]*?(?<!\\)(?:\5\\\5\\)*\5"|\\*["'][^,}]*|[^\s&#"',;{}[\]()<>]+)`;

function replaceValue(value: string, escapes = ''): string {
  if (ALREADY.test(value)) return value;
  if (escapes !== '') return `${escapes}"${REDACTED}${escapes}"`;
  for (const quote of ['"', "'"]) {
    if (value.startsWith(quote)) return value.length > 1 && value.endsWith(quote) ? `${quote}${REDACTED}${quote}` : REDACTED;
  }
  return REDACTED;
}

type Rule = readonly [pattern: RegExp, replace: (match: string, ...groups: string[]) => string];

const RULES: readonly Rule[] = [
  // https://user:password@host: the user info goes whole (a user name can be an e-mail address).
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]+@/gi, (_m, scheme) => `${scheme}${REDACTED}@`],
  // Authorization: Bearer syt_…, authorization: "Basic dXNlcjpwYXNz"
  [
    /\b(authorization)(\\?["']?\s*[:=]\s*\\?["']?)((?:bearer|basic|token|digest)\s+)?([^\s"'\\,;()<>]+)/gi,
    (match, name, separator, scheme = '', value) => (value === REDACTED ? match : `${name}${separator}${scheme}${REDACTED}`),
  ],
  [
    /\b(bearer)(\s+)([^\s"'\\,;()<>]+)/gi,
    (match, word, space, value) => (value === REDACTED ? match : `${word}${space}${REDACTED}`),
  ],
  // "password": "…", 'body': '…', access_token: …, password=… (JSON, JS objects, forms, queries).
  [
    new RegExp(String.raw`(\\*["']?)\b(${SECRET_FIELDS.join('|')})\1(\s*[:=]\s*)${VALUE}`, 'gi'),
    (_m, quote, name, separator, value, escapes) => `${quote}${name}${quote}${separator}${replaceValue(value, escapes)}`,
  ],
  // Access and refresh tokens wherever they stand: Synapse (syt_, syr_), Matrix Authentication Service.
  [/(?<![A-Za-z0-9])(syt|syr|mat|mar)_(?!\[redacted\])[A-Za-z0-9_-]+/g, (_m, prefix) => `${prefix}_${REDACTED}`],
  // JSON Web Tokens (OpenID Connect id tokens).
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, () => REDACTED],
  // E-mail addresses, plain or percent-encoded in a URL (`%40`). Matrix ids (`@alice:server`) have
  // nothing before the `@` and stay: they are what IT needs to follow a problem. The look-behind
  // makes a match start only where a run of address characters starts, keeping hostile input linear.
  [/(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g, () => REDACTED],
  // Matrix recovery keys: 48 base58 characters starting "Es", usually shown in groups of four.
  [new RegExp(`(?<![${BASE58}])Es[${BASE58}]{2}(?:[ \\t-]*[${BASE58}]{4}){11}(?![${BASE58}])`, 'g'), () => REDACTED],
];

export function redactText(text: string): string {
  let out = text;
  for (const [pattern, replace] of RULES) out = out.replace(pattern, replace);
  return out;
}

/** The same, field by field: context values are identifiers, but a token is an identifier too. */
export function redactContext(context: LogContext): LogContext {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(context as Record<string, unknown>)) {
    if (typeof value === 'string') out[key] = redactText(value);
    else if (typeof value === 'number') out[key] = value;
  }
  return out;
}
