// The Teams host allowlist. Hosts are compared exactly (after the URL parser's own normalisation,
// lower-casing and dropping one trailing dot): suffix or prefix matching is how look-alikes such as
// `teams.microsoft.com.evil.example` or `evilteams.microsoft.com` get through.
import type { TeamsCloud, TeamsHost } from './types.ts';

const HOST_CLOUDS = {
  'teams.microsoft.com': 'commercial',
  'teams.cloud.microsoft': 'commercial',
  'teams.live.com': 'consumer',
  'gov.teams.microsoft.us': 'gcc-high',
  'dod.teams.microsoft.us': 'dod',
  'teams.microsoftonline.cn': 'china',
} as const satisfies Record<TeamsHost, TeamsCloud>;

export const TEAMS_HOSTS: readonly TeamsHost[] = Object.freeze(Object.keys(HOST_CLOUDS) as TeamsHost[]);

/** Where `msteams:/l/…` links (no host) lead. */
export const DEFAULT_TEAMS_HOST: TeamsHost = 'teams.microsoft.com';

export function normaliseHostname(hostname: string): string {
  const lower = hostname.toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

/** The allowlisted host `hostname` names, or null. `Object.hasOwn` keeps `__proto__` & co. out. */
export function teamsHostOf(hostname: string): TeamsHost | null {
  const host = normaliseHostname(hostname);
  return Object.hasOwn(HOST_CLOUDS, host) ? (host as TeamsHost) : null;
}

export function cloudOf(host: TeamsHost): TeamsCloud {
  return HOST_CLOUDS[host];
}
