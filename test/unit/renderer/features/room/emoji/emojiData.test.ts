import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  FREQUENT_CATEGORY,
  MAX_EMOJI_VERSION,
  pickerLocale,
  toEmojiData,
  withFrequent,
  type EmojibaseEmoji,
  type EmojibaseMessages,
} from '../../../../../../src/renderer/features/room/emoji/emojiData.ts';

const require = createRequire(import.meta.url);
function dataset(locale: 'en' | 'fr') {
  const read = (file: string): unknown => JSON.parse(readFileSync(require.resolve(`emojibase-data/${locale}/${file}`), 'utf8'));
  return toEmojiData(locale, read('data.json') as EmojibaseEmoji[], read('messages.json') as EmojibaseMessages);
}

describe('the bundled Emojibase dataset, shaped for frimousse', () => {
  const fr = dataset('fr');
  const en = dataset('en');

  it('finds thumbs up by "pouce" in French and by "thumbs" in English', () => {
    const thumbs = (e: { emoji: string }) => e.emoji === '\u{1F44D}\u{FE0F}';
    expect(fr.emojis.find(thumbs)?.label).toBe('Pouce vers le haut');
    expect(fr.emojis.find(thumbs)?.label.toLowerCase()).toContain('pouce');
    expect(en.emojis.find(thumbs)?.label.toLowerCase()).toContain('thumbs');
  });

  it('gives each tone its variant, and nothing newer than the fonts draw', () => {
    const thumbs = en.emojis.find((e) => e.emoji === '\u{1F44D}\u{FE0F}');
    expect(thumbs?.skins?.medium).toBe('\u{1F44D}\u{1F3FD}');
    expect(en.emojis.every((e) => e.version <= MAX_EMOJI_VERSION)).toBe(true);
    expect(Object.keys(fr.skinTones).sort()).toEqual(['dark', 'light', 'medium', 'medium-dark', 'medium-light']);
  });

  it('has no skin-tone component category', () => {
    expect(fr.categories.map((c) => c.label)).not.toContain('Composants');
    expect(fr.categories[0]?.label).toBe('Smileys et émotion');
  });

  it('puts Frequently used first, exactly as used, named from the dataset', () => {
    const data = withFrequent(en, ['\u{1F44D}\u{1F3FD}', '🚀', 'not-an-emoji'], 'Frequently used');
    expect(data.categories[0]).toEqual({ index: FREQUENT_CATEGORY, label: 'Frequently used' });
    expect(data.emojis.slice(0, 3).map((e) => [e.emoji, e.label])).toEqual([
      ['\u{1F44D}\u{1F3FD}', 'Thumbs up'],
      ['🚀', 'Rocket'],
      ['not-an-emoji', 'not-an-emoji'],
    ]);
    expect(data.emojis[0]?.skins).toBeUndefined();
    expect(withFrequent(en, [], 'Frequently used')).toBe(en);
  });

  it('follows the interface language', () => {
    expect(pickerLocale('fr-FR')).toBe('fr');
    expect(pickerLocale('en-GB')).toBe('en');
    expect(pickerLocale('de')).toBe('en');
  });
});
