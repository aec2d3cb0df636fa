// Mail-security link rewriting, undone before a link is validated: Microsoft Safe Links, Proofpoint
// URL Defense (v1, v2, v3), Barracuda Link Protection and Cisco Secure Email keep the original URL
// inside the rewritten one. Mimecast keeps it on its server, so such links are reported as opaque.
import { tryDecodeComponent } from './decode.ts';
import { normaliseHostname, teamsHostOf } from './hosts.ts';
import { MAX_UNWRAP_DEPTH, MAX_URL_LENGTH } from './limits.ts';
import { decodeProofpointV3 } from './proofpointV3.ts';
import type { LinkWrapper, OpaqueWrapper, TeamsHost } from './types.ts';
import { parseCleanHttpsUrl, rawQueryParam } from './urls.ts';

export type Unwrapped =
  | { readonly kind: 'url'; readonly url: string; readonly wrappers: readonly LinkWrapper[] }
  | {
      readonly kind: 'opaque';
      readonly wrapper: OpaqueWrapper;
      readonly claimedTeamsHost: TeamsHost | null;
      readonly wrappers: readonly LinkWrapper[];
    };

type Step =
  | { readonly kind: 'inner'; readonly wrapper: LinkWrapper; readonly inner: string | null }
  | { readonly kind: 'opaque'; readonly wrapper: OpaqueWrapper; readonly claimedTeamsHost: TeamsHost | null }
  | { readonly kind: 'none' };

// Safe Links hosts are `<region><nn>.safelinks.protection.outlook.com` (GCC High: `.office365.us`).
const SAFE_LINKS_HOST = /^[a-z0-9-]{1,63}\.safelinks\.protection\.(?:outlook\.com|office365\.us)$/;
// Links opened from Teams itself go through this static Safe Links page.
const TEAMS_SAFE_LINKS_HOST = 'statics.teams.cdn.office.net';
const PROOFPOINT_V3_HOSTS: ReadonlySet<string> = new Set(['urldefense.com', 'urldefense.us']);
const MIMECAST_HOST = /^(?:protect(?:-[a-z]{2,3}|[0-9])?\.mimecast\.com|(?:[a-z0-9-]{1,63}\.){0,4}mimecastprotect\.com)$/;
const CISCO_PATH = /^\/([A-Za-z0-9_-]{1,4096})\/(.+)$/s;

/** Proofpoint v2 percent-encodes the URL, then writes `%` as `-` and `/` as `_`. */
function decodeProofpointV2(value: string): string | null {
  return tryDecodeComponent(value.replace(/-/g, '%').replace(/_/g, '/'));
}

function decodeCisco(url: URL): string | null {
  const match = CISCO_PATH.exec(url.pathname);
  const rest = match?.[2];
  if (rest === undefined) return null;
  // Usually the whole original URL is one encoded path segment; occasionally it is left as is.
  const path = /^https?%3A/i.test(rest) ? tryDecodeComponent(rest) : rest;
  return path === null ? null : path + url.search + url.hash;
}

function unwrapOnce(raw: string): Step {
  const url = parseCleanHttpsUrl(raw);
  if (!url) return { kind: 'none' };
  const host = normaliseHostname(url.hostname);
  if (SAFE_LINKS_HOST.test(host) || (host === TEAMS_SAFE_LINKS_HOST && url.pathname.startsWith('/evergreen-assets/safelinks/'))) {
    return { kind: 'inner', wrapper: 'safelinks', inner: url.searchParams.get('url') };
  }
  if (host === 'urldefense.proofpoint.com') {
    const u = rawQueryParam(url, 'u');
    if (url.pathname === '/v2/url')
      return { kind: 'inner', wrapper: 'proofpoint', inner: u === null ? null : decodeProofpointV2(u) };
    if (url.pathname === '/v1/url')
      return { kind: 'inner', wrapper: 'proofpoint', inner: u === null ? null : tryDecodeComponent(u) };
    return { kind: 'none' };
  }
  if (PROOFPOINT_V3_HOSTS.has(host) && url.pathname.startsWith('/v3/__')) {
    // Decoded from the raw text: the URL parser would re-encode characters inside the payload.
    return { kind: 'inner', wrapper: 'proofpoint', inner: decodeProofpointV3(raw) };
  }
  if (host === 'linkprotect.cudasvc.com' && url.pathname === '/url') {
    return { kind: 'inner', wrapper: 'barracuda', inner: url.searchParams.get('a') };
  }
  if (host === 'secure-web.cisco.com') return { kind: 'inner', wrapper: 'cisco', inner: decodeCisco(url) };
  if (MIMECAST_HOST.test(host)) {
    const domain = url.searchParams.get('domain');
    return { kind: 'opaque', wrapper: 'mimecast', claimedTeamsHost: domain === null ? null : teamsHostOf(domain) };
  }
  return { kind: 'none' };
}

/**
 * Removes wrappers until a plain URL remains (up to MAX_UNWRAP_DEPTH nested ones). Returns null for
 * a recognised wrapper whose payload is missing or damaged: what it leads to is then unknown.
 */
export function unwrapMailSecurity(input: string): Unwrapped | null {
  const wrappers: LinkWrapper[] = [];
  let current = input;
  for (let depth = 0; depth <= MAX_UNWRAP_DEPTH; depth++) {
    const step = unwrapOnce(current);
    if (step.kind === 'none') return { kind: 'url', url: current, wrappers };
    if (step.kind === 'opaque') return { ...step, wrappers };
    if (step.inner === null) return null;
    current = step.inner.trim();
    if (current.length === 0 || current.length > MAX_URL_LENGTH) return null;
    wrappers.push(step.wrapper);
  }
  return null;
}
