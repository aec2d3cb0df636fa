// Builds result objects from already-validated fields. The canonical URL depends only on those
// fields, so every spelling of a meeting (encodings, wrappers, launcher, msteams:) gives one string.
import { cloudOf } from './hosts.ts';
import type { TeamsHost, TeamsMeetMeeting, TeamsMeetupJoinMeeting } from './types.ts';

export interface MeetupJoinFields {
  readonly threadId: string;
  readonly messageId: string;
  readonly tenantId?: string | undefined;
  readonly organizerId?: string | undefined;
}

export function meetupJoinMeeting(host: TeamsHost, fields: MeetupJoinFields): TeamsMeetupJoinMeeting {
  const { threadId, messageId, tenantId, organizerId } = fields;
  // Fixed key order (Tid, then Oid) and nothing else from the original context.
  const context: { Tid?: string; Oid?: string } = {};
  if (tenantId !== undefined) context.Tid = tenantId;
  if (organizerId !== undefined) context.Oid = organizerId;
  const query =
    tenantId === undefined && organizerId === undefined ? '' : `?context=${encodeURIComponent(JSON.stringify(context))}`;
  return {
    kind: 'meetup-join',
    host,
    cloud: cloudOf(host),
    canonicalUrl: `https://${host}/l/meetup-join/${encodeURIComponent(threadId)}/${messageId}${query}`,
    threadId,
    messageId,
    ...(tenantId === undefined ? {} : { tenantId }),
    ...(organizerId === undefined ? {} : { organizerId }),
  };
}

export function meetMeeting(host: TeamsHost, meetingId: string, passcode: string | undefined): TeamsMeetMeeting {
  const query = passcode === undefined ? '' : `?p=${encodeURIComponent(passcode)}`;
  return {
    kind: 'meet',
    host,
    cloud: cloudOf(host),
    canonicalUrl: `https://${host}/meet/${meetingId}${query}`,
    meetingId,
    ...(passcode === undefined ? {} : { passcode }),
  };
}
