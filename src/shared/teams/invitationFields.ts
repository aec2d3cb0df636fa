// The text fields of a Teams invitation body (English wording, as Outlook and Teams write it):
//   Meeting ID: 123 456 789 012          Passcode: abc123
//   Phone conference ID: 123 456 789#
//   Join with a video conferencing device
//   123456789@t.plcm.vc                   (or "Tenant key: …")
//   VTC Conference ID: 0123456789         (or "Video ID: …", or "Conference ID: 0123456789@t.plcm.vc")
//   Alternate VTC dialing instructions<https://…>   (or "More info<https://…>")
// Every value is validated by ids.ts before it is returned.
import { isConferenceId, isDialString, isMeetingId, isPasscode } from './ids.ts';
import type { TeamsVtcInfo } from './types.ts';
import { parseCleanHttpsUrl } from './urls.ts';

export interface InvitationFields {
  meetingId?: string;
  passcode?: string;
  phoneConferenceId?: string;
  vtc?: TeamsVtcInfo;
}

// Spaced digit groups ("123 456 789 012"); the look-ahead refuses a longer number cut short.
const DIGITS = '([0-9](?:[ \\u00a0]?[0-9]){3,24})(?![0-9])';
// Bounded so that a label followed by a megabyte of blanks costs nothing to reject.
const GAP = '[ \\t\\u00a0]{0,16}';
const MEETING_ID = new RegExp(`\\bMeeting ID:${GAP}${DIGITS}`, 'i');
const PASSCODE = new RegExp(`\\bPasscode:${GAP}([A-Za-z0-9_-]{1,33})(?![A-Za-z0-9_-])`, 'i');
const PHONE_ID = new RegExp(`\\bPhone conference ID:${GAP}${DIGITS}`, 'i');
// Older invitations say "Conference ID: 123 456 789#" under the dial-in numbers; the `#` marks it.
const BARE_PHONE_ID = new RegExp(`(?<!(?:VTC|Video|Phone) )\\bConference ID:${GAP}${DIGITS}${GAP}#`, 'i');
const VTC_ID = new RegExp(`\\bVTC Conference ID:${GAP}${DIGITS}`, 'i');
const VTC_ID_AT = new RegExp(`(?<!Phone )\\bConference ID:${GAP}([0-9]{4,20})@([A-Za-z0-9.-]{1,253})`, 'i');

const VTC_HEADING = /^[ \t\u00a0]*Join (?:with|on|from) a video conferencing device\b/im;
const VTC_BLOCK_END =
  /^(?:[_=-]{5,}|For organizers|Dial in|Or call in|Join by phone|Need help|Learn more|Meeting options|Microsoft Teams)/i;
const VTC_BLOCK_LINES = 10;
/** Only this much text after the heading is split into lines. */
const VTC_BLOCK_CHARS = 4096;
const BLOCK_DIAL = /^(?:Tenant key:[ \t]{0,16})?([A-Za-z0-9._+-]{1,64}@[A-Za-z0-9.-]{1,253})$/i;
const BLOCK_ID = new RegExp(`^(?:VTC |Video )?(?:Conference )?ID:${GAP}${DIGITS}(?:@([A-Za-z0-9.-]{1,253}))?$`, 'i');
const BLOCK_INSTRUCTIONS = /^(?:Alternate VTC (?:dialing )?instructions|More info)[ \t]{0,16}<(https:\/\/[^<>\s]{1,2048})>/i;

function digitsOf(spaced: string | undefined): string | undefined {
  const digits = spaced?.replace(/[ \u00a0]/g, '');
  return digits === '' ? undefined : digits;
}

function instructionsUrl(raw: string | undefined): string | undefined {
  const url = raw === undefined ? null : parseCleanHttpsUrl(raw);
  return url && url.href.length <= 2048 ? url.href : undefined;
}

/** The lines following the "Join with a video conferencing device" heading, if there is one. */
function vtcBlock(text: string): string[] {
  const heading = VTC_HEADING.exec(text);
  if (!heading) return [];
  const after = text.slice(heading.index + heading[0].length, heading.index + heading[0].length + VTC_BLOCK_CHARS);
  const lines = after.split(/\r\n|\n|\r/).slice(1, 1 + VTC_BLOCK_LINES);
  const end = lines.findIndex((line) => VTC_BLOCK_END.test(line.trim()));
  return (end < 0 ? lines : lines.slice(0, end)).map((line) => line.trim());
}

/** Reads the video-conferencing block, or falls back to loose "VTC Conference ID" lines. */
function readVtc(text: string): TeamsVtcInfo | undefined {
  let conferenceId: string | undefined;
  let dialString: string | undefined;
  let instructions: string | undefined;
  for (const line of vtcBlock(text)) {
    const id = BLOCK_ID.exec(line);
    const dial = BLOCK_DIAL.exec(line);
    if (id && conferenceId === undefined) {
      conferenceId = digitsOf(id[1]);
      if (id[2] !== undefined && dialString === undefined) dialString = `${conferenceId ?? ''}@${id[2]}`;
    } else if (dial && dialString === undefined) dialString = dial[1];
    instructions ??= instructionsUrl(BLOCK_INSTRUCTIONS.exec(line)?.[1]);
  }
  if (conferenceId === undefined) {
    const at = VTC_ID_AT.exec(text);
    conferenceId = digitsOf(VTC_ID.exec(text)?.[1] ?? at?.[1]);
    if (at && dialString === undefined) dialString = `${at[1] ?? ''}@${at[2] ?? ''}`;
  }
  if (conferenceId === undefined || !isConferenceId(conferenceId)) return undefined;
  return {
    conferenceId,
    ...(dialString !== undefined && isDialString(dialString) ? { dialString } : {}),
    ...(instructions === undefined ? {} : { instructionsUrl: instructions }),
  };
}

/** Meeting ID, passcode, phone and VTC ids of a plain-text invitation; absent when missing or invalid. */
export function readInvitationFields(text: string): InvitationFields {
  const fields: InvitationFields = {};
  const meetingId = digitsOf(MEETING_ID.exec(text)?.[1]);
  if (meetingId !== undefined && isMeetingId(meetingId)) fields.meetingId = meetingId;
  const passcode = PASSCODE.exec(text)?.[1];
  if (passcode !== undefined && isPasscode(passcode)) fields.passcode = passcode;
  const phone = digitsOf(PHONE_ID.exec(text)?.[1] ?? BARE_PHONE_ID.exec(text)?.[1]);
  if (phone !== undefined && isConferenceId(phone)) fields.phoneConferenceId = phone;
  const vtc = readVtc(text);
  if (vtc) fields.vtc = vtc;
  return fields;
}
