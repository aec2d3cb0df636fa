// Translation keys as a type, and a guard for the few keys built at run time (a sign-in problem
// worded per way of signing in, falling back to the common wording when a mode has none).
import type { ParseKeys } from 'i18next';
import en from './locales/en.json';

// English is the reference: every t() call is checked against its keys, so a misspelt or removed key
// is a compile error instead of a raw key on screen. French is held to the same keys by
// test/unit/renderer/i18n/i18nKeys.test.ts. Interpolation variables are not typed: a JSON import gives
// `string`, not the literal texts i18next would need to read `{{name}}` out of.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

export type TranslationKey = ParseKeys;

const PLURAL_SUFFIXES = ['_zero', '_one', '_two', '_few', '_many', '_other'] as const;

/**
 * The text at a dotted key, looked up the way i18next does: a key may itself hold dots
 * ("settings.keys.tchap.enabled" is "tchap.enabled" under settings.keys).
 */
function textAt(node: unknown, parts: readonly string[]): string | undefined {
  if (parts.length === 0) return typeof node === 'string' ? node : undefined;
  if (node === null || typeof node !== 'object') return undefined;
  for (let i = 1; i <= parts.length; i += 1) {
    const key = parts.slice(0, i).join('.');
    if (!Object.hasOwn(node, key)) continue;
    const found = textAt((node as Record<string, unknown>)[key], parts.slice(i));
    if (found !== undefined) return found;
  }
  return undefined;
}

/** True when English has a text for this key (a plural key counts by its `_one`/`_other` forms). */
export function isTranslationKey(key: string): key is TranslationKey {
  return [key, ...PLURAL_SUFFIXES.map((suffix) => `${key}${suffix}`)].some((k) => textAt(en, k.split('.')) !== undefined);
}
