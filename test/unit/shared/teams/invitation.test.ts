import { describe, expect, it } from 'vitest';
import { parseTeamsInvitation, type TeamsInvitation } from '../../../../src/shared/teams/index.ts';
import { icsToScanText, readIcsEvent, unescapeIcsText, unfoldIcs } from '../../../../src/shared/teams/ics.ts';
import {
  CLASSIC_JOIN,
  classicLink,
  escapeIcsText,
  expectedCanonical,
  MEET_JOIN,
  mimecast,
  NEW_DESCRIPTION,
  OLD_DESCRIPTION,
  ORGANIZER,
  outlookIcs,
  safeLinks,
  TEAMS_MEETING_URL,
  TEAMS_PROPERTIES,
  TENANT,
  THREAD_V2,
  THREAD_V2_B,
} from './fixtures.ts';

/** The invitation with meetings reduced to their canonical URLs, for exact comparisons. */
function summary(invitation: TeamsInvitation | null): Record<string, unknown> | null {
  if (invitation === null) return null;
  return {
    ...invitation,
    meeting: invitation.meeting?.canonicalUrl ?? null,
    links: invitation.links.map((link) => link.canonicalUrl),
  };
}

const SPEC = {
  host: 'teams.microsoft.com',
  threadId: THREAD_V2,
  messageId: '0',
  tenantId: TENANT,
  organizerId: ORGANIZER,
} as const;
const CANONICAL = expectedCanonical(SPEC);

const OUTLOOK_HTML = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><style>p{margin:0} .x{color:#252424}</style></head>
<body><!-- Teams invitation --><div style="width:100%"><span style="white-space:nowrap;color:#5F5F5F;opacity:.36;">________________________________________________________________________________</span></div>
<div class="me-email-text" lang="en-US" style="color:#242424;font-family:'Segoe UI','Helvetica Neue',Helvetica,Arial,sans-serif;">
<div style="margin-top:24px;margin-bottom:20px;"><span style="font-size:24px;color:#252424">Microsoft Teams meeting</span></div>
<div style="margin-bottom:20px;"><div style="margin-top:0px;margin-bottom:0px;font-weight:bold"><span style="font-size:14px;color:#252424">Join on your computer, mobile app or room device</span></div>
<a class="me-email-headline" style="font-size:14px;text-decoration:underline;color:#6264a7;" href="${CLASSIC_JOIN}" target="_blank" rel="noreferrer noopener">Click here to join the meeting</a></div>
<div style="margin-bottom:20px;margin-top:20px"><div style="margin-bottom:4px"><span data-tid="meeting-code" style="font-size:14px;color:#252424;">Meeting ID: <span style="font-size:16px;color:#252424;">263 947 185 204</span> </span><br>
<span style="font-size:14px;color:#252424;"> Passcode: </span><span style="font-size:16px;color:#252424;"> x8K3pQ </span></div></div>
<div style="margin-bottom:4px;margin-top:4px;"><span style="font-size:14px;color:#252424;font-weight:bold">Join with a video conferencing device</span></div>
<div style="font-size:14px;color:#252424;">123456789@t.plcm.vc </div>
<div style="font-size:14px;color:#252424;margin-bottom:4px">VTC Conference ID: 0123456789 </div>
<a class="me-email-link" style="font-size:14px;text-decoration:underline;color:#6264a7;" href="https://dialin.plcm.vc/teams/?key=123456789&amp;conf=0123456789" target="_blank">Alternate VTC dialing instructions</a>
<div style="margin-bottom:4px;margin-top:4px;"><span style="font-size:14px;font-weight:bold">Or call in (audio only)</span></div>
<div><a href="tel:+12025550143,,987654321#" target="_blank">+1 202-555-0143,,987654321#</a>&nbsp;&nbsp; United States, Washington DC</div>
<div style="margin-bottom:4px"><span>Phone Conference ID: </span><span>987 654 321#</span></div>
<div><a href="https://aka.ms/JoinTeamsMeeting" target="_blank">Learn More</a> | <a href="https://teams.microsoft.com/meetingOptions/?organizerId=${ORGANIZER}&amp;tenantId=${TENANT}&amp;threadId=19_meeting_x@thread.v2&amp;messageId=0&amp;language=en-US" target="_blank">Meeting options</a></div>
</div></body></html>`;

describe('parseTeamsInvitation: .ics files', () => {
  it('reads a 2024+ Outlook invitation with Teams properties', () => {
    const ics = outlookIcs(NEW_DESCRIPTION, [TEAMS_MEETING_URL, TEAMS_PROPERTIES]);
    const invitation = parseTeamsInvitation(ics);
    expect(invitation?.meeting).toMatchObject({ threadId: THREAD_V2, tenantId: TENANT, organizerId: ORGANIZER });
    expect(summary(invitation)).toEqual({
      meeting: CANONICAL,
      links: [MEET_JOIN, CANONICAL],
      opaqueWrappers: [],
      threadId: THREAD_V2,
      meetingId: '21234567890123',
      passcode: 'AbCdEf',
      phoneConferenceId: '123456789',
      vtc: {
        conferenceId: '1122334455',
        dialString: '123456789@t.plcm.vc',
        instructionsUrl: 'https://dialin.plcm.vc/teams/?key=123456789&conf=1122334455',
      },
    });
  });

  it('takes the last meetup-join link of the description when the property is missing', () => {
    const invitation = parseTeamsInvitation(outlookIcs(NEW_DESCRIPTION));
    expect(invitation?.meeting?.canonicalUrl).toBe(CANONICAL);
    expect(invitation).not.toHaveProperty('threadId');
  });

  it('prefers X-MICROSOFT-SKYPETEAMSMEETINGURL over the description', () => {
    const other = classicLink({ ...SPEC, threadId: THREAD_V2_B });
    const invitation = parseTeamsInvitation(outlookIcs(NEW_DESCRIPTION, [`X-MICROSOFT-SKYPETEAMSMEETINGURL:${other}`]));
    expect(invitation?.meeting?.canonicalUrl).toBe(expectedCanonical({ ...SPEC, threadId: THREAD_V2_B }));
    expect(invitation?.links.map((link) => link.canonicalUrl)).toEqual([
      MEET_JOIN,
      CANONICAL,
      expectedCanonical({ ...SPEC, threadId: THREAD_V2_B }),
    ]);
  });

  it('falls back to the description when the property is not a valid link', () => {
    const invitation = parseTeamsInvitation(
      outlookIcs(NEW_DESCRIPTION, ['X-MICROSOFT-SKYPETEAMSMEETINGURL:https://evil.example/l/meetup-join/x/0']),
    );
    expect(invitation?.meeting?.canonicalUrl).toBe(CANONICAL);
  });

  it('reads a 2020–2023 invitation with a Polycom VTC block', () => {
    expect(summary(parseTeamsInvitation(outlookIcs(OLD_DESCRIPTION, [TEAMS_PROPERTIES])))).toEqual({
      meeting: CANONICAL,
      links: [CANONICAL],
      opaqueWrappers: [],
      threadId: THREAD_V2,
      meetingId: '263947185204',
      passcode: 'x8K3pQ',
      phoneConferenceId: '987654321',
      vtc: {
        conferenceId: '0123456789',
        dialString: '123456789@t.plcm.vc',
        instructionsUrl: 'https://dialin.plcm.vc/teams/?key=123456789&conf=0123456789',
      },
    });
  });

  it('accepts LF line endings, tab folding and an unescaped properties JSON', () => {
    const ics = outlookIcs(OLD_DESCRIPTION, [TEAMS_PROPERTIES.replace(/\\,/g, ',')])
      .replace(/\r\n /g, '\n\t')
      .replace(/\r\n/g, '\n');
    const invitation = parseTeamsInvitation(ics);
    expect(invitation?.meeting?.canonicalUrl).toBe(CANONICAL);
    expect(invitation?.threadId).toBe(THREAD_V2);
  });

  it('uses the HTML description (X-ALT-DESC) when there is no plain one', () => {
    const ics = outlookIcs('', [`X-ALT-DESC;FMTTYPE=text/html:${escapeIcsText(OUTLOOK_HTML)}`]);
    const expected = { meeting: { canonicalUrl: CANONICAL }, meetingId: '263947185204', passcode: 'x8K3pQ' };
    expect(ics).toContain('DESCRIPTION;LANGUAGE=en-US:\r\n');
    expect(parseTeamsInvitation(ics)).toMatchObject(expected);
    expect(parseTeamsInvitation(ics.replace('DESCRIPTION;LANGUAGE=en-US:\r\n', ''))).toMatchObject(expected);
  });

  it('ignores an invalid cid', () => {
    const invitation = parseTeamsInvitation(
      outlookIcs(OLD_DESCRIPTION, ['X-MICROSOFT-SKYPETEAMSPROPERTIES:{"cid":"19:<b>@thread.v2"}']),
    );
    expect(invitation).not.toHaveProperty('threadId');
    expect(parseTeamsInvitation(outlookIcs(OLD_DESCRIPTION, ['X-MICROSOFT-SKYPETEAMSPROPERTIES:[1]']))).not.toHaveProperty(
      'threadId',
    );
    expect(parseTeamsInvitation(outlookIcs(OLD_DESCRIPTION, ['X-MICROSOFT-SKYPETEAMSPROPERTIES:{oops']))).not.toHaveProperty(
      'threadId',
    );
  });
});

describe('parseTeamsInvitation: mail bodies', () => {
  it('reads an Outlook HTML invitation', () => {
    expect(summary(parseTeamsInvitation(OUTLOOK_HTML))).toEqual({
      meeting: CANONICAL,
      links: [CANONICAL],
      opaqueWrappers: [],
      meetingId: '263947185204',
      passcode: 'x8K3pQ',
      phoneConferenceId: '987654321',
      // The instructions link is an href in HTML, not "text<url>": only plain text yields it.
      vtc: { conferenceId: '0123456789', dialString: '123456789@t.plcm.vc' },
    });
  });

  it('reads a plain-text invitation whose links were rewritten by Safe Links', () => {
    const body = NEW_DESCRIPTION.replace(/<(https:[^>]+)>/g, (_match, url: string) => `<${safeLinks(url)}>`).replace(
      MEET_JOIN,
      safeLinks(MEET_JOIN),
    );
    const invitation = parseTeamsInvitation(body);
    expect(invitation?.meeting?.canonicalUrl).toBe(CANONICAL);
    expect(invitation?.links.map((link) => link.canonicalUrl)).toEqual([MEET_JOIN, CANONICAL]);
    expect(invitation?.vtc?.instructionsUrl).toMatch(/^https:\/\/nam12\.safelinks\.protection\.outlook\.com\//);
  });

  it('reads the other VTC layouts', () => {
    const pexip = parseTeamsInvitation(
      `Microsoft Teams meeting\nJoin: ${MEET_JOIN}\nJoin with a video conferencing device\nteams@vc.agency.example\nVideo Conference ID: 123 456 789 0\nAlternate VTC instructions<https://pexip.me/teams/vc.agency.example/1234567890>\n`,
    );
    expect(pexip?.vtc).toEqual({
      conferenceId: '1234567890',
      dialString: 'teams@vc.agency.example',
      instructionsUrl: 'https://pexip.me/teams/vc.agency.example/1234567890',
    });
    const inline = parseTeamsInvitation(
      `Microsoft Teams meeting\n${CLASSIC_JOIN}\nConference ID: 1234567890@t.plcm.vc\nPhone Conference ID: 555 123 456#`,
    );
    expect(inline).toMatchObject({
      vtc: { conferenceId: '1234567890', dialString: '1234567890@t.plcm.vc' },
      phoneConferenceId: '555123456',
    });
    const olderPhone = parseTeamsInvitation(
      `Microsoft Teams meeting\n${CLASSIC_JOIN}\n+1 555-0100,,123456789#\nConference ID: 123 456 789#`,
    );
    expect(olderPhone).toMatchObject({ phoneConferenceId: '123456789' });
    expect(olderPhone).not.toHaveProperty('vtc');
  });

  it('drops invalid field values', () => {
    const invitation = parseTeamsInvitation(
      `Microsoft Teams meeting\n${CLASSIC_JOIN}\nMeeting ID: 123 45\nPasscode: <script>\nJoin with a video conferencing device\nevil@@example\nVTC Conference ID: 12\nMore info<http://plain.example/x>`,
    );
    expect(summary(invitation)).toEqual({ meeting: CANONICAL, links: [CANONICAL], opaqueWrappers: [] });
  });

  it('takes the id and passcode from a meet link when the text has none', () => {
    expect(parseTeamsInvitation(`Join: ${MEET_JOIN}`)).toMatchObject({
      meetingId: '21234567890123',
      passcode: 'AbCdEf',
      meeting: { kind: 'meet' },
    });
  });

  it('explains a Teams invitation whose only link is opaque', () => {
    const body = NEW_DESCRIPTION.replace(MEET_JOIN, mimecast()).replace(CLASSIC_JOIN, mimecast());
    expect(parseTeamsInvitation(body)).toMatchObject({
      meeting: null,
      links: [],
      opaqueWrappers: ['mimecast'],
      meetingId: '21234567890123',
      passcode: 'AbCdEf',
    });
  });

  it.each([
    ['an ordinary mail', 'Hello,\nplease find the minutes attached.\nhttps://example.org/minutes'],
    ['a Mimecast link outside a Teams invitation', `Minutes: ${mimecast('example.org')}`],
    ['a meeting id without any Teams wording', 'Meeting ID: 123 456 789 012'],
    ['an empty string', ''],
    ['a non-string', 7 as unknown as string],
    ['an empty calendar', 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n'],
  ])('returns null for %s', (_name, text) => {
    expect(parseTeamsInvitation(text)).toBeNull();
  });
});

describe('iCalendar helpers', () => {
  it('unfolds CRLF, LF and CR folds with a space or a tab', () => {
    expect(unfoldIcs('DESCRIPTION:ab\r\n cd\n\tef\r gh\r\nX:1')).toBe('DESCRIPTION:abcdefgh\r\nX:1');
  });

  it('unescapes TEXT values', () => {
    expect(unescapeIcsText('a\\nb\\Nc\\,d\\;e\\\\n\\:f')).toBe('a\nb\nc,d;e\\n:f');
  });

  it('reads the Teams properties of the VEVENT, not of its VALARM, with quoted colons in parameters', () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'BEGIN:VALARM',
      'DESCRIPTION:REMINDER',
      'END:VALARM',
      'DESCRIPTION;ALTREP="https://x.example/a":Hi\\, there\\nsecond line',
      'X-ALT-DESC;FMTTYPE=text/html:<p>Hi</p>',
      'X-MICROSOFT-SKYPETEAMSMEETINGURL:https://teams.microsoft.com/meet/21234567890123',
      'x-microsoft-skypeteamsproperties:{"cid":"x"}',
      'DESCRIPTION:second description',
      'END:VEVENT',
      'DESCRIPTION:outside',
      'END:VCALENDAR',
    ].join('\r\n');
    expect(readIcsEvent(ics)).toEqual({
      description: 'Hi, there\nsecond line',
      htmlDescription: '<p>Hi</p>',
      meetingUrl: 'https://teams.microsoft.com/meet/21234567890123',
      teamsProperties: '{"cid":"x"}',
    });
    expect(readIcsEvent('DESCRIPTION:no component')).toEqual({});
    expect(readIcsEvent(`BEGIN:VEVENT\nDESCRIPTION;X="${'a'.repeat(5000)}":too long\nEND:VEVENT`)).toEqual({});
  });

  it('keeps non-iCalendar lines when preparing text for scanning', () => {
    expect(icsToScanText('Forwarded invite:\nBEGIN:VEVENT\nDESCRIPTION:a\\nb\nEND:VEVENT')).toBe(
      'Forwarded invite:\nBEGIN:VEVENT\nDESCRIPTION:a\nb\nEND:VEVENT',
    );
  });
});
