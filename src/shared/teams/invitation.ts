// Reads a whole Teams invitation: an `.ics` file (Outlook or Teams export) or the body of the
// invitation mail, plain text or HTML. Links go through the same checks as `inspectLink`.
import { htmlToText, looksLikeHtml } from './html.ts';
import { icsToScanText, looksLikeIcs, readIcsEvent } from './ics.ts';
import { isThreadId } from './ids.ts';
import { readInvitationFields } from './invitationFields.ts';
import { MAX_PROPERTIES_JSON_LENGTH, MAX_TEXT_LENGTH } from './limits.ts';
import { parseTeamsLink } from './link.ts';
import { scanPreparedText } from './scan.ts';
import type { LinkInspection, OpaqueWrapper, TeamsInvitation, TeamsMeeting } from './types.ts';

const TEAMS_MARKER = /X-MICROSOFT-SKYPETEAMS|Microsoft Teams/i;

interface Sources {
  /** Text scanned for links (the whole input, unfolded and unescaped for `.ics`). */
  readonly scanText: string;
  /** Plain text holding "Meeting ID:", the VTC block… (the DESCRIPTION of an `.ics`). */
  readonly body: string;
  /** `X-MICROSOFT-SKYPETEAMSMEETINGURL`: Outlook's own record of the join link. */
  readonly meetingUrl?: string | undefined;
  readonly threadId?: string | undefined;
}

/** `cid` of `X-MICROSOFT-SKYPETEAMSPROPERTIES`, e.g. `{"cid":"19:meeting_…@thread.v2","private":true,…}`. */
function threadIdOfProperties(json: string | undefined): string | undefined {
  if (json === undefined || json.length > MAX_PROPERTIES_JSON_LENGTH) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || !Object.hasOwn(parsed, 'cid')) return undefined;
  const cid: unknown = (parsed as { cid: unknown }).cid;
  return typeof cid === 'string' && isThreadId(cid) ? cid : undefined;
}

function readSources(text: string): Sources {
  if (!looksLikeIcs(text)) return { scanText: text, body: looksLikeHtml(text) ? htmlToText(text) : text };
  const event = readIcsEvent(text);
  const { description, htmlDescription } = event;
  return {
    scanText: icsToScanText(text),
    // Outlook writes an empty DESCRIPTION next to X-ALT-DESC for some HTML-only invitations.
    body: description?.trim() ? description : htmlDescription === undefined ? '' : htmlToText(htmlDescription),
    meetingUrl: event.meetingUrl,
    threadId: threadIdOfProperties(event.teamsProperties),
  };
}

function meetingsOf(inspections: readonly LinkInspection[]): TeamsMeeting[] {
  return inspections.flatMap((inspection) => (inspection.status === 'meeting' ? [inspection.meeting] : []));
}

function lastMeetupJoin(meetings: readonly TeamsMeeting[]): TeamsMeeting | undefined {
  return meetings.filter((meeting) => meeting.kind === 'meetup-join').at(-1);
}

/**
 * Reads a Teams invitation (`.ics` or mail body). Returns null when the text holds no meeting link
 * and nothing else Teams-specific; `meeting` is null when it is clearly a Teams invitation whose
 * links are all opaque-wrapped or missing (the ids and VTC details may still be useful).
 */
export function parseTeamsInvitation(text: string): TeamsInvitation | null {
  if (typeof (text as unknown) !== 'string') return null;
  const bounded = text.length > MAX_TEXT_LENGTH ? text.slice(0, MAX_TEXT_LENGTH) : text;
  const sources = readSources(bounded);
  const cache = new Map<string, LinkInspection>();
  const inspections = scanPreparedText(sources.scanText, cache);
  const links = meetingsOf(inspections);
  const opaqueWrappers = [
    ...new Set(
      inspections.flatMap((inspection): OpaqueWrapper[] => (inspection.status === 'opaque-wrapper' ? [inspection.wrapper] : [])),
    ),
  ];

  // The join link: Outlook's property when valid, else the body's last meetup-join link (new
  // invitations put the short `Join:` link first and the full one last), else the first link.
  const fromProperty = sources.meetingUrl === undefined ? null : parseTeamsLink(sources.meetingUrl);
  const bodyLinks = fromProperty || sources.body === sources.scanText ? links : meetingsOf(scanPreparedText(sources.body, cache));
  const meeting = fromProperty ?? lastMeetupJoin(bodyLinks) ?? lastMeetupJoin(links) ?? links[0] ?? null;

  const fields = readInvitationFields(sources.body);
  const firstMeet = links.find((link) => link.kind === 'meet');
  const meetingId = fields.meetingId ?? firstMeet?.meetingId;
  const passcode = fields.passcode ?? firstMeet?.passcode;
  const somethingTeams =
    opaqueWrappers.length > 0 ||
    sources.threadId !== undefined ||
    meetingId !== undefined ||
    fields.phoneConferenceId !== undefined ||
    fields.vtc !== undefined;
  if (meeting === null && !(somethingTeams && TEAMS_MARKER.test(bounded))) return null;
  return {
    meeting,
    links,
    opaqueWrappers,
    ...(sources.threadId === undefined ? {} : { threadId: sources.threadId }),
    ...(meetingId === undefined ? {} : { meetingId }),
    ...(passcode === undefined ? {} : { passcode }),
    ...(fields.phoneConferenceId === undefined ? {} : { phoneConferenceId: fields.phoneConferenceId }),
    ...(fields.vtc === undefined ? {} : { vtc: fields.vtc }),
  };
}
