import { describe, expect, it } from 'vitest';
import { FALLBACK_LANGUAGE, pickLanguage } from '../../../../src/shared/i18n/languages.ts';

describe('pickLanguage', () => {
  it.each<[string[], string]>([
    [['fr-FR'], 'fr'],
    [['fr_CA'], 'fr'],
    [['FR'], 'fr'],
    [['fr'], 'fr'],
    [[' fr-BE '], 'fr'],
    [['en-US'], 'en'],
    [['EN_gb'], 'en'],
    [['de'], 'en'],
    [['de-DE', 'it-IT'], 'en'],
    [[], 'en'],
    [[''], 'en'],
    [['   '], 'en'],
    [['-fr'], 'en'],
    [['french'], 'en'],
    [['fra'], 'en'],
    [['frx-FR'], 'en'],
    [['de-DE', 'fr-FR', 'en-US'], 'fr'],
    [['en-US', 'fr-FR'], 'en'],
    [['fr-FR', 'en-US'], 'fr'],
    [['es', 'en', 'fr'], 'en'],
  ])('%j → %s', (preferred, expected) => {
    expect(pickLanguage(preferred)).toBe(expected);
  });

  it('falls back to English', () => {
    expect(FALLBACK_LANGUAGE).toBe('en');
  });
});
