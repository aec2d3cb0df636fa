// Hostile input: every entry point returns quickly (within 50 ms) and never throws.
import { describe, expect, it } from 'vitest';
import { findTeamsLinks, inspectLink, parseTeamsInvitation, parseTeamsLink } from '../../../../src/shared/teams/index.ts';
import {
  CLASSIC_JOIN,
  launcherLink,
  MEET_JOIN,
  ORGANIZER,
  outlookIcs,
  proofpointV3,
  safeLinks,
  TENANT,
  THREAD_V2,
} from './fixtures.ts';
import { bestOfThreeMs, CALL_BUDGET_MS } from './timing.ts';

const KIB = 1024;
const MIB = 1024 * KIB;
const PREFIX = `https://teams.microsoft.com/l/meetup-join/${encodeURIComponent(THREAD_V2)}/0`;
const SPEC = {
  host: 'teams.microsoft.com',
  threadId: THREAD_V2,
  messageId: '0',
  tenantId: TENANT,
  organizerId: ORGANIZER,
} as const;

function nestedLaunchers(depth: number): string {
  let path = `/l/meetup-join/${encodeURIComponent(THREAD_V2)}/0`;
  for (let i = 0; i < depth; i++) path = `/dl/launcher/launcher.html?url=${encodeURIComponent(path)}`;
  return `https://teams.microsoft.com${path}`;
}

const LINKS: [string, string][] = [
  ['64 KiB of %', `${PREFIX}?context=${'%'.repeat(64 * KIB - PREFIX.length - 10)}`],
  ['broken escapes', `https://teams.microsoft.com/l/meetup-join/${'%E0%A4%A'.repeat(7000)}/0`],
  ['%25 chains', `https://teams.microsoft.com/l/meetup-join/19${'%25'.repeat(20_000)}3a/0`],
  ['context: nested arrays', `${PREFIX}?context=${'%5B'.repeat(20_000)}`],
  ['context: nested objects', `${PREFIX}?context=${encodeURIComponent('{"a":'.repeat(10_000))}`],
  ['context: long string under the URL cap', `${PREFIX}?context=${encodeURIComponent(`{"Tid":"${'a'.repeat(60 * KIB)}"}`)}`],
  ['context: 10 MB string', `${PREFIX}?context=${encodeURIComponent(`{"Tid":"${'a'.repeat(10 * MIB)}"}`)}`],
  ['10 MB of garbage', 'x'.repeat(10 * MIB)],
  ['many path segments', `https://teams.microsoft.com/l/meetup-join/${'a/'.repeat(30_000)}`],
  ['many query parameters', `${PREFIX}?${'context=x&'.repeat(6000)}`],
  ['launchers nested 1000 deep', nestedLaunchers(1000).slice(0, 64 * KIB)],
  ['launchers nested 6 deep', nestedLaunchers(6)],
  ['hash routes nested', `https://teams.microsoft.com/_#${'/_#'.repeat(20_000)}`],
  ['Safe Links nested 6 deep', [1, 2, 3, 4, 5, 6].reduce((url) => safeLinks(url), CLASSIC_JOIN)],
  [
    'Proofpoint v3: 60k placeholders',
    `https://urldefense.com/v3/__https://teams.microsoft.com/${'*'.repeat(60_000)}__;${'JSUl'.repeat(1000)}!!x$`,
  ],
  [
    'Proofpoint v3: runs',
    `https://urldefense.com/v3/__https://teams.microsoft.com/${'**_'.repeat(20_000)}__;${'JSUl'.repeat(1000)}!!x$`,
  ],
  ['Proofpoint v3: no terminator', `https://urldefense.com/v3/__${'_'.repeat(60_000)}`],
  ['Proofpoint v3: huge base64', `https://urldefense.com/v3/__https://a.example/*__;${'A'.repeat(60_000)}!!x$`],
  ['Proofpoint v2: dashes', `https://urldefense.proofpoint.com/v2/url?u=${'-'.repeat(60_000)}`],
  ['Cisco: long token', `https://secure-web.cisco.com/${'a'.repeat(60_000)}/https%3A%2F%2Fteams.microsoft.com`],
  ['msteams: long authority', `msteams://${'a'.repeat(60_000)}/l/meetup-join/x/0`],
  ['lone surrogates', `${PREFIX}?context=${'\ud800'.repeat(20_000)}`],
  ['NUL and controls', `${PREFIX}${'\u0000\u0001\u001f'.repeat(10_000)}`],
  ['HTML entities', `${PREFIX}?context=${'&amp;'.repeat(12_000)}`],
  ['non-strings', null as unknown as string],
];

const TEXTS: [string, string][] = [
  ['2 MiB of https:// without separators', 'https://'.repeat((2 * MIB) / 8)],
  ['2 MiB of short Teams-like candidates', 'https://teams.microsoft.com/meet/1 '.repeat(60_000)],
  ['2 MiB of valid meetings', `${MEET_JOIN} `.repeat(40_000)],
  ['2 MiB of braces after a link', `https://teams.microsoft.com/meet/123{${'{"'.repeat(MIB)}`],
  ['2 MiB of parentheses', `(${'https://a.example/('.repeat(100_000)}`],
  ['10 MB message', `${'lorem ipsum '.repeat(900_000)}${CLASSIC_JOIN}`],
  ['2 MiB of folded .ics lines', `BEGIN:VCALENDAR\r\n${'DESCRIPTION:x\r\n \\n\\,\\;'.repeat(100_000)}`],
  ['.ics with 150k BEGIN lines', `BEGIN:VCALENDAR\n${'BEGIN:VEVENT\n'.repeat(150_000)}`],
  ['.ics with a 2 MiB line', `BEGIN:VEVENT\nDESCRIPTION:${'\\n'.repeat(MIB)}\nEND:VEVENT`],
  ['.ics with a huge properties JSON', `BEGIN:VEVENT\nX-MICROSOFT-SKYPETEAMSPROPERTIES:${'['.repeat(MIB)}\nEND:VEVENT`],
  ['unclosed style elements', `<html>${'<style>'.repeat(250_000)}`],
  ['unclosed comments', `<div>${'<!--'.repeat(400_000)}`],
  ['unclosed tags', `<p>${'<a href="x '.repeat(150_000)}`],
  ['numeric entities', `<div>${'&#1114111;&#x110000;'.repeat(70_000)}`],
  ['Meeting ID floods', `Microsoft Teams\n${'Meeting ID: 1 2 3 4 5 6 7 8 9 '.repeat(60_000)}`],
  [
    'Conference ID floods',
    `Microsoft Teams\n${'VTC Conference ID: 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1'.repeat(25_000)}`,
  ],
  ['VTC headings', 'Join with a video conferencing device\n'.repeat(50_000)],
  ['whitespace runs', `Meeting ID:${' '.repeat(MIB)}x Passcode:${'\t'.repeat(MIB)}`],
  ['realistic invitation padded to 2 MiB', outlookIcs(`${'x'.repeat(2 * MIB - 4000)}\n${CLASSIC_JOIN}`)],
  ['1000 wrapped links', `${safeLinks(launcherLink(SPEC))} ${proofpointV3(CLASSIC_JOIN)} `.repeat(500)],
];

describe('hostile input', () => {
  it.each(LINKS)('single link: %s', (_name, input) => {
    for (const run of [
      () => parseTeamsLink(input),
      () => inspectLink(input),
      () => findTeamsLinks(input),
      () => parseTeamsInvitation(input),
    ]) {
      expect(run).not.toThrow();
      expect(bestOfThreeMs(run)).toBeLessThan(CALL_BUDGET_MS);
    }
    // Either nothing, or the meeting of the valid prefix with the hostile context dropped.
    const meeting = parseTeamsLink(input);
    if (meeting !== null) expect(meeting).toEqual(parseTeamsLink(PREFIX));
  });

  it.each(TEXTS)('text: %s', (_name, input) => {
    for (const run of [() => findTeamsLinks(input), () => parseTeamsInvitation(input)]) {
      expect(run).not.toThrow();
      expect(bestOfThreeMs(run)).toBeLessThan(CALL_BUDGET_MS);
    }
  });

  it('stops following launchers after three levels', () => {
    expect(parseTeamsLink(nestedLaunchers(2))).toMatchObject({ threadId: THREAD_V2 });
    expect(parseTeamsLink(nestedLaunchers(3))).toMatchObject({ threadId: THREAD_V2 });
    expect(parseTeamsLink(nestedLaunchers(4))).toBeNull();
  });
});
