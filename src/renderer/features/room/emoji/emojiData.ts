// The emoji picker's data: Emojibase's dataset for the interface language, bundled with the app (built
// into its assets and read from its own origin: never fetched from a CDN), shaped as frimousse wants
// it, with the person's frequently used emoji as a first category.
import type { EmojiData, EmojiDataResolver } from 'frimousse';
import enData from 'emojibase-data/en/data.json?url';
import enMessages from 'emojibase-data/en/messages.json?url';
import frData from 'emojibase-data/fr/data.json?url';
import frMessages from 'emojibase-data/fr/messages.json?url';

/**
 * Newer emoji than this are left out: the emoji fonts of the systems Relais runs on (Noto Color Emoji
 * in Debian 12, Segoe UI Emoji) draw Emoji 15.0, and a newer one would show as an empty box.
 */
export const MAX_EMOJI_VERSION = 15;

/** The category index given to "Frequently used" (Emojibase's groups count from 0). */
export const FREQUENT_CATEGORY = -1;

export type PickerLocale = 'en' | 'fr';

/** The part of an Emojibase emoji (data.json) the picker uses. */
export interface EmojibaseEmoji {
  emoji: string;
  label: string;
  group?: number;
  version: number;
  tags?: string[];
  skins?: { emoji: string; tone?: number | number[]; version: number }[];
}

export interface EmojibaseMessages {
  groups: { key: string; message: string; order: number }[];
  skinTones: { key: string; message: string }[];
}

const TONES = ['light', 'medium-light', 'medium', 'medium-dark', 'dark'] as const;
type Tone = (typeof TONES)[number];

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

/** Emojibase's dataset as frimousse takes it: no skin-tone components, nothing newer than the fonts. */
export function toEmojiData(locale: PickerLocale, emojis: readonly EmojibaseEmoji[], messages: EmojibaseMessages): EmojiData {
  const skinTones = Object.fromEntries(
    messages.skinTones.filter((t) => (TONES as readonly string[]).includes(t.key)).map((t) => [t.key, capitalise(t.message)]),
  ) as Record<Tone, string>;
  return {
    locale,
    categories: messages.groups
      .filter((g) => g.key !== 'component')
      .map((g) => ({ index: g.order, label: capitalise(g.message) })),
    skinTones,
    emojis: emojis.flatMap((e) => {
      if (e.group === undefined || e.version > MAX_EMOJI_VERSION) return [];
      const skins = skinsOf(e);
      return [
        {
          emoji: e.emoji,
          category: e.group,
          label: capitalise(e.label),
          version: e.version,
          tags: e.tags ?? [],
          ...(skins ? { skins } : {}),
        },
      ];
    }),
  };
}

/** The five single-tone variants, when the emoji has them all (two-person emoji have mixed ones too). */
function skinsOf(e: EmojibaseEmoji): Record<Tone, string> | undefined {
  const single = (e.skins ?? []).filter((s) => typeof s.tone === 'number' && s.version <= MAX_EMOJI_VERSION);
  if (single.length !== TONES.length) return undefined;
  return Object.fromEntries(single.map((s) => [TONES[(s.tone as number) - 1], s.emoji])) as Record<Tone, string>;
}

/**
 * The data with "Frequently used" first: those emoji exactly as the person used them (skin tone
 * included), labelled as in the dataset so the grid names them and search finds them.
 */
export function withFrequent(data: EmojiData, frequent: readonly string[], label: string): EmojiData {
  if (frequent.length === 0) return data;
  const byEmoji = new Map<string, { label: string; tags: string[] }>();
  for (const e of data.emojis) {
    byEmoji.set(e.emoji, e);
    for (const skin of Object.values(e.skins ?? {})) byEmoji.set(skin, e);
  }
  const entries = frequent.map((emoji) => {
    const known = byEmoji.get(emoji);
    return { emoji, category: FREQUENT_CATEGORY, label: known?.label ?? emoji, version: 0, tags: known?.tags ?? [] };
  });
  return {
    ...data,
    categories: [{ index: FREQUENT_CATEGORY, label }, ...data.categories],
    emojis: [...entries, ...data.emojis],
  };
}

const SOURCES: Record<PickerLocale, { data: string; messages: string }> = {
  en: { data: enData, messages: enMessages },
  fr: { data: frData, messages: frMessages },
};

const loaded = new Map<PickerLocale, Promise<EmojiData>>();

/** The dataset for a language, read once per session from the app's own assets. */
export function loadEmojiData(locale: PickerLocale, signal?: AbortSignal): Promise<EmojiData> {
  let pending = loaded.get(locale);
  if (!pending) {
    const source = SOURCES[locale];
    pending = Promise.all([fetchJson(source.data, signal), fetchJson(source.messages, signal)]).then(([emojis, messages]) =>
      toEmojiData(locale, emojis as EmojibaseEmoji[], messages as EmojibaseMessages),
    );
    // A failed or cancelled read is tried again next time.
    pending.catch(() => loaded.delete(locale));
    loaded.set(locale, pending);
  }
  return pending;
}

async function fetchJson(url: string, signal?: AbortSignal): Promise<unknown> {
  const response = await fetch(url, signal ? { signal } : {});
  if (!response.ok) throw new Error(`emoji data: ${response.status}`);
  return response.json();
}

export function pickerLocale(language: string): PickerLocale {
  return language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/**
 * A resolver for frimousse: the bundled dataset plus "Frequently used". frimousse keeps what a resolver
 * returned per resolver function, so each picker opening makes its own (the list may have changed).
 */
export function frequentResolver(frequent: readonly string[], frequentLabel: string): EmojiDataResolver {
  return async (locale) => withFrequent(await loadEmojiData(pickerLocale(String(locale))), frequent, frequentLabel);
}
