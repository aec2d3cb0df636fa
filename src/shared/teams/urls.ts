// WHATWG URL parsing without exceptions, restricted to the shape every accepted link must have.

/**
 * An https URL without credentials or an explicit port, or null. Credentials are how
 * `https://teams.microsoft.com@evil.example/` hides its real host; ports never occur in real links.
 */
export function parseCleanHttpsUrl(raw: string): URL | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || url.port !== '') return null;
  return url;
}

/**
 * The first value of query parameter `name` exactly as written (not decoded, `+` kept), or null.
 * Needed where a wrapper defines its own encoding on top of the query (Proofpoint v2).
 */
export function rawQueryParam(url: URL, name: string): string | null {
  const query = url.search.slice(1);
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    if (eq >= 0 && pair.slice(0, eq) === name) return pair.slice(eq + 1);
  }
  return null;
}
