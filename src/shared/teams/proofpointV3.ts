// Proofpoint URL Defense v3: `https://urldefense.com/v3/__<url>__;<base64url>!!<customer>!<signature>$`.
// Characters Proofpoint considers unsafe in <url> are replaced by `*` (one character) or `**X` (a
// run of 2 to 65 characters, X from the alphabet below), and the replaced characters, in order, are
// the UTF-8 text encoded in <base64url>. This follows Proofpoint's published reference decoder.
import { base64UrlToBytes, lenientUnquote, utf8OrNull } from './decode.ts';

/** `**A` stands for 2 replaced characters, `**B` for 3, … `**_` for 65. */
const RUN_LENGTHS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const V3_PREFIX = '/v3/__';

/** Proofpoint sometimes writes `https:/host`; the reference decoder restores the second slash. */
function restoreDoubleSlash(url: string): string {
  const match = /^([a-z0-9+.-]+:\/)([^/].+)$/is.exec(url);
  return match ? `${match[1] ?? ''}/${match[2] ?? ''}` : url;
}

/**
 * The original URL of a v3 link, or null when it is not one or is damaged (unknown run marker,
 * fewer replacement characters than placeholders, invalid base64 or UTF-8). The caller checks the host.
 */
export function decodeProofpointV3(wrapped: string): string | null {
  const prefixAt = wrapped.indexOf(V3_PREFIX);
  if (prefixAt < 0) return null;
  const body = wrapped.slice(prefixAt + V3_PREFIX.length);
  const urlEnd = body.indexOf('__;');
  if (urlEnd <= 0) return null;
  const afterUrl = body.slice(urlEnd + 3);
  const bytesEnd = afterUrl.indexOf('!');
  if (bytesEnd < 0) return null;
  const bytes = base64UrlToBytes(afterUrl.slice(0, bytesEnd));
  const replacementText = bytes === null ? null : utf8OrNull(bytes);
  if (replacementText === null) return null;
  // Python indexes str by code point, so do we (a replaced character may be outside the BMP).
  const replacements = Array.from(replacementText);

  const url = lenientUnquote(restoreDoubleSlash(body.slice(0, urlEnd)));
  let out = '';
  let used = 0;
  let from = 0;
  for (let star = url.indexOf('*'); star >= 0; star = url.indexOf('*', from)) {
    out += url.slice(from, star);
    let count = 1;
    from = star + 1;
    // `**X` is a run only when X exists; a trailing `**` is two single placeholders, as in the reference.
    if (url[star + 1] === '*' && star + 2 < url.length) {
      count = RUN_LENGTHS.indexOf(url[star + 2] ?? '') + 2;
      if (count < 2) return null;
      from = star + 3;
    }
    if (used + count > replacements.length) return null;
    out += count === 1 ? (replacements[used] ?? '') : replacements.slice(used, used + count).join('');
    used += count;
  }
  return out + url.slice(from);
}
