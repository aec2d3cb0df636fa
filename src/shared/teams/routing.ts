// Decides how a recognised Teams meeting may be joined under the organisation's bridge policy:
// which action is offered, which are not and why. Pure, and used by both the renderer (to draw the
// card) and the main process (which re-decides before acting: it never trusts the renderer).
import type { TeamsMeeting } from './types.ts';

export type TeamsJoinMode = 'gateway' | 'isolated' | 'browser' | 'block';

export interface TeamsModePolicy {
  mode: TeamsJoinMode;
  sipUriTemplate?: string | undefined;
  webGatewayUrlTemplate?: string | undefined;
}

export interface TeamsBridgePolicy {
  enabled: boolean;
  /** YYYY-MM-DD; the bridge is retired from the start of the next day (UTC). */
  sunset: string | null;
  tenantsAllowlist: readonly string[];
  /** Per organiser tenant ID, "*" for any other. */
  modes: Readonly<Record<string, TeamsModePolicy>>;
}

export type TeamsAction =
  | { kind: 'gateway'; webUrl: string | null; sipUri: string | null }
  | { kind: 'isolated'; url: string }
  | { kind: 'browser'; url: string };

export type TeamsActionKind = TeamsAction['kind'];

export type UnavailableReason = 'not-configured' | 'missing-meeting-details' | 'blocked';

export type TeamsRoute =
  | { status: 'disabled' }
  | { status: 'retired'; sunset: string }
  | { status: 'tenant-not-allowed'; tenantId: string | null }
  | { status: 'blocked' }
  | { status: 'available'; action: TeamsAction; unavailable: readonly { kind: TeamsActionKind; reason: UnavailableReason }[] };

const ALL_KINDS: readonly TeamsActionKind[] = ['gateway', 'isolated', 'browser'];
const PLACEHOLDER = /\{(threadId|messageId|tenantId|organizerId|meetingId|passcode)\}/g;

export function isRetired(sunset: string | null, now: Date): boolean {
  if (!sunset || !/^\d{4}-\d{2}-\d{2}$/.test(sunset)) return false;
  return now.getTime() >= Date.parse(`${sunset}T00:00:00Z`) + 24 * 60 * 60 * 1000;
}

export function routeTeamsMeeting(meeting: TeamsMeeting, policy: TeamsBridgePolicy, now: Date): TeamsRoute {
  if (!policy.enabled) return { status: 'disabled' };
  if (policy.sunset && isRetired(policy.sunset, now)) return { status: 'retired', sunset: policy.sunset };
  const tenantId = meeting.kind === 'meetup-join' ? (meeting.tenantId ?? null) : null;
  const allowlist = policy.tenantsAllowlist.map((t) => t.toLowerCase());
  // With an allowlist, a meeting whose organiser tenant cannot be read is not allowed either.
  if (allowlist.length > 0 && (tenantId === null || !allowlist.includes(tenantId)))
    return { status: 'tenant-not-allowed', tenantId };
  const modePolicy = (tenantId !== null ? findMode(policy.modes, tenantId) : undefined) ?? policy.modes['*'];
  if (!modePolicy || modePolicy.mode === 'block') return { status: 'blocked' };

  const action = actionFor(meeting, modePolicy);
  if (!action) return { status: 'blocked' };
  const unavailable = ALL_KINDS.filter((k) => k !== action.kind).map((kind) => ({ kind, reason: 'not-configured' as const }));
  return { status: 'available', action, unavailable };
}

function findMode(modes: Readonly<Record<string, TeamsModePolicy>>, tenantId: string): TeamsModePolicy | undefined {
  const key = Object.keys(modes).find((k) => k.toLowerCase() === tenantId);
  return key ? modes[key] : undefined;
}

function actionFor(meeting: TeamsMeeting, policy: TeamsModePolicy): TeamsAction | null {
  switch (policy.mode) {
    case 'browser':
      return { kind: 'browser', url: meeting.canonicalUrl };
    case 'isolated':
      return { kind: 'isolated', url: meeting.canonicalUrl };
    case 'gateway': {
      const webUrl = policy.webGatewayUrlTemplate ? fillTemplate(policy.webGatewayUrlTemplate, meeting) : null;
      const sipUri = policy.sipUriTemplate ? fillTemplate(policy.sipUriTemplate, meeting) : null;
      return webUrl || sipUri ? { kind: 'gateway', webUrl, sipUri } : null;
    }
    case 'block':
      return null;
  }
}

/** Fills a gateway template; null when it needs a detail this meeting does not have. */
export function fillTemplate(template: string, meeting: TeamsMeeting): string | null {
  const fields: Record<string, string | undefined> =
    meeting.kind === 'meetup-join'
      ? { threadId: meeting.threadId, messageId: meeting.messageId, tenantId: meeting.tenantId, organizerId: meeting.organizerId }
      : { meetingId: meeting.meetingId, passcode: meeting.passcode };
  const missing: string[] = [];
  const filled = template.replace(PLACEHOLDER, (_match, name: string) => {
    const value = fields[name];
    if (value === undefined) {
      missing.push(name);
      return '';
    }
    return encodeURIComponent(value);
  });
  return missing.length > 0 ? null : filled;
}
