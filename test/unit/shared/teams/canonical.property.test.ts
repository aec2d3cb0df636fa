// Property: every spelling of one meeting (form, encoding, wrapper, surrounding text, .ics) yields
// the same canonical URL, and different meetings never share one.
import { describe, expect, it } from 'vitest';
import { findTeamsLinks, parseTeamsInvitation, parseTeamsLink } from '../../../../src/shared/teams/index.ts';
import { escapeIcsText, expectedCanonical, outlookIcs } from './fixtures.ts';
import { meetForms, meetupJoinForms, randomlyWrapped, randomMeet, randomMeetupJoin } from './generators.ts';
import { createPrng, seedFromEnv } from '../../support/prng.ts';

// Fixed by default so CI is deterministic; set RELAIS_PROPERTY_SEED=random (or a number) to explore.
const SEED = process.env.RELAIS_PROPERTY_SEED === undefined ? 20_250_612 : seedFromEnv('RELAIS_PROPERTY_SEED');
const MEETINGS = 150;

describe('canonical URL property', () => {
  it('is identical for every form of the same meeting', () => {
    const prng = createPrng(SEED);
    const seen = new Map<string, string>();
    for (let i = 0; i < MEETINGS; i++) {
      const spec = prng.chance(0.7) ? randomMeetupJoin(prng) : randomMeet(prng);
      const forms = 'meetingId' in spec ? meetForms(spec) : meetupJoinForms(spec);
      const expected = expectedCanonical(spec);
      const identity = JSON.stringify(spec, Object.keys(spec).sort()).toLowerCase();
      expect(seen.get(expected) ?? identity, `two meetings share ${expected}`).toBe(identity);
      seen.set(expected, identity);

      const variants = forms.flatMap((form) =>
        form.startsWith('https:') ? [form, randomlyWrapped(prng, form), randomlyWrapped(prng, form)] : [form],
      );
      const where = `replay with RELAIS_PROPERTY_SEED=${SEED} (meeting ${i})`;
      for (const variant of variants) {
        expect(parseTeamsLink(variant)?.canonicalUrl, `${where}: ${variant}`).toBe(expected);
        const text = `Hi,\njoin us here: ${variant}. Thanks!`;
        expect(
          findTeamsLinks(text).map((meeting) => meeting.canonicalUrl),
          `${where}: ${text}`,
        ).toEqual([expected]);
      }
      const ics = outlookIcs(`Microsoft Teams meeting\nClick here to join the meeting<${prng.pick(variants)}>`);
      expect(parseTeamsInvitation(ics)?.meeting?.canonicalUrl, where).toBe(expected);
      const property = outlookIcs(escapeIcsText(''), [`X-MICROSOFT-SKYPETEAMSMEETINGURL:${forms[0] ?? ''}`]);
      expect(parseTeamsInvitation(property)?.meeting?.canonicalUrl, where).toBe(expected);
    }
  });
});
