// Random but realistic meetings, and every way the same meeting can be written, for property and fuzz tests.
import type { TeamsHost } from '../../../../src/shared/teams/index.ts';
import {
  barracuda,
  cisco,
  classicLink,
  HOSTS,
  launcherLink,
  meetLink,
  type MeetSpec,
  type MeetupJoinSpec,
  msteamsLinks,
  proofpointV1,
  proofpointV2,
  proofpointV3,
  safeLinks,
  webClientLink,
  webClientV2Link,
} from './fixtures.ts';
import type { Prng } from '../../support/prng.ts';

const HEX = '0123456789abcdef';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomString(prng: Prng, alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[prng.int(alphabet.length)] ?? '';
  return out;
}

export function randomGuid(prng: Prng): string {
  const hex = (n: number): string => randomString(prng, HEX, n);
  const guid = `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[prng.int(4)] ?? '8'}${hex(3)}-${hex(12)}`;
  return prng.chance(0.2) ? guid.toUpperCase() : guid;
}

export function randomThreadId(prng: Prng): string {
  switch (prng.int(4)) {
    case 0:
      return `19:meeting_${Buffer.from(randomGuid(prng).toLowerCase()).toString('base64')}@thread.v2`;
    case 1:
      return `19:meeting_${Buffer.from(randomGuid(prng).toLowerCase()).toString('base64')}@thread.skype`;
    case 2:
      return `19:${randomString(prng, HEX, 32)}@thread.tacv2`;
    default:
      return `19:${randomString(prng, HEX, 32)}@thread.v2`;
  }
}

export function randomMeetupJoin(prng: Prng, host: TeamsHost = prng.pick(HOSTS)): MeetupJoinSpec {
  const spec: MeetupJoinSpec = {
    host,
    threadId: randomThreadId(prng),
    messageId: prng.chance(0.6) ? '0' : String(1_600_000_000_000 + prng.int(200_000_000_000)),
  };
  if (prng.chance(0.85)) spec.tenantId = randomGuid(prng);
  if (prng.chance(0.8)) spec.organizerId = randomGuid(prng);
  return spec;
}

export function randomMeet(prng: Prng, host: TeamsHost = prng.pick(HOSTS)): MeetSpec {
  const meetingId = String(1 + prng.int(9)) + randomString(prng, HEX.slice(0, 10), 11 + prng.int(4));
  return prng.chance(0.9) ? { host, meetingId, passcode: randomString(prng, ALNUM, 6 + prng.int(5)) } : { host, meetingId };
}

export type Wrap = (url: string) => string;

export const WRAPPERS: readonly Wrap[] = [
  (url) => safeLinks(url),
  (url) => safeLinks(url, 'gcc02', 'office365.us'),
  proofpointV1,
  proofpointV2,
  (url) => proofpointV3(url),
  (url) => proofpointV3(url, { singleSlash: true }),
  barracuda,
  cisco,
];

/** Every unwrapped form of a meetup-join meeting. */
export function meetupJoinForms(spec: MeetupJoinSpec): string[] {
  return [
    classicLink(spec, 'teams'),
    classicLink(spec, 'upper'),
    classicLink(spec, 'double'),
    classicLink(spec, 'raw'),
    launcherLink(spec),
    webClientLink(spec),
    webClientV2Link(spec),
    ...msteamsLinks(spec),
  ];
}

export function meetForms(spec: MeetSpec): string[] {
  const query = spec.passcode === undefined ? '' : `?p=${spec.passcode}`;
  const forms = [
    meetLink(spec),
    `msteams://${spec.host}/meet/${spec.meetingId}${query}`,
    `https://${spec.host.toUpperCase()}/meet/${spec.meetingId}/${query}`,
  ];
  if (spec.host === 'teams.microsoft.com') forms.push(`msteams:/meet/${spec.meetingId}${query}`);
  return forms;
}

/** A form wrapped in zero to three random wrappers. */
export function randomlyWrapped(prng: Prng, link: string): string {
  let wrapped = link;
  for (let depth = prng.int(4); depth > 0; depth--) wrapped = prng.pick(WRAPPERS)(wrapped);
  return wrapped;
}
