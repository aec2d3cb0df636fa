// "Mark as read" from the room list, without opening the room: my read receipt and my fully-read
// marker (m.fully_read) both move to the room's latest event, so every device of mine, and the
// server's counts, agree the room is read.
import type { MatrixClient, MatrixEvent, Room } from 'matrix-js-sdk';

/**
 * The newest event of the live timeline a marker may point at: one the server has (a local echo
 * still sending has no id the server knows, and the SDK refuses markers on pending events).
 */
export function latestMarkableEvent(events: readonly MatrixEvent[]): MatrixEvent | null {
  for (const event of [...events].reverse()) {
    const id = event.getId();
    if (event.status === null && id !== undefined && id.startsWith('$')) return event;
  }
  return null;
}

/** Resolves false when the room holds no event to mark (nothing to do). */
export async function markRoomRead(client: MatrixClient, room: Room): Promise<boolean> {
  const latest = latestMarkableEvent(room.getLiveTimeline().getEvents());
  const id = latest?.getId();
  if (!latest || id === undefined) return false;
  // The SDK echoes the receipt locally first, so the list clears before the server answers.
  await client.setRoomReadMarkers(room.roomId, id, latest);
  return true;
}
