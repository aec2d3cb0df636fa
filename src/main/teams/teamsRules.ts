// What the isolated Teams window may do, as pure rules: where it may navigate (Teams and Microsoft
// sign-in pages, exact hosts), and where it may send requests (its own egress filter). The app's
// allowlist cannot serve here: Teams loads its scripts, sign-in and media from many Microsoft hosts
// that change without notice, so the window's filter admits Microsoft's own registrable domains
// (a host equal to one or under it) over https and wss, and nothing else. Microsoft controls every
// name under those domains, so suffix matching is sound here, unlike in the app's allowlist where
// the admin names single machines.
import { TEAMS_HOSTS } from '../../shared/teams/hosts.ts';

/** The meeting hosts links are recognised on (one list: `shared/teams/hosts.ts`), and Microsoft sign-in. */
export const TEAMS_NAVIGATION_HOSTS: readonly string[] = [
  ...TEAMS_HOSTS,
  'login.microsoftonline.com',
  'login.microsoftonline.us',
  'login.partner.microsoftonline.cn',
  'login.live.com',
];

/** Microsoft domains Teams web and Entra sign-in load from (documented Microsoft 365 endpoints). */
export const TEAMS_EGRESS_DOMAINS: readonly string[] = [
  'microsoft.com',
  'cloud.microsoft',
  'microsoft.us',
  'microsoftonline.com',
  'microsoftonline.us',
  'microsoftonline.cn',
  'live.com',
  'office.net',
  'office.com',
  'office365.com',
  'skype.com',
  'msauth.net',
  'msftauth.net',
  'msauthimages.net',
  'msftauthimages.net',
];

const LOCAL_SCHEMES = new Set(['data:', 'blob:']);
const WEB_SCHEMES = new Set(['https:', 'wss:']);

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

export function isTeamsNavigationHost(url: string): boolean {
  const parsed = parse(url);
  return (
    parsed !== null &&
    parsed.protocol === 'https:' &&
    !parsed.username &&
    !parsed.password &&
    TEAMS_NAVIGATION_HOSTS.includes(parsed.hostname.toLowerCase())
  );
}

export interface TeamsEgressDecision {
  allowed: boolean;
  /** Scheme and host only, for the log. */
  reason: string;
}

export function teamsEgressDecision(url: string): TeamsEgressDecision {
  const scheme = /^([a-z][a-z0-9+.-]*:)/i.exec(url)?.[1]?.toLowerCase();
  if (scheme !== undefined && LOCAL_SCHEMES.has(scheme)) return { allowed: true, reason: `allowed: local scheme ${scheme}` };
  const parsed = parse(url);
  if (!parsed) return { allowed: false, reason: 'blocked: not a valid URL' };
  const where = `${parsed.protocol}//${parsed.host}`;
  if (!WEB_SCHEMES.has(parsed.protocol)) return { allowed: false, reason: `blocked: ${where}: only https and wss` };
  const host = parsed.hostname.toLowerCase().replace(/\.$/, '');
  const domain = TEAMS_EGRESS_DOMAINS.find((d) => host === d || host.endsWith(`.${d}`));
  return domain
    ? { allowed: true, reason: `allowed: ${where} (Microsoft, ${domain})` }
    : { allowed: false, reason: `blocked: ${where} is not a Microsoft Teams host` };
}
