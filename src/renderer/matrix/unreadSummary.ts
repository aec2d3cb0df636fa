// What the whole app shows of unread rooms: the window title and the OS badge. Pure, unit tested.
//
// The number is the count of rooms needing attention, as Element's window title counts them (its
// "[N]" is the number of rooms with a notification, not of messages): rooms with unread
// notifications, and invitations waiting for an answer. Five messages in one room are one thing to
// look at; a badge of 5 would send the user hunting for four more.
import type { RoomSummary } from './roomList.ts';

/** The largest number the OS badge is given; main refuses anything above. */
export const MAX_BADGE_COUNT = 9999;

export function roomsNeedingAttention(rooms: readonly RoomSummary[]): number {
  return rooms.filter((room) => room.kind === 'invite' || room.unread > 0 || room.mentions > 0).length;
}

/** "(3) Relais", or the bare app name when nothing is unread. */
export function windowTitle(appName: string, count: number): string {
  return count > 0 ? `(${Math.min(count, MAX_BADGE_COUNT)}) ${appName}` : appName;
}
