// Recognises the Teams meeting-link forms on an already unwrapped URL:
//   https://<host>/l/meetup-join/<thread>/<message>?context={"Tid":…,"Oid":…}
//   https://<host>/meet/<meeting id>?p=<passcode>
//   https://<host>/dl/launcher/launcher.html?url=/_#/l/meetup-join/…&type=…&deeplinkId=…
//   https://<host>/_#/l/meetup-join/…   and   https://<host>/v2/?meetingjoin=true#/l/meetup-join/…
//   msteams:/l/…, msteams:///l/…, msteams://<host>/l/…, msteams:/meet/…
// Only validated fields are kept; tracking parameters and unknown context keys are dropped.
import { meetMeeting, meetupJoinMeeting } from './canonical.ts';
import { decodeUntil } from './decode.ts';
import { DEFAULT_TEAMS_HOST, teamsHostOf } from './hosts.ts';
import { isMeetingId, isMessageId, isPasscode, isThreadId, normaliseGuid } from './ids.ts';
import { MAX_CONTEXT_LENGTH, MAX_FORM_DEPTH } from './limits.ts';
import type { TeamsHost, TeamsMeeting } from './types.ts';
import { parseCleanHttpsUrl } from './urls.ts';

const MSTEAMS_SCHEME = 'msteams:';
/** Paths whose fragment is a client-side route (`/_#/l/…`, the new web client's `/v2/#/l/…`). */
const HASH_ROUTE_PATHS: ReadonlySet<string> = new Set(['/', '/_', '/_/', '/v2', '/v2/']);
const LAUNCHER_PATH = '/dl/launcher/launcher.html';

/** The https URL an `msteams:` link stands for; a missing host means the commercial cloud. */
function msteamsToHttps(raw: string): string | null {
  const rest = raw.slice(MSTEAMS_SCHEME.length);
  if (!rest.startsWith('//')) return rest.startsWith('/') ? `https://${DEFAULT_TEAMS_HOST}${rest}` : null;
  const authorityLength = rest.slice(2).search(/[/?#]/);
  const authorityEnd = authorityLength < 0 ? rest.length : authorityLength + 2;
  const authority = rest.slice(2, authorityEnd);
  // The authority must be exactly an allowlisted host: no credentials, no port, nothing encoded.
  const host = authority === '' ? DEFAULT_TEAMS_HOST : teamsHostOf(authority);
  const path = rest.slice(authorityEnd);
  return host !== null && path.startsWith('/') ? `https://${host}${path}` : null;
}

function contextField(context: object, name: string): unknown {
  for (const [key, value] of Object.entries(context)) {
    if (key.toLowerCase() === name) return value;
  }
  return undefined;
}

/** Tenant and organiser from the `context` parameter; anything unusable is dropped, never fatal. */
function parseContext(raw: string | null): { tenantId?: string | undefined; organizerId?: string | undefined } {
  // Checked before decoding: each encoding round at most triples the length (`{` → `%7B` → `%257B`).
  if (raw === null || raw.length > MAX_CONTEXT_LENGTH * 5) return {};
  const json = decodeUntil(raw.trim(), (value) => value.startsWith('{'));
  if (json?.startsWith('{') !== true || json.length > MAX_CONTEXT_LENGTH) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
  return { tenantId: normaliseGuid(contextField(parsed, 'tid')), organizerId: normaliseGuid(contextField(parsed, 'oid')) };
}

function decodedId(segment: string, isValid: (value: string) => boolean): string | null {
  if (segment.length > 1024) return null;
  const value = decodeUntil(segment, isValid);
  return value !== null && isValid(value) ? value : null;
}

function meetupJoin(host: TeamsHost, url: URL, threadSegment: string, messageSegment: string): TeamsMeeting | null {
  const threadId = decodedId(threadSegment, isThreadId);
  const messageId = decodedId(messageSegment, isMessageId);
  if (threadId === null || messageId === null) return null;
  return meetupJoinMeeting(host, { threadId, messageId, ...parseContext(url.searchParams.get('context')) });
}

function meet(host: TeamsHost, url: URL, idSegment: string): TeamsMeeting | null {
  const meetingId = decodedId(idSegment, isMeetingId);
  if (meetingId === null) return null;
  const p = url.searchParams.get('p');
  const passcode = p === null ? null : decodedId(p, isPasscode);
  return meetMeeting(host, meetingId, passcode ?? undefined);
}

/** A relative route carried inside a launcher `url=` parameter or a fragment, resolved on `host`. */
function nested(host: TeamsHost, inner: string | null, depth: number): TeamsMeeting | null {
  if (inner === null) return null;
  const path = decodeUntil(inner.trim(), (value) => value.startsWith('/'));
  // Only same-host paths: `//other.host/…` or `/\other.host` would switch hosts when resolved.
  if (path === null || !path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return null;
  let url: URL;
  try {
    url = new URL(path, `https://${host}/`);
  } catch {
    return null;
  }
  return teamsHostOf(url.hostname) === host ? recognise(host, url, depth + 1) : null;
}

function recognise(host: TeamsHost, url: URL, depth: number): TeamsMeeting | null {
  const segments = url.pathname.split('/');
  if (segments.at(-1) === '') segments.pop();
  const [, first = '', second = '', third = '', fourth = ''] = segments;
  const head = first.toLowerCase();
  if (head === 'l' && second.toLowerCase() === 'meetup-join' && segments.length === 5) {
    return meetupJoin(host, url, third, fourth);
  }
  if (head === 'meet' && segments.length === 3) return meet(host, url, second);
  if (depth >= MAX_FORM_DEPTH) return null;
  const path = url.pathname.toLowerCase();
  if (path === LAUNCHER_PATH) return nested(host, url.searchParams.get('url'), depth);
  if (HASH_ROUTE_PATHS.has(path) && url.hash.length > 1) return nested(host, url.hash.slice(1), depth);
  return null;
}

/** The meeting an unwrapped link points at, or null when it is not one of the forms above. */
export function recogniseTeamsUrl(raw: string): TeamsMeeting | null {
  const https = raw.slice(0, MSTEAMS_SCHEME.length).toLowerCase() === MSTEAMS_SCHEME ? msteamsToHttps(raw) : raw;
  if (https === null) return null;
  const url = parseCleanHttpsUrl(https);
  const host = url && teamsHostOf(url.hostname);
  return url && host ? recognise(host, url, 0) : null;
}
