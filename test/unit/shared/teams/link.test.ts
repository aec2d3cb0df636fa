import { describe, expect, it } from 'vitest';
import { inspectLink, parseTeamsLink, TEAMS_HOSTS, type TeamsMeeting } from '../../../../src/shared/teams/index.ts';
import {
  CHANNEL_MESSAGE_ID,
  classicLink,
  expectedCanonical,
  HOSTS,
  launcherLink,
  MEETING_ID,
  meetLink,
  type MeetupJoinSpec,
  msteamsLinks,
  ORGANIZER,
  PASSCODE,
  TENANT,
  TENANT_GOV,
  THREAD_CHANNEL,
  THREAD_GROUP_CHAT,
  THREAD_SKYPE,
  THREAD_V2,
  webClientLink,
  webClientV2Link,
} from './fixtures.ts';

const T = THREAD_V2;
const ENCODED_T = '19%3ameeting_NjQ4ZTI1YzAtZDE2Ni00YjE4LWFjYWEtZmQ4YjYzYTI5ZjRj%40thread.v2';
const CONTEXT = `%7b%22Tid%22%3a%22${TENANT}%22%2c%22Oid%22%3a%22${ORGANIZER}%22%7d`;
const CANONICAL =
  'https://teams.microsoft.com/l/meetup-join/19%3Ameeting_NjQ4ZTI1YzAtZDE2Ni00YjE4LWFjYWEtZmQ4YjYzYTI5ZjRj%40thread.v2/0' +
  '?context=%7B%22Tid%22%3A%2272f988bf-86f1-41af-91ab-2d7cd011db47%22%2C%22Oid%22%3A%224bd6c0e1-4a5b-4b1c-9d8e-2f3a4b5c6d7e%22%7D';

const EXPECTED: TeamsMeeting = {
  kind: 'meetup-join',
  host: 'teams.microsoft.com',
  cloud: 'commercial',
  canonicalUrl: CANONICAL,
  threadId: T,
  messageId: '0',
  tenantId: TENANT,
  organizerId: ORGANIZER,
};

describe('parseTeamsLink: literal links as found in the wild', () => {
  it.each([
    ['Outlook invitation (lower-case hex)', `https://teams.microsoft.com/l/meetup-join/${ENCODED_T}/0?context=${CONTEXT}`],
    [
      'upper-case hex',
      `https://teams.microsoft.com/l/meetup-join/${ENCODED_T}/0?context=${CONTEXT}`.replace(/%[0-9a-f]{2}/g, (e) =>
        e.toUpperCase(),
      ),
    ],
    [
      'double-encoded (forwarded through a second encoder)',
      `https://teams.microsoft.com/l/meetup-join/19%253ameeting_NjQ4ZTI1YzAtZDE2Ni00YjE4LWFjYWEtZmQ4YjYzYTI5ZjRj%2540thread.v2/0?context=%257b%2522Tid%2522%253a%2522${TENANT}%2522%252c%2522Oid%2522%253a%2522${ORGANIZER}%2522%257d`,
    ],
    ['not encoded at all', `https://teams.microsoft.com/l/meetup-join/${T}/0?context={"Tid":"${TENANT}","Oid":"${ORGANIZER}"}`],
    [
      'trailing slash and extra parameters',
      `https://teams.microsoft.com/l/meetup-join/${ENCODED_T}/0/?context=${CONTEXT}&anon=true&deeplinkId=abc`,
    ],
    [
      'upper-case GUIDs',
      `https://teams.microsoft.com/l/meetup-join/${ENCODED_T}/0?context=${CONTEXT.replace(TENANT, TENANT.toUpperCase())}`,
    ],
    [
      'extra context keys',
      `https://teams.microsoft.com/l/meetup-join/${ENCODED_T}/0?context=${encodeURIComponent(`{"Tid":"${TENANT}","Oid":"${ORGANIZER}","IsBroadcastMeeting":false,"MessageId":"0"}`)}`,
    ],
    [
      'context keys in the other order',
      `https://teams.microsoft.com/l/meetup-join/${ENCODED_T}/0?context=${encodeURIComponent(`{"Oid":"${ORGANIZER}","Tid":"${TENANT}"}`)}`,
    ],
    [
      'launcher with tracking parameters',
      `https://teams.microsoft.com/dl/launcher/launcher.html?url=%2F_%23%2Fl%2Fmeetup-join%2F19%3Ameeting_NjQ4ZTI1YzAtZDE2Ni00YjE4LWFjYWEtZmQ4YjYzYTI5ZjRj%40thread.v2%2F0%3Fcontext%3D%257b%2522Tid%2522%253a%2522${TENANT}%2522%252c%2522Oid%2522%253a%2522${ORGANIZER}%2522%257d%26anon%3Dtrue&type=meetup-join&deeplinkId=8c2b0a51-4f0e-4d1b-9c61-2b1f7e3d9a40&directDl=true&msLaunch=true&enableMobilePage=true&suppressPrompt=true`,
    ],
    [
      'web client',
      `https://teams.microsoft.com/_#/l/meetup-join/${ENCODED_T}/0?context=${CONTEXT}&anon=true&deeplinkId=8c2b0a51`,
    ],
    [
      'new web client',
      `https://teams.microsoft.com/v2/?meetingjoin=true#/l/meetup-join/${ENCODED_T}/0?context=${CONTEXT}&anon=true`,
    ],
    ['msteams: without host', `msteams:/l/meetup-join/${ENCODED_T}/0?context=${CONTEXT}`],
    ['msteams: with empty host', `msteams:///l/meetup-join/${ENCODED_T}/0?context=${CONTEXT}`],
    ['msteams: with host', `msteams://teams.microsoft.com/l/meetup-join/${ENCODED_T}/0?context=${CONTEXT}`],
    ['msteams: web route', `msteams:/_#/l/meetup-join/${ENCODED_T}/0?context=${CONTEXT}`],
    ['upper-case scheme and host', `HTTPS://TEAMS.MICROSOFT.COM/l/meetup-join/${ENCODED_T}/0?context=${CONTEXT}`],
    ['trailing dot on the host', `https://teams.microsoft.com./l/meetup-join/${ENCODED_T}/0?context=${CONTEXT}`],
    [
      'surrounded by blanks and angle brackets',
      `  <https://teams.microsoft.com/l/meetup-join/${ENCODED_T}/0?context=${CONTEXT}>  `,
    ],
    ['HTML-escaped ampersands', `https://teams.microsoft.com/l/meetup-join/${ENCODED_T}/0?context=${CONTEXT}&amp;anon=true`],
  ])('%s', (_name, link) => {
    expect(parseTeamsLink(link)).toEqual(EXPECTED);
  });

  it('reads the short meet form on every cloud', () => {
    expect(parseTeamsLink('https://teams.microsoft.com/meet/21234567890123?p=AbCdEf')).toEqual({
      kind: 'meet',
      host: 'teams.microsoft.com',
      cloud: 'commercial',
      canonicalUrl: 'https://teams.microsoft.com/meet/21234567890123?p=AbCdEf',
      meetingId: '21234567890123',
      passcode: 'AbCdEf',
    });
    expect(parseTeamsLink('https://teams.live.com/meet/9376543210987?p=Xy7KpL2mQ9')).toMatchObject({
      cloud: 'consumer',
      meetingId: '9376543210987',
      passcode: 'Xy7KpL2mQ9',
    });
    expect(parseTeamsLink('msteams:/meet/263947185204?p=x8K3pQ')?.canonicalUrl).toBe(
      'https://teams.microsoft.com/meet/263947185204?p=x8K3pQ',
    );
    expect(parseTeamsLink('https://teams.microsoft.com/meet/263947185204')).toMatchObject({
      kind: 'meet',
      meetingId: '263947185204',
    });
    expect(parseTeamsLink('https://teams.microsoft.com/meet/263947185204')).not.toHaveProperty('passcode');
  });

  it('reads channel, group-chat and older skype thread meetings', () => {
    expect(
      parseTeamsLink(
        `https://teams.microsoft.com/l/meetup-join/${encodeURIComponent(THREAD_CHANNEL)}/${CHANNEL_MESSAGE_ID}?context=${encodeURIComponent(`{"Tid":"${TENANT}","Oid":"${ORGANIZER}","MessageId":"${CHANNEL_MESSAGE_ID}"}`)}`,
      ),
    ).toMatchObject({
      threadId: THREAD_CHANNEL,
      messageId: CHANNEL_MESSAGE_ID,
    });
    expect(parseTeamsLink(`https://teams.microsoft.com/l/meetup-join/${THREAD_GROUP_CHAT}/1700000000000`)).toMatchObject({
      threadId: THREAD_GROUP_CHAT,
      messageId: '1700000000000',
    });
    expect(parseTeamsLink(`https://teams.microsoft.com/l/meetup-join/${encodeURIComponent(THREAD_SKYPE)}/0`)).toMatchObject({
      threadId: THREAD_SKYPE,
    });
  });
});

describe('parseTeamsLink: every form on every host', () => {
  const specs: MeetupJoinSpec[] = HOSTS.flatMap((host) => [
    { host, threadId: THREAD_V2, messageId: '0', tenantId: TENANT, organizerId: ORGANIZER },
    { host, threadId: THREAD_SKYPE, messageId: '0', tenantId: TENANT_GOV },
    { host, threadId: THREAD_CHANNEL, messageId: CHANNEL_MESSAGE_ID, organizerId: ORGANIZER },
    { host, threadId: THREAD_GROUP_CHAT, messageId: '1700000000000' },
  ]);
  const forms = (spec: MeetupJoinSpec): [string, string][] => [
    ['teams encoding', classicLink(spec, 'teams')],
    ['upper-case hex', classicLink(spec, 'upper')],
    ['double-encoded', classicLink(spec, 'double')],
    ['raw', classicLink(spec, 'raw')],
    ['launcher', launcherLink(spec)],
    ['web client', webClientLink(spec)],
    ['new web client', webClientV2Link(spec)],
    ...msteamsLinks(spec).map((link): [string, string] => ['msteams', link]),
  ];
  const cases = specs.flatMap((spec) => forms(spec).map(([form, link]) => ({ spec, form, link })));

  it.each(cases)('$spec.host $form $spec.threadId', ({ spec, link }) => {
    const meeting = parseTeamsLink(link);
    expect(meeting).toMatchObject({ kind: 'meetup-join', host: spec.host, threadId: spec.threadId, messageId: spec.messageId });
    expect(meeting?.canonicalUrl).toBe(expectedCanonical(spec));
    if (meeting?.kind !== 'meetup-join') return;
    expect(meeting.tenantId).toBe(spec.tenantId);
    expect(meeting.organizerId).toBe(spec.organizerId);
  });

  it.each(HOSTS)('meet link on %s', (host) => {
    const spec = { host, meetingId: MEETING_ID, passcode: PASSCODE };
    expect(parseTeamsLink(meetLink(spec))?.canonicalUrl).toBe(expectedCanonical(spec));
    expect(parseTeamsLink(`msteams://${host}/meet/${MEETING_ID}?p=${PASSCODE}`)?.canonicalUrl).toBe(expectedCanonical(spec));
  });

  it('reports the cloud of each host', () => {
    const clouds = Object.fromEntries(
      TEAMS_HOSTS.map((host) => [host, parseTeamsLink(meetLink({ host, meetingId: MEETING_ID }))?.cloud]),
    );
    expect(clouds).toEqual({
      'teams.microsoft.com': 'commercial',
      'teams.cloud.microsoft': 'commercial',
      'teams.live.com': 'consumer',
      'gov.teams.microsoft.us': 'gcc-high',
      'dod.teams.microsoft.us': 'dod',
      'teams.microsoftonline.cn': 'china',
    });
  });

  it('is idempotent: the canonical URL parses back to the same meeting', () => {
    for (const { link } of cases) {
      const meeting = parseTeamsLink(link);
      expect(meeting).not.toBeNull();
      if (meeting) expect(parseTeamsLink(meeting.canonicalUrl)).toEqual(meeting);
    }
  });
});

describe('parseTeamsLink: look-alikes and wrong schemes', () => {
  const path = `/l/meetup-join/${ENCODED_T}/0?context=${CONTEXT}`;
  it.each([
    `https://teams.microsoft.com.evil.example${path}`,
    `https://evilteams.microsoft.com${path}`,
    `https://www.teams.microsoft.com${path}`,
    `https://teams.microsoft.com@evil.example${path}`,
    `https://user:secret@teams.microsoft.com${path}`,
    `https://teams.microsoft.com:8443${path}`,
    `https://teams.microsoft.co${path}`,
    `https://teams-microsoft.com${path}`,
    `https://teams.microsoft.com..${path}`,
    `https://te\u0430ms.microsoft.com${path}`,
    `https://evil.example/teams.microsoft.com${path}`,
    `https://evil.example/?next=https://teams.microsoft.com${path}`,
    `https://evil.example#@teams.microsoft.com${path}`,
    `http://teams.microsoft.com${path}`,
    `ftp://teams.microsoft.com${path}`,
    `javascript:alert(1)//https://teams.microsoft.com${path}`,
    `data:text/html,https://teams.microsoft.com${path}`,
    `//teams.microsoft.com${path}`,
    `teams.microsoft.com${path}`,
    `msteams://evil.example${path}`,
    `msteams://teams.microsoft.com@evil.example${path}`,
    `msteams://teams.microsoft.com:443${path}`,
    `msteams://teams.microsoft.com.evil.example${path}`,
    `msteams:l/meetup-join/${ENCODED_T}/0`,
    `msteamsx:/l/meetup-join/${ENCODED_T}/0`,
    `https://teams.microsoft.com/dl/launcher/launcher.html?url=${encodeURIComponent(`https://evil.example${path}`)}`,
    `https://teams.microsoft.com/dl/launcher/launcher.html?url=${encodeURIComponent(`//evil.example${path}`)}`,
    `https://teams.microsoft.com/dl/launcher/launcher.html?url=${encodeURIComponent(`/\\evil.example${path}`)}`,
    `https://teams.microsoft.com/_#//evil.example${path}`,
    `https://teams.microsoft.com/_#/\t/evil.example${path}`,
  ])('rejects %s', (link) => {
    expect(parseTeamsLink(link)).toBeNull();
    expect(inspectLink(link)).toEqual({ status: 'not-teams' });
  });
});

describe('parseTeamsLink: validation', () => {
  const link = (thread: string, message = '0', query = `?context=${CONTEXT}`): string =>
    `https://teams.microsoft.com/l/meetup-join/${thread}/${message}${query}`;

  it.each([
    ['unknown thread suffix', link('19%3ameeting_abc%40thread.v3')],
    ['wrong thread prefix', link('20%3ameeting_abc%40thread.v2')],
    ['empty thread body', link('19%3a%40thread.v2')],
    ['markup in the thread', link(encodeURIComponent('19:meeting_<script>@thread.v2'))],
    ['suffix smuggling', link(encodeURIComponent(`${T}@evil`))],
    ['slash hidden by encoding', link(encodeURIComponent('19:meeting_a/b@thread.v2'))],
    ['triple-encoded beyond the cap', link(encodeURIComponent(encodeURIComponent(encodeURIComponent(encodeURIComponent(T)))))],
    ['non-numeric message id', link(ENCODED_T, 'abc')],
    ['negative message id', link(ENCODED_T, '-1')],
    ['hex message id', link(ENCODED_T, '0x10')],
    ['overlong message id', link(ENCODED_T, '1'.repeat(21))],
    ['missing message id', `https://teams.microsoft.com/l/meetup-join/${ENCODED_T}`],
    ['extra path segment', `https://teams.microsoft.com/l/meetup-join/${ENCODED_T}/0/extra`],
    ['broken escape', link('19%3ameeting_abc%4')],
    ['invalid hex escape', link('19%ZZmeeting_abc%40thread.v2')],
    ['invalid UTF-8', link('19%3ameeting_%C3%28%40thread.v2')],
    ['lone surrogate escape', link('19%3ameeting_%ED%A0%80%40thread.v2')],
    ['chat deep link', `https://teams.microsoft.com/l/chat/0/0?users=jane@agency.example`],
    [
      'channel deep link',
      `https://teams.microsoft.com/l/channel/${encodeURIComponent(THREAD_CHANNEL)}/General?groupId=${TENANT}`,
    ],
    [
      'meeting options page',
      `https://teams.microsoft.com/meetingOptions/?organizerId=${ORGANIZER}&tenantId=${TENANT}&threadId=19_meeting_x@thread.v2&messageId=0`,
    ],
    ['meet without id', 'https://teams.microsoft.com/meet/?p=AbCdEf'],
    ['meet id too short', 'https://teams.microsoft.com/meet/123456?p=AbCdEf'],
    ['meet id not digits', 'https://teams.microsoft.com/meet/12345678901a?p=AbCdEf'],
    ['meet id too long', `https://teams.microsoft.com/meet/${'1'.repeat(21)}?p=AbCdEf`],
    ['host only', 'https://teams.microsoft.com/'],
    ['empty', ''],
    ['blank', '   '],
  ])('rejects %s', (_name, input) => {
    expect(parseTeamsLink(input)).toBeNull();
  });

  it('drops an invalid tenant or organizer instead of failing, and never outputs it', () => {
    const meeting = parseTeamsLink(
      link(ENCODED_T, '0', `?context=${encodeURIComponent(`{"Tid":"evil.example","Oid":"${ORGANIZER}"}`)}`),
    );
    expect(meeting).toMatchObject({ threadId: T, organizerId: ORGANIZER });
    expect(meeting).not.toHaveProperty('tenantId');
    expect(meeting?.canonicalUrl).not.toContain('evil');
    expect(JSON.stringify(meeting)).not.toContain('evil');
  });

  it.each([
    ['not JSON', '?context=Tid%3Dabc'],
    ['a JSON array', `?context=${encodeURIComponent(`["${TENANT}"]`)}`],
    ['JSON null', '?context=null'],
    ['numbers instead of strings', '?context=%7B%22Tid%22%3A1%2C%22Oid%22%3A2%7D'],
    ['GUIDs with braces', `?context=${encodeURIComponent(`{"Tid":"{${TENANT}}"}`)}`],
    ['a broken escape', '?context=%7B%22Tid%22%3A%22%E0%A4%A%22%7D'],
    ['a deeply nested array', `?context=${'['.repeat(5000)}`],
    ['a long string', `?context=${encodeURIComponent(`{"Tid":"${'a'.repeat(10_000)}"}`)}`],
    ['no context at all', ''],
  ])('keeps the meeting when the context is %s', (_name, query) => {
    const meeting = parseTeamsLink(link(ENCODED_T, '0', query));
    expect(meeting).toMatchObject({ kind: 'meetup-join', threadId: T, messageId: '0' });
    expect(meeting).not.toHaveProperty('tenantId');
    expect(meeting).not.toHaveProperty('organizerId');
    expect(meeting?.canonicalUrl).toBe(`https://teams.microsoft.com/l/meetup-join/${encodeURIComponent(T)}/0`);
  });

  it.each(['Ab%3Cscript%3E', 'a b', 'x'.repeat(33), '%E0%A4%A', ''])('drops the unsafe passcode %j', (p) => {
    const meeting = parseTeamsLink(`https://teams.microsoft.com/meet/${MEETING_ID}?p=${p}`);
    expect(meeting).toMatchObject({ kind: 'meet', meetingId: MEETING_ID });
    expect(meeting).not.toHaveProperty('passcode');
  });
});

describe('inspectLink', () => {
  it('reports a direct meeting with no wrappers', () => {
    expect(inspectLink(CANONICAL)).toEqual({ status: 'meeting', meeting: EXPECTED, unwrapped: [] });
  });

  it('treats non-strings and oversized input as not Teams', () => {
    expect(inspectLink(42 as unknown as string)).toEqual({ status: 'not-teams' });
    expect(inspectLink(null as unknown as string)).toEqual({ status: 'not-teams' });
    expect(inspectLink(`${CANONICAL}&pad=${'a'.repeat(70_000)}`)).toEqual({ status: 'not-teams' });
    expect(parseTeamsLink(`${CANONICAL}&pad=${'a'.repeat(60_000)}`)).toEqual(EXPECTED);
  });
});
