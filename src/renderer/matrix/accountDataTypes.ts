// Element's recently used emoji (recentEmoji.ts) in matrix-js-sdk's map of account data types, so
// reading and writing it is typed like the spec's own events.
import type { ElementRecentEmojiContent } from './recentEmoji.ts';

declare module 'matrix-js-sdk' {
  interface AccountDataEvents {
    'io.element.recent_emoji': ElementRecentEmojiContent;
  }
}
