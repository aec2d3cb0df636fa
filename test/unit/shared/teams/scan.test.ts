import { describe, expect, it } from 'vitest';
import { findTeamsLinks, inspectLinksInText } from '../../../../src/shared/teams/index.ts';
import {
  CLASSIC_JOIN,
  classicLink,
  expectedCanonical,
  launcherLink,
  MEET_JOIN,
  mimecast,
  NEW_DESCRIPTION,
  OLD_DESCRIPTION,
  ORGANIZER,
  outlookIcs,
  proofpointV3,
  safeLinks,
  TEAMS_MEETING_URL,
  TEAMS_PROPERTIES,
  TENANT,
  THREAD_V2,
  THREAD_V2_B,
} from './fixtures.ts';

const SPEC = {
  host: 'teams.microsoft.com',
  threadId: THREAD_V2,
  messageId: '0',
  tenantId: TENANT,
  organizerId: ORGANIZER,
} as const;
const CANONICAL = expectedCanonical(SPEC);
const OTHER = { host: 'gov.teams.microsoft.us', threadId: THREAD_V2_B, messageId: '0', tenantId: TENANT } as const;

const canonicals = (text: string): string[] => findTeamsLinks(text).map((meeting) => meeting.canonicalUrl);

describe('findTeamsLinks', () => {
  it.each([
    ['a chat message', `Here is the link: ${CLASSIC_JOIN} see you there`],
    ['the end of a sentence', `Join here: ${CLASSIC_JOIN}.`],
    ['parentheses', `(link: ${CLASSIC_JOIN})`],
    ['Markdown', `[Join the meeting](${CLASSIC_JOIN})`],
    ['plain-text mail angle brackets', `Click here to join the meeting<${CLASSIC_JOIN}>`],
    ['an HTML href', `<a href="${CLASSIC_JOIN}&amp;anon=true" target="_blank">Click here to join the meeting</a>`],
    ['a single-quoted href', `<a href='${CLASSIC_JOIN}'>join</a>`],
    ['an unencoded context in prose', `Link: ${classicLink(SPEC, 'raw')}, thanks!`],
    ['a quoted unencoded context', `"${classicLink(SPEC, 'raw')}"`],
    ['a non-breaking space', `Join:\u00a0${CLASSIC_JOIN}\u00a0now`],
    ['a launcher link', `Open ${launcherLink(SPEC)} in your browser`],
    ['a Safe Links rewrite', `Click here to join the meeting<${safeLinks(CLASSIC_JOIN)}>`],
    ['a Proofpoint v3 rewrite', `Join: ${proofpointV3(CLASSIC_JOIN)} .`],
    [
      'an msteams: link',
      `msteams:/l/meetup-join/${encodeURIComponent(THREAD_V2)}/0?context=${encodeURIComponent(`{"Tid":"${TENANT}","Oid":"${ORGANIZER}"}`)}`,
    ],
  ])('finds the meeting in %s', (_name, text) => {
    expect(canonicals(text)).toEqual([CANONICAL]);
  });

  it('deduplicates by canonical URL and keeps the order of appearance', () => {
    const text = [
      `First ${MEET_JOIN}`,
      `then ${CLASSIC_JOIN}`,
      `then the same again, double-encoded ${classicLink(SPEC, 'double')}`,
      `and wrapped ${safeLinks(launcherLink(SPEC))}`,
      `another meeting ${classicLink(OTHER)}`,
      `and the first one once more ${MEET_JOIN}`,
    ].join('\n');
    expect(canonicals(text)).toEqual([MEET_JOIN, CANONICAL, expectedCanonical(OTHER)]);
  });

  it('ignores look-alikes and non-meeting links', () => {
    const text = [
      CLASSIC_JOIN.replace('teams.microsoft.com', 'teams.microsoft.com.evil.example'),
      CLASSIC_JOIN.replace('https://', 'https://teams.microsoft.com@'),
      'https://teams.microsoft.com/l/chat/0/0?users=jane@agency.example',
      'https://aka.ms/JoinTeamsMeeting',
      `https://evil.example/redirect?to=${CLASSIC_JOIN}`,
      'msteams:',
      'https://',
    ].join(' ');
    expect(findTeamsLinks(text)).toEqual([]);
  });

  it('reports opaque wrappers separately from meetings', () => {
    const [opaque, meeting, ...rest] = inspectLinksInText(`Join: ${mimecast()} or ${MEET_JOIN}`);
    expect(opaque).toEqual({
      status: 'opaque-wrapper',
      wrapper: 'mimecast',
      unwrapped: [],
      claimedTeamsHost: 'teams.microsoft.com',
    });
    expect(meeting).toMatchObject({ status: 'meeting', meeting: { canonicalUrl: MEET_JOIN } });
    expect(rest).toEqual([]);
    expect(findTeamsLinks(`Join: ${mimecast()}`)).toEqual([]);
  });

  it('reads folded and escaped .ics files', () => {
    const ics = outlookIcs(NEW_DESCRIPTION, [TEAMS_MEETING_URL, TEAMS_PROPERTIES]);
    expect(ics).toContain('\r\n ');
    expect(canonicals(ics)).toEqual([MEET_JOIN, CANONICAL]);
    expect(canonicals(outlookIcs(OLD_DESCRIPTION))).toEqual([CANONICAL]);
  });

  it('does not unfold plain text that is not iCalendar', () => {
    expect(canonicals(`Join: ${MEET_JOIN.slice(0, 30)}\n ${MEET_JOIN.slice(30)}`)).toEqual([]);
  });

  it('returns nothing for non-strings', () => {
    expect(findTeamsLinks(undefined as unknown as string)).toEqual([]);
  });

  it('stops after 100 distinct links', () => {
    const text = Array.from(
      { length: 150 },
      (_, i) => `https://teams.microsoft.com/meet/${String(212345678901 + i)}?p=x${i}`,
    ).join('\n');
    const found = findTeamsLinks(text);
    expect(found).toHaveLength(100);
    expect(found[99]?.canonicalUrl).toBe('https://teams.microsoft.com/meet/212345679000?p=x99');
  });

  it('examines at most 500 candidates', () => {
    const text = `${'https://example.org/ '.repeat(500)} ${MEET_JOIN}`;
    expect(findTeamsLinks(text)).toEqual([]);
    expect(findTeamsLinks(`${'https://example.org/ '.repeat(499)} ${MEET_JOIN}`)).toHaveLength(1);
  });

  it('scans only the first 2 MiB', () => {
    const padding = ' '.repeat(2 * 1024 * 1024);
    expect(findTeamsLinks(`${MEET_JOIN} ${padding}`)).toHaveLength(1);
    expect(findTeamsLinks(`${padding} ${MEET_JOIN}`)).toEqual([]);
  });
});
