// Decoding helpers that never throw: every failure (broken percent-encoding, invalid UTF-8, bad
// base64) comes back as null, and repeated decoding is capped.
import { MAX_DECODE_ROUNDS } from './limits.ts';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8', { fatal: false });

/** `decodeURIComponent`, or null for broken escapes and invalid UTF-8 (it would throw URIError). */
export function tryDecodeComponent(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

/**
 * Percent-decodes until `isDone` accepts the value or nothing is left to decode, at most
 * MAX_DECODE_ROUNDS times: links are pasted encoded once, twice or not at all.
 */
export function decodeUntil(value: string, isDone: (candidate: string) => boolean): string | null {
  let current = value;
  for (let round = 0; round < MAX_DECODE_ROUNDS && !isDone(current) && current.includes('%'); round++) {
    const next = tryDecodeComponent(current);
    if (next === null) return null;
    current = next;
  }
  return current;
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

/**
 * Python's `urllib.parse.unquote`: valid `%XX` runs are decoded as UTF-8 (invalid bytes become
 * U+FFFD) and anything else is left as is. Proofpoint's reference v3 decoder relies on this leniency.
 */
export function lenientUnquote(value: string): string {
  return value.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    const bytes = new Uint8Array(run.length / 3);
    for (let i = 0; i < bytes.length; i++) {
      bytes[i] = hexValue(run.charCodeAt(i * 3 + 1)) * 16 + hexValue(run.charCodeAt(i * 3 + 2));
    }
    return lenientUtf8.decode(bytes);
  });
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Decodes unpadded or padded base64url (also accepts `+` and `/`), or null when malformed. */
export function base64UrlToBytes(value: string): Uint8Array | null {
  const data = value.replace(/=+$/, '');
  if (data.length % 4 === 1) return null;
  const bytes = new Uint8Array(Math.floor((data.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let out = 0;
  for (let i = 0; i < data.length; i++) {
    const char = data[i] ?? '';
    let digit = BASE64URL.indexOf(char);
    if (char === '+') digit = 62;
    else if (char === '/') digit = 63;
    if (digit < 0) return null;
    buffer = ((buffer << 6) | digit) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[out++] = (buffer >> bits) & 0xff;
    }
  }
  return bytes.subarray(0, out);
}

/** Strict UTF-8 decoding, or null for invalid sequences. */
export function utf8OrNull(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

const LINK_ENTITIES: Readonly<Record<string, string>> = {
  '&amp;': '&',
  '&#38;': '&',
  '&#x26;': '&',
  '&quot;': '"',
  '&#34;': '"',
  '&#x22;': '"',
};

/** Undoes the few HTML entities found inside links copied from HTML mail (`&amp;` between parameters). */
export function decodeLinkEntities(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(/&(?:amp|quot|#38|#x26|#34|#x22);/gi, (entity) => LINK_ENTITIES[entity.toLowerCase()] ?? entity);
}
