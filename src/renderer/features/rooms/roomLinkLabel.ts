// The accessible name of a room's link in the list: what a screen reader says when it lands on it.
// Everything a sighted user sees at a glance on the row is in it, in the order they read it: the name,
// what kind of room it is, then what is waiting ("Projet Alpha, 3 unread messages, 1 mention"). It
// begins with the visible name, so voice control ("click Projet Alpha") finds it (WCAG 2.5.3).
import type { TFunction } from 'i18next';
import type { RoomSummary } from '../../matrix/roomList.ts';

export function roomLinkLabel(room: Pick<RoomSummary, 'name' | 'kind' | 'unread' | 'mentions'>, t: TFunction): string {
  const parts = [room.name];
  if (room.kind === 'dm') parts.push(t('rooms.direct'));
  if (room.kind === 'invite') parts.push(t('rooms.invite'));
  if (room.unread > 0) parts.push(t('rooms.unread', { count: room.unread }));
  if (room.mentions > 0) parts.push(t('rooms.mentions', { count: room.mentions }));
  return parts.join(', ');
}

/** Shown bold, with a count badge: a room with notifications waiting. */
export function hasUnread(room: Pick<RoomSummary, 'unread' | 'mentions'>): boolean {
  return room.unread > 0 || room.mentions > 0;
}
