// Moving between rooms from the keyboard (Alt+↑/↓, and with Shift the rooms with something unread), in
// the order the room list shows them. Pure: given that order, which room comes next. Wraps around, as
// the list is short enough to cycle and a dead end would leave the key doing nothing.

export interface NavigableRoom {
  roomId: string;
  unread: number;
}

export function adjacentRoomId(rooms: readonly NavigableRoom[], currentId: string | null, step: 1 | -1): string | null {
  if (rooms.length === 0) return null;
  const index = rooms.findIndex((room) => room.roomId === currentId);
  if (index === -1) return (step === 1 ? rooms[0] : rooms[rooms.length - 1])?.roomId ?? null;
  return rooms[(index + step + rooms.length) % rooms.length]?.roomId ?? null;
}

/** The next room with unread messages after the current one (never the current one itself), or null. */
export function adjacentUnreadRoomId(rooms: readonly NavigableRoom[], currentId: string | null, step: 1 | -1): string | null {
  const start = rooms.findIndex((room) => room.roomId === currentId);
  for (let offset = 1; offset <= rooms.length; offset += 1) {
    const origin = start === -1 ? (step === 1 ? -1 : rooms.length) : start;
    const room = rooms[(((origin + step * offset) % rooms.length) + rooms.length) % rooms.length];
    if (room && room.roomId !== currentId && room.unread > 0) return room.roomId;
  }
  return null;
}
