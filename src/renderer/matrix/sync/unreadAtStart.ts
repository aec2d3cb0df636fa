// At sign-in, sliding sync brings each room with its newest event only. A room where that event is
// unread says "1" whatever the true number: nothing older is loaded to count from, and Synapse sends no
// count. So, once the first answers are in, each room whose count is only a lower bound gets the events
// before its first loaded one (one /messages request, unreadGaps.ts), a few rooms at a time, once each.
// Rooms already read cost nothing: their newest event is read, so their count is exact.
import { ClientEvent, EventTimeline, SyncState, type MatrixClient, type Room } from 'matrix-js-sdk';
import { localUnread } from '../unreadCounts.ts';
import { fetchGapEvents } from './unreadGaps.ts';

/** Requests at once, and rooms in all per session: a sign-in never turns into a burst of hundreds. */
export const BACKFILL_CONCURRENCY = 2;
export const BACKFILL_MAX_ROOMS = 100;

/** Which rooms need their earlier events fetched to count their unread messages exactly. */
export function roomsToBackfill(
  rooms: readonly Room[],
  tried: ReadonlySet<string>,
  isLowerBound: (room: Room) => boolean,
  backwardToken: (room: Room) => string | null,
  budget: number,
): { roomId: string; token: string }[] {
  const chosen: { roomId: string; token: string }[] = [];
  for (const room of rooms) {
    if (chosen.length >= budget) break;
    if (tried.has(room.roomId) || room.getMyMembership() !== 'join' || !isLowerBound(room)) continue;
    const token = backwardToken(room);
    if (token) chosen.push({ roomId: room.roomId, token });
  }
  return chosen;
}

export function backfillUnreadAtStart(client: MatrixClient): () => void {
  const tried = new Set<string>();
  const queue: { roomId: string; token: string }[] = [];
  let running = 0;
  const pump = () => {
    while (running < BACKFILL_CONCURRENCY && queue.length > 0) {
      const next = queue.shift();
      if (!next) return;
      running++;
      void fetchGapEvents(client, next.roomId, next.token).finally(() => {
        running--;
        pump();
      });
    }
  };
  const onSync = (state: SyncState) => {
    if (state !== SyncState.Prepared && state !== SyncState.Syncing) return;
    const picked = roomsToBackfill(
      client.getRooms(),
      tried,
      (room) => {
        const local = localUnread(client, room);
        return !local.exact && local.unread > 0;
      },
      (room) => room.getLiveTimeline().getPaginationToken(EventTimeline.BACKWARDS),
      BACKFILL_MAX_ROOMS - tried.size,
    );
    for (const room of picked) {
      tried.add(room.roomId);
      queue.push(room);
    }
    pump();
  };
  client.on(ClientEvent.Sync, onSync);
  return () => client.off(ClientEvent.Sync, onSync);
}
