// Favourites and Low priority: the m.favourite and m.lowpriority room tags, kept in the person's
// account so every client of theirs lists the room the same way. A room is in one of the two at most,
// as Element does (setting one removes the other).
import type { MatrixClient } from 'matrix-js-sdk';

export type RoomListPlace = 'favourite' | 'normal' | 'lowPriority';

export const FAVOURITE_TAG = 'm.favourite';
export const LOW_PRIORITY_TAG = 'm.lowpriority';

export function placeOf(tags: Readonly<Record<string, unknown>>): RoomListPlace {
  if (FAVOURITE_TAG in tags) return 'favourite';
  if (LOW_PRIORITY_TAG in tags) return 'lowPriority';
  return 'normal';
}

/** The tags to add and remove to move a room to `place`; nothing for tags already right. */
export function tagChanges(tags: Readonly<Record<string, unknown>>, place: RoomListPlace): { add: string[]; remove: string[] } {
  const wanted = place === 'favourite' ? FAVOURITE_TAG : place === 'lowPriority' ? LOW_PRIORITY_TAG : null;
  const add = wanted !== null && !(wanted in tags) ? [wanted] : [];
  const remove = [FAVOURITE_TAG, LOW_PRIORITY_TAG].filter((tag) => tag !== wanted && tag in tags);
  return { add, remove };
}

export async function moveRoom(
  client: Pick<MatrixClient, 'setRoomTag' | 'deleteRoomTag'>,
  roomId: string,
  tags: Readonly<Record<string, unknown>>,
  place: RoomListPlace,
): Promise<void> {
  const { add, remove } = tagChanges(tags, place);
  for (const tag of remove) await client.deleteRoomTag(roomId, tag);
  for (const tag of add) await client.setRoomTag(roomId, tag, {});
}
