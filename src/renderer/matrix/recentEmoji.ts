// The emoji a person reacts with most, in Element's account data (io.element.recent_emoji), so the
// "Frequently used" row follows them across devices and between Relais and Element. Element's shape:
// { recent_emoji: [[emoji, count], …] }, the most recently used first, 100 entries at most.

export const RECENT_EMOJI_TYPE = 'io.element.recent_emoji' as const;
const STORED = 100;

export type RecentEmoji = readonly (readonly [string, number])[];

/** The account data event's content, as Element writes it. */
export interface ElementRecentEmojiContent {
  recent_emoji: [string, number][];
}

export function parseRecentEmoji(content: unknown): RecentEmoji {
  const list = (content as { recent_emoji?: unknown } | null | undefined)?.recent_emoji;
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry: unknown) => {
    if (!Array.isArray(entry)) return [];
    const [emoji, count] = entry as unknown[];
    return typeof emoji === 'string' && emoji !== '' && typeof count === 'number' && count > 0
      ? [[emoji, Math.floor(count)] as const]
      : [];
  });
}

/** The list after using `emoji` once: moved to the front with its count raised, as Element does. */
export function withUsedEmoji(list: RecentEmoji, emoji: string): RecentEmoji {
  const previous = list.find(([e]) => e === emoji);
  const rest = list.filter(([e]) => e !== emoji);
  return [[emoji, (previous?.[1] ?? 0) + 1] as const, ...rest].slice(0, STORED);
}

/** The most used first; among equals, the most recent first (a stable sort on the stored order). */
export function frequentEmoji(list: RecentEmoji, limit = 24): string[] {
  return [...list]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([emoji]) => emoji);
}

/** The account data content to write for a list. */
export function recentEmojiContent(list: RecentEmoji): ElementRecentEmojiContent {
  return { recent_emoji: list.map(([emoji, count]) => [emoji, count]) };
}
