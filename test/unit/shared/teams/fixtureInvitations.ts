// Realistic Teams invitations: Outlook `.ics` exports and the description blocks Teams writes.
import { CLASSIC_JOIN, MEET_JOIN, PASSCODE, THREAD_V2 } from './fixtureLinks.ts';

/** Folds an iCalendar content line at 75 characters, as Outlook does (continuation starts with a space). */
export function foldIcsLine(line: string): string {
  const parts = [line.slice(0, 75)];
  for (let i = 75; i < line.length; i += 74) parts.push(line.slice(i, i + 74));
  return parts.join('\r\n ');
}

export function escapeIcsText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** The 2024+ Teams invitation body: short `Join:` link first, full meetup-join link last. */
export const NEW_DESCRIPTION = [
  '________________________________________________________________________________',
  'Microsoft Teams meeting',
  'Join on your computer, mobile app or room device',
  `Join: ${MEET_JOIN}`,
  'Meeting ID: 212 345 678 901 23',
  `Passcode: ${PASSCODE}`,
  'Need help?<https://aka.ms/JoinTeamsMeeting?omkt=en-US> | System reference<' + CLASSIC_JOIN + '>',
  'Dial in by phone',
  '+1 323-555-0166,,123456789# United States, Los Angeles',
  'Find a local number<https://dialin.teams.microsoft.com/8f9e7d6c-5b4a-4321-9876-0fedcba98765?id=123456789>',
  'Phone conference ID: 123 456 789#',
  'Join on a video conferencing device',
  'Tenant key: 123456789@t.plcm.vc',
  'Video ID: 112 233 445 5',
  'More info<https://dialin.plcm.vc/teams/?key=123456789&conf=1122334455>',
  'For organizers: Meeting options<https://teams.microsoft.com/meetingOptions/?organizerId=4bd6c0e1-4a5b-4b1c-9d8e-2f3a4b5c6d7e&tenantId=72f988bf-86f1-41af-91ab-2d7cd011db47&threadId=19_meeting_NjQ4ZTI1YzAtZDE2Ni00YjE4LWFjYWEtZmQ4YjYzYTI5ZjRj@thread.v2&messageId=0&language=en-US> | Reset dial-in PIN<https://dialin.teams.microsoft.com/usp/pstnconferencing>',
  '________________________________________________________________________________',
].join('\n');

/** The 2020–2023 body: "Click here to join the meeting<…>", then the VTC block with a Polycom tenant key. */
export const OLD_DESCRIPTION = [
  '________________________________________________________________________________',
  'Microsoft Teams meeting',
  'Join on your computer, mobile app or room device',
  `Click here to join the meeting<${CLASSIC_JOIN}>`,
  'Meeting ID: 263 947 185 204',
  'Passcode: x8K3pQ',
  'Download Teams<https://www.microsoft.com/en-us/microsoft-teams/download-app> | Join on the web<https://www.microsoft.com/microsoft-teams/join-a-meeting>',
  'Join with a video conferencing device',
  '123456789@t.plcm.vc',
  'VTC Conference ID: 0123456789',
  'Alternate VTC dialing instructions<https://dialin.plcm.vc/teams/?key=123456789&conf=0123456789>',
  'Or call in (audio only)',
  '+1 202-555-0143,,987654321#   United States, Washington DC',
  'Phone Conference ID: 987 654 321#',
  'Find a local number<https://dialin.teams.microsoft.com/8f9e7d6c-5b4a-4321-9876-0fedcba98765?id=987654321> | Reset PIN<https://mysettings.lync.com/pstnconferencing>',
  'Learn More<https://aka.ms/JoinTeamsMeeting> | Meeting options<https://teams.microsoft.com/meetingOptions/?organizerId=4bd6c0e1-4a5b-4b1c-9d8e-2f3a4b5c6d7e&tenantId=72f988bf-86f1-41af-91ab-2d7cd011db47&threadId=19_meeting_NjQ4ZTI1YzAtZDE2Ni00YjE4LWFjYWEtZmQ4YjYzYTI5ZjRj@thread.v2&messageId=0&language=en-US>',
  '________________________________________________________________________________',
].join('\n');

/** An Outlook `.ics` export: CRLF, folded at 75 characters, TEXT values escaped. */
export function outlookIcs(description: string, extra: string[] = []): string {
  const properties = [
    'BEGIN:VCALENDAR',
    'METHOD:REQUEST',
    'PRODID:Microsoft Exchange Server 2010',
    'VERSION:2.0',
    'BEGIN:VTIMEZONE',
    'TZID:Eastern Standard Time',
    'BEGIN:STANDARD',
    'DTSTART:16010101T020000',
    'TZOFFSETFROM:-0400',
    'TZOFFSETTO:-0500',
    'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=1SU;BYMONTH=11',
    'END:STANDARD',
    'END:VTIMEZONE',
    'BEGIN:VEVENT',
    'ORGANIZER;CN=Jane Doe:mailto:jane.doe@agency.example',
    'ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=John Roe:mailto:john.roe@agency.example',
    `DESCRIPTION;LANGUAGE=en-US:${escapeIcsText(description)}`,
    'UID:040000008200E00074C5B7101A82E00800000000D0A1B2C3D4E5DA01000000000000000010000000F1E2D3C4B5A697887766554433221100',
    'SUMMARY;LANGUAGE=en-US:Budget review\\, Q3',
    'DTSTART;TZID=Eastern Standard Time:20250612T140000',
    'DTEND;TZID=Eastern Standard Time:20250612T150000',
    'CLASS:PUBLIC',
    'PRIORITY:5',
    'DTSTAMP:20250605T130455Z',
    'TRANSP:OPAQUE',
    'STATUS:CONFIRMED',
    'SEQUENCE:0',
    'LOCATION;LANGUAGE=en-US:Microsoft Teams Meeting',
    ...extra,
    'X-MICROSOFT-CDO-APPT-SEQUENCE:0',
    'X-MICROSOFT-CDO-BUSYSTATUS:TENTATIVE',
    'X-MICROSOFT-CDO-IMPORTANCE:1',
    'X-MICROSOFT-DONOTFORWARDMEETING:FALSE',
    'X-MICROSOFT-DISALLOW-COUNTER:FALSE',
    'X-MICROSOFT-LOCATIONS:[{"DisplayName":"Microsoft Teams Meeting"\\,"LocationAnnotation":""\\,"LocationSource":0\\,"Unresolved":false\\,"LocationUri":""}]',
    'BEGIN:VALARM',
    'DESCRIPTION:REMINDER',
    'TRIGGER;RELATED=START:-PT15M',
    'ACTION:DISPLAY',
    'END:VALARM',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return properties.map(foldIcsLine).join('\r\n') + '\r\n';
}

export const TEAMS_PROPERTIES = `X-MICROSOFT-SKYPETEAMSPROPERTIES:{"cid":"${THREAD_V2}"\\,"private":true\\,"type":0\\,"mid":0\\,"rid":0\\,"uid":null}`;
export const TEAMS_MEETING_URL = `X-MICROSOFT-SKYPETEAMSMEETINGURL:${CLASSIC_JOIN}`;
