// Invariants every result must satisfy, checked by the fuzzer. The patterns and the host table are
// written again here on purpose: an oracle imported from the implementation would share its bugs.
import type { LinkInspection, TeamsInvitation, TeamsMeeting } from '../../../../src/shared/teams/index.ts';
import { parseTeamsLink } from '../../../../src/shared/teams/index.ts';
import { expectedCanonical } from './fixtures.ts';

const CLOUDS: Readonly<Record<string, string>> = {
  'teams.microsoft.com': 'commercial',
  'teams.cloud.microsoft': 'commercial',
  'teams.live.com': 'consumer',
  'gov.teams.microsoft.us': 'gcc-high',
  'dod.teams.microsoft.us': 'dod',
  'teams.microsoftonline.cn': 'china',
};
const THREAD = /^19:[A-Za-z0-9._-]+@thread\.(?:v2|skype|tacv2)$/;
const DIGITS = /^[0-9]+$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TOKEN = /^[A-Za-z0-9_-]{1,32}$/;
const DIAL = /^[A-Za-z0-9._+-]+@[A-Za-z0-9.-]+$/;
const MEETUP_KEYS = new Set(['kind', 'host', 'cloud', 'canonicalUrl', 'threadId', 'messageId', 'tenantId', 'organizerId']);
const MEET_KEYS = new Set(['kind', 'host', 'cloud', 'canonicalUrl', 'meetingId', 'passcode']);
const WRAPPER_NAMES = new Set(['safelinks', 'proofpoint', 'barracuda', 'cisco']);

export function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

const OPAQUE_NAMES: ReadonlySet<string> = new Set(['mimecast']);

export function checkMeeting(meeting: TeamsMeeting): void {
  const kind: string = meeting.kind;
  check(kind === 'meetup-join' || kind === 'meet', `unknown kind ${kind}`);
  check(Object.hasOwn(CLOUDS, meeting.host), `host not allowlisted: ${meeting.host}`);
  check(CLOUDS[meeting.host] === meeting.cloud, `wrong cloud ${meeting.cloud} for ${meeting.host}`);
  if (meeting.kind === 'meetup-join') {
    for (const key of Object.keys(meeting)) check(MEETUP_KEYS.has(key), `unexpected field ${key}`);
    check(THREAD.test(meeting.threadId) && meeting.threadId.length <= 300, `bad threadId ${meeting.threadId}`);
    check(DIGITS.test(meeting.messageId) && meeting.messageId.length <= 20, `bad messageId ${meeting.messageId}`);
    check(meeting.tenantId === undefined || GUID.test(meeting.tenantId), `bad tenantId ${String(meeting.tenantId)}`);
    check(meeting.organizerId === undefined || GUID.test(meeting.organizerId), `bad organizerId ${String(meeting.organizerId)}`);
  } else {
    for (const key of Object.keys(meeting)) check(MEET_KEYS.has(key), `unexpected field ${key}`);
    check(
      DIGITS.test(meeting.meetingId) && meeting.meetingId.length >= 10 && meeting.meetingId.length <= 20,
      `bad meetingId ${meeting.meetingId}`,
    );
    check(meeting.passcode === undefined || TOKEN.test(meeting.passcode), `bad passcode ${String(meeting.passcode)}`);
  }
  check(meeting.canonicalUrl === expectedCanonical(meeting), `canonical URL not rebuilt from fields: ${meeting.canonicalUrl}`);
  check(
    JSON.stringify(parseTeamsLink(meeting.canonicalUrl)) === JSON.stringify(meeting),
    `canonical URL does not parse back: ${meeting.canonicalUrl}`,
  );
}

export function checkInspection(inspection: LinkInspection): void {
  if (inspection.status === 'not-teams') return;
  for (const wrapper of inspection.unwrapped) check(WRAPPER_NAMES.has(wrapper), `unknown wrapper ${wrapper}`);
  if (inspection.status === 'meeting') checkMeeting(inspection.meeting);
  else {
    check(OPAQUE_NAMES.has(inspection.wrapper), `unknown opaque wrapper ${inspection.wrapper}`);
    const claimed = inspection.claimedTeamsHost;
    check(claimed === undefined || Object.hasOwn(CLOUDS, claimed), `claimed host not allowlisted: ${String(claimed)}`);
  }
}

export function checkInvitation(invitation: TeamsInvitation): void {
  if (invitation.meeting) checkMeeting(invitation.meeting);
  invitation.links.forEach(checkMeeting);
  check(new Set(invitation.links.map((link) => link.canonicalUrl)).size === invitation.links.length, 'duplicate links');
  for (const wrapper of invitation.opaqueWrappers) check(OPAQUE_NAMES.has(wrapper), `unknown opaque wrapper ${wrapper}`);
  check(invitation.threadId === undefined || THREAD.test(invitation.threadId), `bad threadId ${String(invitation.threadId)}`);
  check(invitation.meetingId === undefined || DIGITS.test(invitation.meetingId), `bad meetingId ${String(invitation.meetingId)}`);
  check(invitation.passcode === undefined || TOKEN.test(invitation.passcode), `bad passcode ${String(invitation.passcode)}`);
  check(invitation.phoneConferenceId === undefined || DIGITS.test(invitation.phoneConferenceId), 'bad phone conference id');
  const vtc = invitation.vtc;
  if (vtc) {
    check(DIGITS.test(vtc.conferenceId), `bad VTC id ${vtc.conferenceId}`);
    check(vtc.dialString === undefined || DIAL.test(vtc.dialString), `bad dial string ${String(vtc.dialString)}`);
    check(vtc.instructionsUrl === undefined || new URL(vtc.instructionsUrl).protocol === 'https:', 'bad instructions URL');
  }
}
