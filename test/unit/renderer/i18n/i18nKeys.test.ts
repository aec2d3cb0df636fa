// English and French must offer the same keys, each with a non-empty text and the same
// interpolation variables: a key missing in one language shows the other's text (or the raw key)
// to a user, and a renamed variable shows "{{count}}" literally.
import { describe, expect, it } from 'vitest';
import en from '../../../../src/renderer/i18n/locales/en.json';
import fr from '../../../../src/renderer/i18n/locales/fr.json';

function flatten(value: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, out);
  } else {
    out.set(prefix, value);
  }
  return out;
}

// Plural keys (`_one`, `_other`) are compared as they are: both languages use both forms.
const english = flatten(en);
const french = flatten(fr);

function variables(text: unknown): string[] {
  return typeof text === 'string' ? [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1] ?? '').sort() : [];
}

describe('translations', () => {
  it('French has every English key', () => {
    expect([...english.keys()].filter((key) => !french.has(key))).toEqual([]);
  });

  it('English has every French key', () => {
    expect([...french.keys()].filter((key) => !english.has(key))).toEqual([]);
  });

  it('every text is a non-empty string', () => {
    const bad = [...english, ...french].filter(([, text]) => typeof text !== 'string' || text.trim() === '');
    expect(bad.map(([key]) => key)).toEqual([]);
  });

  it('both languages use the same interpolation variables for each key', () => {
    const mismatched = [...english.keys()].filter(
      (key) => french.has(key) && variables(english.get(key)).join() !== variables(french.get(key)).join(),
    );
    expect(mismatched).toEqual([]);
  });
});
