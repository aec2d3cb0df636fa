// How the timeline's messages are laid out: where a new day starts, where the unread messages start,
// and which messages continue their sender's group (drawn without name and avatar again). Pure, so
// the rules are tested without a DOM.
import type { TimelineItem } from '../../matrix/timeline.ts';
import { sameDay } from '../../ui/formatTime.ts';

/** Messages from one sender closer than this together read as one burst of speech. */
export const GROUP_WINDOW_MS = 5 * 60 * 1000;

export interface TimelineRowLayout {
  /** A day separator goes above this row. */
  newDay: boolean;
  /** The "New messages" line goes above this row. */
  firstUnread: boolean;
  /** Same sender as the row above, shortly after: no name or avatar repeated. */
  continuation: boolean;
}

type LaidOutItem = Pick<TimelineItem, 'eventId' | 'sender' | 'timestamp' | 'kind'>;

export function layoutRow(
  item: LaidOutItem,
  previous: LaidOutItem | undefined,
  firstUnreadEventId: string | null,
): TimelineRowLayout {
  const newDay = !previous || !sameDay(previous.timestamp, item.timestamp);
  const firstUnread = item.eventId === firstUnreadEventId;
  const continuation =
    previous !== undefined &&
    !newDay &&
    !firstUnread &&
    item.kind !== 'membership' &&
    previous.kind !== 'membership' &&
    previous.sender === item.sender &&
    item.timestamp - previous.timestamp >= 0 &&
    item.timestamp - previous.timestamp < GROUP_WINDOW_MS;
  return { newDay, firstUnread, continuation };
}

/** How many decorative colours Compound offers (--cpd-color-bg-decorative-1 to -6). */
const AVATAR_COLOURS = 6;

/** A colour (1 to 6) fixed per person, so the same person has the same avatar colour everywhere. */
export function avatarColour(userId: string): number {
  let hash = 0;
  for (let i = 0; i < userId.length; i++) hash = (hash * 31 + userId.charCodeAt(i)) >>> 0;
  return (hash % AVATAR_COLOURS) + 1;
}

/** The letter shown when a person has no picture: the first of their name, sigils skipped. */
export function initialOf(name: string): string {
  // By grapheme, so a name starting with an accented letter or an emoji keeps it whole.
  const segments = new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(name.replace(/^[@#!+]/, '').trim());
  const first = segments[Symbol.iterator]().next().value?.segment;
  return first ? first.toUpperCase() : '?';
}
