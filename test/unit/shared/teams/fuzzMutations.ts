// The fuzzer's starting corpus (valid links of every form, invitations, known-nasty strings) and its
// mutations: insertions, deletions, duplications, percent-encoding and decoding, splices, case flips.
import { mimecast, NEW_DESCRIPTION, OLD_DESCRIPTION, outlookIcs, TEAMS_MEETING_URL, TEAMS_PROPERTIES } from './fixtures.ts';
import { meetForms, meetupJoinForms, randomlyWrapped, randomMeet, randomMeetupJoin } from './generators.ts';
import type { Prng } from '../../support/prng.ts';

/** Mutants are kept below this size so that the loop spends its time on variety, not on copying. */
const MAX_MUTANT_LENGTH = 256 * 1024;

export function buildCorpus(prng: Prng): string[] {
  const corpus: string[] = [];
  for (let i = 0; i < 12; i++) {
    const meetup = randomMeetupJoin(prng);
    const meet = randomMeet(prng);
    for (const form of [...meetupJoinForms(meetup), ...meetForms(meet)]) {
      corpus.push(form, form.startsWith('https:') ? randomlyWrapped(prng, form) : form);
    }
  }
  corpus.push(
    mimecast(),
    outlookIcs(NEW_DESCRIPTION, [TEAMS_MEETING_URL, TEAMS_PROPERTIES]),
    outlookIcs(OLD_DESCRIPTION),
    NEW_DESCRIPTION,
    OLD_DESCRIPTION,
    `<html><body><a href="${corpus[0] ?? ''}&amp;anon=true">Join</a><div>Meeting ID: 123 456 789 012</div></body></html>`,
    'https://urldefense.com/v3/__https://teams.microsoft.com/meet/21234567890123?p=AbCdEf**A__;JSU!!x$',
  );
  return corpus;
}

const TOKENS = [
  '%',
  '%2',
  '%25',
  '%3a',
  '%3A',
  '%40',
  '%7b',
  '%22',
  '%E0%A4%A',
  '%C3%28',
  '%ED%A0%80',
  '*',
  '**A',
  '**_',
  '__;',
  '!!',
  '$',
  '#',
  '/_#/',
  '?',
  '&',
  '&amp;',
  '=',
  '@',
  ':',
  '/',
  '//',
  '\\',
  '.',
  '-',
  '_',
  '~',
  '+',
  ' ',
  '\t',
  '\r\n ',
  '\n',
  '\\n',
  '\\,',
  '{',
  '}',
  '"',
  '[',
  ']',
  '(',
  ')',
  '<',
  '>',
  "'",
  '19:',
  '@thread.v2',
  '@thread.tacv2',
  'meeting_',
  '/l/meetup-join/',
  '/meet/',
  '?p=',
  'context=',
  '{"Tid":"',
  '","Oid":"',
  'msteams:',
  'https://',
  'teams.microsoft.com',
  'teams.live.com',
  'evil.example',
  'safelinks.protection.outlook.com',
  'url=',
  'BEGIN:VEVENT\n',
  'DESCRIPTION:',
  'Meeting ID: ',
  'Passcode: ',
  'Conference ID: ',
  'Join with a video conferencing device\n',
  '\u0000',
  '\u00a0',
  '\u200b',
  '\ud800',
  '\udfff',
  '\u{1F600}',
  'İ',
  'ß',
  '\uFF0E',
  '0',
  '9',
  'a',
  'Z',
];

function randomRange(prng: Prng, length: number): [number, number] {
  const start = prng.int(length + 1);
  return [start, Math.min(length, start + 1 + prng.int(prng.chance(0.8) ? 16 : 512))];
}

function percentEncode(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i) & 0xff;
    out += `%${code < 16 ? '0' : ''}${code.toString(16)}`;
  }
  return out;
}

export function mutate(prng: Prng, input: string, corpus: readonly string[]): string {
  let text = input;
  for (let round = 1 + prng.int(4); round > 0; round--) {
    const [start, end] = randomRange(prng, text.length);
    const slice = text.slice(start, end);
    switch (prng.int(11)) {
      case 0: // insert a token
        text = text.slice(0, start) + prng.pick(TOKENS) + text.slice(start);
        break;
      case 1: // insert a random code unit
        text =
          text.slice(0, start) + String.fromCharCode(prng.chance(0.7) ? prng.int(128) : prng.int(0x10000)) + text.slice(start);
        break;
      case 2: // delete
        text = text.slice(0, start) + text.slice(end);
        break;
      case 3: // duplicate, sometimes many times
        text = text.slice(0, end) + slice.repeat(prng.chance(0.9) ? 1 : 1 + prng.int(2000)) + text.slice(end);
        break;
      case 4: // percent-encode (also lone surrogates and non-ASCII, byte-wise)
        text =
          text.slice(0, start) +
          (prng.chance(0.5) ? percentEncode(slice) : encodeURIComponent(slice.replace(/[\ud800-\udfff]/g, ''))) +
          text.slice(end);
        break;
      case 5: // percent-decode
        try {
          text = text.slice(0, start) + decodeURIComponent(slice) + text.slice(end);
        } catch {
          text = text.slice(0, start) + slice.replace(/%/g, '') + text.slice(end);
        }
        break;
      case 6: {
        // splice a range of another corpus entry
        const other = prng.pick(corpus);
        const [from, to] = randomRange(prng, other.length);
        text = text.slice(0, start) + other.slice(from, to) + text.slice(end);
        break;
      }
      case 7: // replace with a token
        text = text.slice(0, start) + prng.pick(TOKENS) + text.slice(end);
        break;
      case 8: // flip case
        text = text.slice(0, start) + (prng.chance(0.5) ? slice.toUpperCase() : slice.toLowerCase()) + text.slice(end);
        break;
      case 9: // truncate
        text = text.slice(0, end);
        break;
      default: // repeat a token a lot (nesting, runs of escapes)
        text = text.slice(0, start) + prng.pick(TOKENS).repeat(1 + prng.int(5000)) + text.slice(start);
    }
    if (text.length > MAX_MUTANT_LENGTH) text = text.slice(0, MAX_MUTANT_LENGTH);
  }
  return text;
}
