// Which links may leave the app for the OS browser or mail client.
const EXTERNAL_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
/**
 * The only mailto: fields passed on. Mail clients honour others that act on the user's machine
 * (`attach=`/`attachment=` in Thunderbird and Evolution attach a local file, e.g. ~/.ssh/id_rsa),
 * or add hidden recipients (cc, bcc).
 */
const MAILTO_FIELDS = ['subject', 'body'];

/** mailto:addresses?subject=…&body=…, nothing else; kept fields keep their encoding as written. */
function safeMailto(url: URL): string {
  const kept = url.search
    .slice(1)
    .split('&')
    .filter((pair) => {
      const key = pair.split('=')[0] ?? '';
      let name: string;
      try {
        name = decodeURIComponent(key).toLowerCase();
      } catch {
        return false;
      }
      return MAILTO_FIELDS.includes(name);
    });
  return `mailto:${url.pathname}${kept.length === 0 ? '' : `?${kept.join('&')}`}`;
}

/** The normalised URL to hand to the OS, or null when the link must not be opened. */
export function externalLinkTarget(candidate: string): string | null {
  if (candidate.length > 8192) return null;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (!EXTERNAL_PROTOCOLS.has(url.protocol)) return null;
  if (url.protocol === 'mailto:') return safeMailto(url);
  // Credentials in a link are a phishing trick (https://bank.example@evil.example/).
  if (url.username || url.password || !url.hostname) return null;
  return url.href;
}
