import { describe, expect, it } from 'vitest';
import {
  frequentEmoji,
  parseRecentEmoji,
  recentEmojiContent,
  withUsedEmoji,
} from '../../../../src/renderer/matrix/recentEmoji.ts';

describe('recent emoji (Element’s io.element.recent_emoji)', () => {
  it('reads Element’s [emoji, count] pairs and drops anything else', () => {
    expect(parseRecentEmoji({ recent_emoji: [['🚀', 3], ['x'], [1, 2], ['👍', 0], 'y', ['🎉', 2.7]] })).toEqual([
      ['🚀', 3],
      ['🎉', 2],
    ]);
    expect(parseRecentEmoji(null)).toEqual([]);
  });
  it('moves a used emoji to the front and counts it, keeping 100', () => {
    expect(
      withUsedEmoji(
        [
          ['🚀', 3],
          ['👍', 1],
        ],
        '👍',
      ),
    ).toEqual([
      ['👍', 2],
      ['🚀', 3],
    ]);
    const many = Array.from({ length: 100 }, (_, i) => [String(i), 1] as const);
    const next = withUsedEmoji(many, 'new');
    expect(next).toHaveLength(100);
    expect(next[0]).toEqual(['new', 1]);
  });
  it('lists the most used first, the most recent first among equals', () => {
    expect(
      frequentEmoji([
        ['a', 1],
        ['b', 3],
        ['c', 1],
        ['d', 3],
      ]),
    ).toEqual(['b', 'd', 'a', 'c']);
    expect(
      frequentEmoji(
        [
          ['a', 1],
          ['b', 2],
        ],
        1,
      ),
    ).toEqual(['b']);
  });
  it('writes the content Element reads', () => {
    expect(recentEmojiContent([['🚀', 3]])).toEqual({ recent_emoji: [['🚀', 3]] });
  });
});
