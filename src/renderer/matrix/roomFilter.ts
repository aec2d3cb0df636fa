// Filtering the room list by name: accent- and case-insensitive, as people type French names.
import type { RoomSummary } from './roomList.ts';

export function normalizeForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();
}

export function filterRooms(rooms: readonly RoomSummary[], query: string): RoomSummary[] {
  const needle = normalizeForSearch(query);
  if (!needle) return [...rooms];
  return rooms.filter((room) => normalizeForSearch(room.name).includes(needle));
}
