// Turns what a person types in "Homeserver" into a verified client-API base URL.
// Accepts "matrix.example.org", "example.org" (via .well-known), "https://…", and "localhost:8008".
import { LOOPBACK_HOSTS } from '../../shared/net/loopback.ts';
import { rendererLogger } from '../platform/log.ts';

export type HomeserverProblem = 'invalid-homeserver' | 'unreachable' | 'not-matrix';

export class HomeserverError extends Error {
  readonly problem: HomeserverProblem;
  readonly homeserver: string;

  constructor(problem: HomeserverProblem, homeserver: string) {
    super(`${problem}: ${homeserver}`);
    this.problem = problem;
    this.homeserver = homeserver;
    this.name = 'HomeserverError';
  }
}

/** Parses the typed address into a base URL (no trailing slash), or null when it cannot be one. */
export function parseHomeserverInput(input: string): URL | null {
  const trimmed = input.trim();
  if (!trimmed || trimmed.length > 2048 || /\s/.test(trimmed)) return null;
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed);
  let url: URL;
  try {
    url = new URL(hasScheme ? trimmed : `https://${trimmed}`);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password || url.search || url.hash || !url.hostname) return null;
  // Plain HTTP only for a homeserver on this machine; anything remote must use TLS.
  if (!hasScheme && LOOPBACK_HOSTS.has(url.hostname)) url.protocol = 'http:';
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) return null;
  url.pathname = url.pathname.replace(/\/+$/, '');
  return url;
}

export function baseUrlString(url: URL): string {
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export interface ResolveOptions {
  fetch: Fetch;
  timeoutMs: number;
  /**
   * Called with each base URL before anything is sent to it: the desktop app adds a homeserver the
   * user chose to the egress allowlist this way (when policy allows custom homeservers), including
   * the one a server name delegates to through .well-known.
   */
  beforeConnect?: (baseUrl: string) => Promise<void>;
}

/** Finds the homeserver behind the input and checks it speaks the Matrix client API. */
export async function resolveHomeserver(input: string, options: ResolveOptions): Promise<string> {
  const parsed = parseHomeserverInput(input);
  if (!parsed) throw new HomeserverError('invalid-homeserver', input.trim());
  const direct = baseUrlString(parsed);
  const candidates = [direct];
  await options.beforeConnect?.(direct);
  const delegated = await wellKnownBaseUrl(parsed, options);
  if (delegated && delegated !== direct) candidates.unshift(delegated);

  let sawServer = false;
  // The desktop allowlist holds one user-chosen homeserver: switch it to each candidate in turn.
  let connectable = direct;
  for (const candidate of candidates) {
    if (candidate !== connectable) {
      await options.beforeConnect?.(candidate);
      connectable = candidate;
    }
    const verdict = await probeClientApi(candidate, options);
    if (verdict === 'matrix') return candidate;
    if (verdict === 'other-server') sawServer = true;
  }
  throw new HomeserverError(sawServer ? 'not-matrix' : 'unreachable', direct);
}

async function wellKnownBaseUrl(url: URL, options: ResolveOptions): Promise<string | null> {
  // Delegation applies to a bare server name only (URL gives its path as "/").
  if (url.pathname !== '/' && url.pathname !== '') return null;
  try {
    const res = await options.fetch(`${url.origin}/.well-known/matrix/client`, {
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    if (!res.ok) return null;
    const body: unknown = await res.json();
    const base = (body as { 'm.homeserver'?: { base_url?: unknown } } | null)?.['m.homeserver']?.base_url;
    if (typeof base !== 'string') return null;
    const parsed = parseHomeserverInput(base);
    return parsed ? baseUrlString(parsed) : null;
  } catch (error) {
    rendererLogger('signin').swallow('reading the server .well-known', 'debug')(error);
    return null;
  }
}

async function probeClientApi(baseUrl: string, options: ResolveOptions): Promise<'matrix' | 'other-server' | 'unreachable'> {
  let res: Response;
  try {
    res = await options.fetch(`${baseUrl}/_matrix/client/versions`, { signal: AbortSignal.timeout(options.timeoutMs) });
  } catch (error) {
    rendererLogger('signin').swallow('reaching the homeserver', 'info')(error);
    return 'unreachable';
  }
  try {
    const body: unknown = await res.json();
    const versions = (body as { versions?: unknown } | null)?.versions;
    return res.ok && Array.isArray(versions) ? 'matrix' : 'other-server';
  } catch {
    return 'other-server';
  }
}
