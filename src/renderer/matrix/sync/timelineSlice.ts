// When a sliding sync answer carries a slice of a room's recent history rather than only what is new
// since the last answer, and whether that slice can simply be appended to what the client holds.
// Pure, unit tested; slidingSyncFixups.ts and the offline cache (slidingToClassic.ts) act on it.
import type { MSC3575RoomData } from 'matrix-js-sdk/lib/sliding-sync.js';

/**
 * Synapse's field for "the timeline limit went up (a room of the list was just subscribed), so here
 * are the room's latest events again, older ones included". It comes with `initial: false` and, for a
 * room with fewer events than the limit, `limited: false`: matrix-js-sdk 43 does not know the field
 * and appends the slice after the room's last event, older events included.
 */
export interface SlidingRoomData extends MSC3575RoomData {
  unstable_expanded_timeline?: boolean;
}

/**
 * The timeline is the room's latest events up to now, possibly starting before what the client holds
 * (a first look, a bigger window) or after a gap (more new events than the limit): not a continuation.
 */
export function isHistorySlice(data: SlidingRoomData): boolean {
  return Boolean(data.initial || data.limited || data.unstable_expanded_timeline);
}

/**
 * Whether a history slice continues the live timeline the client holds (event ids, oldest first): its
 * first events, if any, are the last ones held, in the same order, and everything after them is new.
 * Then appending the new events is right. Otherwise the slice starts before the last event held (older
 * events would land after newer ones) or leaves a gap behind it, and the live timeline must start
 * again from the slice.
 */
export function sliceContinues(held: readonly string[], slice: readonly string[]): boolean {
  if (held.length === 0 || slice.length === 0) return true;
  const heldIds = new Set(held);
  let prefix = 0;
  while (prefix < slice.length && heldIds.has(slice[prefix] ?? '')) prefix++;
  if (prefix === 0) return false;
  if (slice.slice(prefix).some((id) => heldIds.has(id))) return false;
  const tail = held.slice(-prefix);
  return tail.length === prefix && tail.every((id, i) => id === slice[i]);
}
