// The room's pinned messages (state event m.room.pinned_events): reading the list, pinning and
// unpinning, and which one the pinned-messages bar shows. Pure: the room view reads and sends.

export const PINNED_EVENTS_TYPE = 'm.room.pinned_events';

/** The pinned event ids, oldest pin first, from the state event's content (invalid entries dropped). */
export function pinnedIds(content: unknown): string[] {
  const pinned = (content as { pinned?: unknown } | null | undefined)?.pinned;
  if (!Array.isArray(pinned)) return [];
  const ids = pinned.filter((id): id is string => typeof id === 'string' && id.startsWith('$'));
  return [...new Set(ids)];
}

/** The list with the event pinned last (the newest pin), once. */
export function withPin(ids: readonly string[], eventId: string): string[] {
  return [...ids.filter((id) => id !== eventId), eventId];
}

export function withoutPin(ids: readonly string[], eventId: string): string[] {
  return ids.filter((id) => id !== eventId);
}

/**
 * The bar numbers pins from the newest: position 0 is the latest pin, shown first; the "next" button
 * goes to older ones and back round to the newest.
 */
export function pinnedAt(ids: readonly string[], position: number): string | null {
  if (ids.length === 0) return null;
  return ids[ids.length - 1 - (((position % ids.length) + ids.length) % ids.length)] ?? null;
}

export function nextPosition(position: number, count: number): number {
  return count === 0 ? 0 : (position + 1) % count;
}

/** Keeps the bar on a valid position when pins are added or removed (back to the newest if out of range). */
export function clampPosition(position: number, count: number): number {
  return position < count ? position : 0;
}
