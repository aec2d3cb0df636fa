// t() takes only keys English has: checked by the compiler (the @ts-expect-error lines below fail
// `npm run typecheck` as soon as a wrong key stops being an error), and at run time for the few keys
// built from data.
import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { isTranslationKey, type TranslationKey } from '../../../../src/renderer/i18n/keys.ts';

// Never called: only compiled.
export function compileTimeChecks(t: TFunction): string[] {
  const known: TranslationKey = 'settings.title';
  return [
    t(known),
    t('settings.keys.tchap.enabled'),
    t('room.typing', { count: 2, names: 'Anne, Luc' }),
    // @ts-expect-error a misspelt key does not compile
    t('settings.tilte'),
    // @ts-expect-error a key built from a wrong prefix does not compile
    t('settings.keys.doesNotExist'),
    // @ts-expect-error a section is not a text
    t('settings.keys'),
  ];
}

describe('isTranslationKey', () => {
  it('knows the keys English has, including keys that hold a dot', () => {
    expect(isTranslationKey('settings.title')).toBe(true);
    expect(isTranslationKey('settings.keys.tchap.enabled')).toBe(true);
    expect(isTranslationKey('signIn.errors.unreachable')).toBe(true);
  });

  it('counts a plural key by its forms', () => {
    expect(isTranslationKey('room.typing')).toBe(true);
    expect(isTranslationKey('room.typing_one')).toBe(true);
  });

  it('refuses missing keys, sections and prototype names', () => {
    expect(isTranslationKey('settings.tilte')).toBe(false);
    expect(isTranslationKey('tchap.errors.unreachable')).toBe(false);
    expect(isTranslationKey('settings.keys')).toBe(false);
    expect(isTranslationKey('settings')).toBe(false);
    expect(isTranslationKey('')).toBe(false);
    expect(isTranslationKey('settings.constructor')).toBe(false);
    expect(isTranslationKey('__proto__')).toBe(false);
  });
});
