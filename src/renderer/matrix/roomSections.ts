// The room list's sections, as Element and Teams users expect them: Invitations, Favourites, People,
// Rooms, Low priority. Pure, unit tested.
import { sortRooms, type RoomSummary } from './roomList.ts';

export type RoomSectionId = 'invites' | 'favourites' | 'people' | 'rooms' | 'lowPriority';

/** Display order. */
export const ROOM_SECTION_IDS: readonly RoomSectionId[] = ['invites', 'favourites', 'people', 'rooms', 'lowPriority'];

export interface RoomSection {
  id: RoomSectionId;
  rooms: RoomSummary[];
}

/**
 * Which section a room belongs to. An invitation is one whatever its tags; a tag the user set
 * (favourite, then low priority) beats being a direct message, as in Element.
 */
export function sectionOf(room: RoomSummary): RoomSectionId {
  if (room.kind === 'invite') return 'invites';
  if (room.favourite) return 'favourites';
  if (room.lowPriority) return 'lowPriority';
  return room.kind === 'dm' ? 'people' : 'rooms';
}

/** The non-empty sections in display order, each by latest activity (then name). */
export function groupRooms(rooms: readonly RoomSummary[]): RoomSection[] {
  const byId = new Map<RoomSectionId, RoomSummary[]>();
  for (const room of rooms) {
    const id = sectionOf(room);
    byId.set(id, [...(byId.get(id) ?? []), room]);
  }
  return ROOM_SECTION_IDS.flatMap((id) => {
    const members = byId.get(id);
    return members ? [{ id, rooms: sortRooms(members) }] : [];
  });
}
