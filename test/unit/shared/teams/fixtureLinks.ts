// Realistic Teams meeting data and builders for every link form and encoding.
import type { TeamsHost } from '../../../../src/shared/teams/index.ts';

/** `19:meeting_` + base64 of a GUID string, as Teams generates them. */
export const THREAD_V2 = '19:meeting_NjQ4ZTI1YzAtZDE2Ni00YjE4LWFjYWEtZmQ4YjYzYTI5ZjRj@thread.v2';
export const THREAD_V2_B = '19:meeting_ZDRjM2IyYTEtNmY1ZS00ZDdjLThiOWEtMGYxZTJkM2M0YjVh@thread.v2';
export const THREAD_SKYPE = '19:meeting_ZTJhNmM4YjMtOTE0Ny00YzNmLWJmZDktMmE4ZTVkNmY3YzFi@thread.skype';
export const THREAD_CHANNEL = '19:a1b2c3d4e5f60718293a4b5c6d7e8f90@thread.tacv2';
export const THREAD_GROUP_CHAT = '19:3f2a9c1e8d7b4a6f9e0c1d2b3a4f5e6d@thread.v2';
export const CHANNEL_MESSAGE_ID = '1698765432109';

export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const TENANT_GOV = '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';
export const ORGANIZER = '4bd6c0e1-4a5b-4b1c-9d8e-2f3a4b5c6d7e';

export const MEETING_ID = '21234567890123';
export const PASSCODE = 'AbCdEf';

export const HOSTS: readonly TeamsHost[] = [
  'teams.microsoft.com',
  'teams.cloud.microsoft',
  'teams.live.com',
  'gov.teams.microsoft.us',
  'dod.teams.microsoft.us',
  'teams.microsoftonline.cn',
];

export interface MeetupJoinSpec {
  host: TeamsHost;
  threadId: string;
  messageId: string;
  tenantId?: string;
  organizerId?: string;
}

export interface MeetSpec {
  host: TeamsHost;
  meetingId: string;
  passcode?: string;
}

/** Percent-encoding as Teams writes it: lower-case hex (`19%3ameeting_…%40thread.v2`). */
export function teamsEncode(value: string): string {
  return encodeURIComponent(value).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
}

export function contextJson(spec: Pick<MeetupJoinSpec, 'tenantId' | 'organizerId'>): string | null {
  if (spec.tenantId === undefined && spec.organizerId === undefined) return null;
  const context: Record<string, string> = {};
  if (spec.tenantId !== undefined) context.Tid = spec.tenantId;
  if (spec.organizerId !== undefined) context.Oid = spec.organizerId;
  return JSON.stringify(context);
}

/** The canonical URL the recogniser must produce for a spec (the documented format). */
export function expectedCanonical(spec: MeetupJoinSpec | MeetSpec): string {
  if ('meetingId' in spec) {
    return `https://${spec.host}/meet/${spec.meetingId}${spec.passcode === undefined ? '' : `?p=${spec.passcode}`}`;
  }
  const context = contextJson({ tenantId: spec.tenantId?.toLowerCase(), organizerId: spec.organizerId?.toLowerCase() });
  const query = context === null ? '' : `?context=${encodeURIComponent(context)}`;
  return `https://${spec.host}/l/meetup-join/${encodeURIComponent(spec.threadId)}/${spec.messageId}${query}`;
}

type Encoding = 'teams' | 'upper' | 'double' | 'raw';

function encodeWith(value: string, encoding: Encoding): string {
  if (encoding === 'teams') return teamsEncode(value);
  if (encoding === 'upper') return encodeURIComponent(value);
  if (encoding === 'double') return encodeURIComponent(teamsEncode(value));
  return value;
}

/** `/l/meetup-join/<thread>/<message>?context=…` (path and query only), in one of the encodings. */
export function meetupJoinPath(spec: MeetupJoinSpec, encoding: Encoding = 'teams', extra = ''): string {
  const context = contextJson(spec);
  const query = context === null ? '' : `?context=${encodeWith(context, encoding)}`;
  const tail = extra === '' ? '' : `${query === '' ? '?' : '&'}${extra}`;
  return `/l/meetup-join/${encodeWith(spec.threadId, encoding)}/${spec.messageId}${query}${tail}`;
}

export function classicLink(spec: MeetupJoinSpec, encoding: Encoding = 'teams'): string {
  return `https://${spec.host}${meetupJoinPath(spec, encoding)}`;
}

/** The launcher page Outlook and Teams hand out, with its tracking parameters. */
export function launcherLink(spec: MeetupJoinSpec): string {
  const inner = `/_#${meetupJoinPath(spec, 'teams', 'anon=true')}`;
  return (
    `https://${spec.host}/dl/launcher/launcher.html?url=${encodeURIComponent(inner)}` +
    '&type=meetup-join&deeplinkId=3f9c2e4a-7b1d-4e8f-a6c5-0d9e8f7a6b5c&directDl=true&msLaunch=true' +
    '&enableMobilePage=true&suppressPrompt=true'
  );
}

export function webClientLink(spec: MeetupJoinSpec): string {
  return `https://${spec.host}/_#${meetupJoinPath(spec, 'teams', 'anon=true&deeplinkId=3f9c2e4a-7b1d-4e8f-a6c5-0d9e8f7a6b5c')}`;
}

export function webClientV2Link(spec: MeetupJoinSpec): string {
  return `https://${spec.host}/v2/?meetingjoin=true#${meetupJoinPath(spec, 'teams', 'anon=true')}`;
}

export function msteamsLinks(spec: MeetupJoinSpec): string[] {
  const path = meetupJoinPath(spec);
  const links = [`msteams://${spec.host}${path}`, `MSTEAMS://${spec.host.toUpperCase()}${path}`];
  if (spec.host === 'teams.microsoft.com') links.push(`msteams:${path}`, `msteams:///${path.slice(1)}`, `msteams:/_#${path}`);
  return links;
}

export function meetLink(spec: MeetSpec): string {
  return `https://${spec.host}/meet/${spec.meetingId}${spec.passcode === undefined ? '' : `?p=${spec.passcode}`}`;
}

export const CLASSIC_JOIN = classicLink({
  host: 'teams.microsoft.com',
  threadId: THREAD_V2,
  messageId: '0',
  tenantId: TENANT,
  organizerId: ORGANIZER,
});
export const MEET_JOIN = meetLink({ host: 'teams.microsoft.com', meetingId: MEETING_ID, passcode: PASSCODE });
