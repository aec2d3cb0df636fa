import { describe, expect, it } from 'vitest';
import { inspectLink, parseTeamsLink } from '../../../../src/shared/teams/index.ts';
import { decodeProofpointV3 } from '../../../../src/shared/teams/proofpointV3.ts';
import { unwrapMailSecurity } from '../../../../src/shared/teams/wrappers.ts';
import {
  barracuda,
  cisco,
  CLASSIC_JOIN,
  classicLink,
  expectedCanonical,
  launcherLink,
  MEET_JOIN,
  mimecast,
  ORGANIZER,
  proofpointV1,
  proofpointV2,
  proofpointV3,
  safeLinks,
  TENANT,
  THREAD_V2,
} from './fixtures.ts';

const SPEC = {
  host: 'teams.microsoft.com',
  threadId: THREAD_V2,
  messageId: '0',
  tenantId: TENANT,
  organizerId: ORGANIZER,
} as const;
const CANONICAL = expectedCanonical(SPEC);

describe('mail-security wrappers', () => {
  const inner = [
    ['classic link', CLASSIC_JOIN],
    ['raw classic link', classicLink(SPEC, 'raw')],
    ['launcher link', launcherLink(SPEC)],
  ] as const;
  const wrappers = [
    ['Safe Links', (url: string) => safeLinks(url), ['safelinks']],
    ['Safe Links (EU)', (url: string) => safeLinks(url, 'eur02'), ['safelinks']],
    ['Safe Links (GCC High)', (url: string) => safeLinks(url, 'gcc02', 'office365.us'), ['safelinks']],
    [
      'Safe Links (Teams client)',
      (url: string) =>
        `https://statics.teams.cdn.office.net/evergreen-assets/safelinks/1/atp-safelinks.html?url=${encodeURIComponent(url)}&locale=en-us`,
      ['safelinks'],
    ],
    ['Proofpoint v1', proofpointV1, ['proofpoint']],
    ['Proofpoint v2', proofpointV2, ['proofpoint']],
    ['Proofpoint v3', (url: string) => proofpointV3(url), ['proofpoint']],
    ['Proofpoint v3 (urldefense.us)', (url: string) => proofpointV3(url, { host: 'urldefense.us' }), ['proofpoint']],
    ['Proofpoint v3 (single slash)', (url: string) => proofpointV3(url, { singleSlash: true }), ['proofpoint']],
    ['Barracuda', barracuda, ['barracuda']],
    ['Cisco Secure Email', cisco, ['cisco']],
    ['Safe Links around Proofpoint v2', (url: string) => safeLinks(proofpointV2(url)), ['safelinks', 'proofpoint']],
    ['Safe Links around Proofpoint v3', (url: string) => safeLinks(proofpointV3(url)), ['safelinks', 'proofpoint']],
    ['Proofpoint v3 around Safe Links', (url: string) => proofpointV3(safeLinks(url)), ['proofpoint', 'safelinks']],
    [
      'Barracuda around Cisco around Safe Links',
      (url: string) => barracuda(cisco(safeLinks(url))),
      ['barracuda', 'cisco', 'safelinks'],
    ],
  ] as const;
  const cases = wrappers.flatMap(([wrapper, wrap, expected]) =>
    inner.map(([form, url]) => ({ wrapper, form, link: wrap(url), expected })),
  );

  it.each(cases)('$wrapper around a $form', ({ link, expected }) => {
    const inspection = inspectLink(link);
    expect(inspection).toMatchObject({ status: 'meeting', unwrapped: expected });
    expect(parseTeamsLink(link)?.canonicalUrl).toBe(CANONICAL);
  });

  it.each(wrappers)('%s around a meet link', (_name, wrap) => {
    expect(parseTeamsLink(wrap(MEET_JOIN))?.canonicalUrl).toBe(MEET_JOIN);
  });

  it('unwraps a literal Proofpoint v2 link', () => {
    const link =
      'https://urldefense.proofpoint.com/v2/url?u=https-3A__teams.microsoft.com_l_meetup-2Djoin_19-253ameeting-5FNjQ4ZTI1YzAtZDE2Ni00YjE4LWFjYWEtZmQ4YjYzYTI5ZjRj-2540thread.v2_0-3Fcontext-3D-257b-2522Tid-2522-253a-252272f988bf-2D86f1-2D41af-2D91ab-2D2d7cd011db47-2522-252c-2522Oid-2522-253a-25224bd6c0e1-2D4a5b-2D4b1c-2D9d8e-2D2f3a4b5c6d7e-2522-257d&d=DwMFaQ&c=euGZstcaTDllvimEN8b7jXrwqOf-v5A_CdpgnVfiiMM&r=abc&m=def&s=ghi&e=';
    expect(parseTeamsLink(link)?.canonicalUrl).toBe(CANONICAL);
  });

  it('unwraps a literal Proofpoint v3 link (15 `%` placeholders, bytes "%%%…")', () => {
    const link =
      'https://urldefense.com/v3/__https://teams.microsoft.com/l/meetup-join/19*3ameeting_NjQ4ZTI1YzAtZDE2Ni00YjE4LWFjYWEtZmQ4YjYzYTI5ZjRj*40thread.v2/0?context=*7b*22Tid*22*3a*2272f988bf-86f1-41af-91ab-2d7cd011db47*22*2c*22Oid*22*3a*224bd6c0e1-4a5b-4b1c-9d8e-2f3a4b5c6d7e*22*7d__;JSUlJSUlJSUlJSUlJSUl!!BtfsGxsbc6Q!Wq3X9vKzN2mP8rL5tY1uE4oA7sD0fG6hJ$';
    expect(parseTeamsLink(link)?.canonicalUrl).toBe(CANONICAL);
    expect(proofpointV3(CLASSIC_JOIN)).toBe(link);
  });

  it('reports Mimecast as opaque, with the Teams host it claims when allowlisted', () => {
    expect(inspectLink(mimecast())).toEqual({
      status: 'opaque-wrapper',
      wrapper: 'mimecast',
      unwrapped: [],
      claimedTeamsHost: 'teams.microsoft.com',
    });
    expect(inspectLink(mimecast('teams.microsoft.com.evil.example'))).toEqual({
      status: 'opaque-wrapper',
      wrapper: 'mimecast',
      unwrapped: [],
    });
    expect(inspectLink('https://url.uk.m.mimecastprotect.com/s/AbCdEfGhIjKlMnOp?domain=gov.teams.microsoft.us')).toMatchObject({
      status: 'opaque-wrapper',
      claimedTeamsHost: 'gov.teams.microsoft.us',
    });
    expect(inspectLink(safeLinks(mimecast()))).toMatchObject({
      status: 'opaque-wrapper',
      wrapper: 'mimecast',
      unwrapped: ['safelinks'],
    });
    expect(parseTeamsLink(mimecast())).toBeNull();
  });

  it.each([
    [
      'a wrapper around a look-alike host',
      safeLinks(CLASSIC_JOIN.replace('teams.microsoft.com', 'teams.microsoft.com.evil.example')),
    ],
    ['a wrapper around plain http', proofpointV2(CLASSIC_JOIN.replace('https:', 'http:'))],
    ['Safe Links without url', 'https://nam12.safelinks.protection.outlook.com/?data=05%7C02&reserved=0'],
    [
      'a Safe Links look-alike',
      safeLinks(CLASSIC_JOIN).replace('safelinks.protection.outlook.com', 'safelinks.protection.outlook.com.evil.example'),
    ],
    ['a Safe Links host with two labels', safeLinks(CLASSIC_JOIN, 'evil.nam12')],
    [
      'Proofpoint v2 with a broken escape',
      'https://urldefense.proofpoint.com/v2/url?u=https-3A__teams.microsoft.com_meet_21234567890123-3Fp-3DAbC-4&d=x',
    ],
    [
      'Proofpoint on another path',
      'https://urldefense.proofpoint.com/v3/url?u=https-3A__teams.microsoft.com_meet_21234567890123',
    ],
    ['Proofpoint v3 without bytes terminator', proofpointV3(MEET_JOIN).replace(/!!.*$/, '')],
    ['Proofpoint v3 with too few replacement bytes', proofpointV3(CLASSIC_JOIN).replace('__;JSUl', '__;')],
    [
      'Proofpoint v3 with an unknown run marker',
      'https://urldefense.com/v3/__https://teams.microsoft.com/meet/212345**!67890123__;JSU!!x$',
    ],
    [
      'Proofpoint v3 with invalid base64',
      'https://urldefense.com/v3/__https://teams.microsoft.com/meet/21234567890123*p=1__;J!!x$',
    ],
    [
      'Proofpoint v3 with invalid UTF-8 bytes',
      'https://urldefense.com/v3/__https://teams.microsoft.com/meet/21234567890123*p=1__;_w!!x$',
    ],
    ['Barracuda without a', 'https://linkprotect.cudasvc.com/url?c=E,1,abc'],
    ['Cisco without a payload', 'https://secure-web.cisco.com/1xK9mP2qR5sT8vW1yZ4b'],
    [
      'Cisco with a broken escape',
      'https://secure-web.cisco.com/1xK9mP2q/https%3A%2F%2Fteams.microsoft.com%2Fmeet%2F21234567890123%3Fp%3D%E0%A4%A',
    ],
    ['wrappers nested beyond the cap', [1, 2, 3, 4, 5, 6].reduce((url) => safeLinks(url), CLASSIC_JOIN)],
    ['a wrapper that wraps itself away', 'https://nam12.safelinks.protection.outlook.com/?url=%20'],
  ])('rejects %s', (_name, link) => {
    expect(parseTeamsLink(link)).toBeNull();
  });

  it('unwraps up to five nested wrappers', () => {
    const link = [1, 2, 3, 4, 5].reduce((url) => safeLinks(url), CLASSIC_JOIN);
    expect(inspectLink(link)).toMatchObject({
      status: 'meeting',
      unwrapped: ['safelinks', 'safelinks', 'safelinks', 'safelinks', 'safelinks'],
    });
  });

  it('leaves unknown URLs alone', () => {
    expect(unwrapMailSecurity('https://example.org/?url=https%3A%2F%2Fteams.microsoft.com')).toEqual({
      kind: 'url',
      url: 'https://example.org/?url=https%3A%2F%2Fteams.microsoft.com',
      wrappers: [],
    });
    expect(unwrapMailSecurity('msteams:/l/meetup-join/x/0')).toMatchObject({ kind: 'url', wrappers: [] });
  });
});

describe('decodeProofpointV3', () => {
  it('replaces single placeholders in order', () => {
    // bytes "%%" → JSU
    expect(decodeProofpointV3('https://urldefense.com/v3/__https://example.org/a*20b*21__;JSU!!abc$')).toBe(
      'https://example.org/a%20b%21',
    );
  });

  it('expands runs: **A is 2 characters, **B 3, … **_ 65', () => {
    const run = (count: number): string => Buffer.from('"'.repeat(count)).toString('base64url');
    expect(decodeProofpointV3(`https://urldefense.com/v3/__https://x.example/?q=**A__;${run(2)}!!c$`)).toBe(
      'https://x.example/?q=""',
    );
    expect(decodeProofpointV3(`https://urldefense.com/v3/__https://x.example/?q=**B__;${run(3)}!!c$`)).toBe(
      'https://x.example/?q="""',
    );
    expect(decodeProofpointV3(`https://urldefense.com/v3/__https://x.example/?q=**a__;${run(28)}!!c$`)).toBe(
      `https://x.example/?q=${'"'.repeat(28)}`,
    );
    expect(decodeProofpointV3(`https://urldefense.com/v3/__https://x.example/?q=**_*__;${run(66)}!!c$`)).toBe(
      `https://x.example/?q=${'"'.repeat(66)}`,
    );
  });

  it('round-trips the encoder for unencoded JSON, non-ASCII and long runs', () => {
    for (const url of [
      classicLink(SPEC, 'raw'),
      'https://example.org/r\u00e9union?titre=caf\u00e9&emoji=\u{1F600}',
      `https://example.org/${'{}'.repeat(100)}`,
      'https://example.org/a*b**c',
    ]) {
      expect(decodeProofpointV3(proofpointV3(url))).toBe(url);
    }
  });

  it('restores the second slash of "https:/host"', () => {
    expect(decodeProofpointV3('https://urldefense.com/v3/__https:/teams.microsoft.com/meet/21234567890123?p=AbCdEf__;!!x$')).toBe(
      MEET_JOIN,
    );
  });

  it('applies Python unquote before substituting, as the reference decoder does', () => {
    expect(decodeProofpointV3('https://urldefense.com/v3/__https://x.example/%C3%A9*__;JQ!!x$')).toBe(
      'https://x.example/\u00e9%',
    );
    expect(decodeProofpointV3('https://urldefense.com/v3/__https://x.example/%FF%__;!!x$')).toBe('https://x.example/\ufffd%');
  });

  it('returns null for damaged payloads', () => {
    expect(decodeProofpointV3('https://urldefense.com/v2/__x__;!!x$')).toBeNull();
    expect(decodeProofpointV3('https://urldefense.com/v3/____;!!x$')).toBeNull();
    expect(decodeProofpointV3('https://urldefense.com/v3/__https://x.example/*__;!!x$')).toBeNull();
    expect(decodeProofpointV3('https://urldefense.com/v3/__https://x.example/**A__;JQ!!x$')).toBeNull();
    expect(decodeProofpointV3('https://urldefense.com/v3/__https://x.example/**$__;JSU!!x$')).toBeNull();
    expect(decodeProofpointV3('https://urldefense.com/v3/__https://x.example/*__;J!!x$')).toBeNull();
  });
});
