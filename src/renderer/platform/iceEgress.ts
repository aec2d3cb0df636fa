// Which STUN/TURN servers a call may use under the egress policy. WebRTC opens its sockets outside
// the request hooks main installs, so a server the SFU (or its .well-known) hands out would reach
// any host at all; the renderer asks this module first. A server keeps only the URLs the policy
// allows; when none is left, the call falls back to the TURN servers the machine policy names
// (and with none of those, to no ICE server: host candidates only, enough for a reachable SFU).
import type { EgressFilter } from '../../shared/policy/egress.ts';
import { parseIceUri } from '../../shared/policy/hosts.ts';

export interface IceServerLike {
  urls: string | string[];
  username?: string | undefined;
  credential?: string | undefined;
}

export interface IceChoice {
  servers: IceServerLike[];
  /** as-given: every URL passed; filtered: some were dropped; policy-fallback: none passed. */
  outcome: 'as-given' | 'filtered' | 'policy-fallback';
  /** URLs refused, with the filter's reason (scheme, host and port only: no credentials). */
  dropped: { url: string; reason: string }[];
}

function urlsOf(server: IceServerLike): string[] {
  return typeof server.urls === 'string' ? [server.urls] : [...server.urls];
}

/** Keeps, in each server, the URLs the filter allows; servers left with none disappear. */
function filterServers(servers: readonly IceServerLike[], filter: EgressFilter, dropped: IceChoice['dropped']): IceServerLike[] {
  const kept: IceServerLike[] = [];
  for (const server of servers) {
    const allowed = urlsOf(server).filter((url) => {
      const decision = filter.decideIce(url);
      if (!decision.allowed) dropped.push({ url: redactIceUrl(url), reason: decision.reason });
      return decision.allowed;
    });
    if (allowed.length > 0) kept.push({ ...server, urls: allowed });
  }
  return kept;
}

export function chooseIceServers(
  candidates: readonly IceServerLike[],
  filter: EgressFilter,
  policyServers: readonly IceServerLike[],
): IceChoice {
  const dropped: IceChoice['dropped'] = [];
  const kept = filterServers(candidates, filter, dropped);
  if (dropped.length === 0) return { servers: [...candidates], outcome: 'as-given', dropped };
  if (kept.length > 0) return { servers: kept, outcome: 'filtered', dropped };
  // The policy's own TURN servers (STUN alone would not help a blocked network); checked again, so
  // even a policy entry the filter does not know stays out.
  const turnOnly = policyServers
    .map((server) => ({ ...server, urls: urlsOf(server).filter((u) => parseIceUri(u)?.scheme.startsWith('turn') === true) }))
    .filter((server) => server.urls.length > 0);
  return { servers: filterServers(turnOnly, filter, []), outcome: 'policy-fallback', dropped };
}

/** ICE URIs hold no secrets, but keep logs to scheme, host and port like the rest of the egress log. */
function redactIceUrl(url: string): string {
  const parsed = parseIceUri(url);
  return parsed ? `${parsed.scheme}:${parsed.host}:${parsed.port}` : '(not a STUN/TURN URI)';
}

export function isIceServerLike(value: unknown): value is IceServerLike {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  const urls = record.urls;
  const urlsOk = typeof urls === 'string' || (Array.isArray(urls) && urls.every((u) => typeof u === 'string'));
  return urlsOk && ['username', 'credential'].every((k) => record[k] === undefined || typeof record[k] === 'string');
}
