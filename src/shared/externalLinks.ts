// Which links may leave the app for the OS browser or mail client.
const EXTERNAL_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

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
  if (url.protocol !== 'mailto:') {
    // Credentials in a link are a phishing trick (https://bank.example@evil.example/).
    if (url.username || url.password || !url.hostname) return null;
  }
  return url.href;
}
