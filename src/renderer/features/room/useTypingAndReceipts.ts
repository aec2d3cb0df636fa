import { EventType, MatrixEvent, RoomEvent, type Room } from 'matrix-js-sdk';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useClient } from '../../app/SessionContext.ts';
import { markerEventIdOf, readTargets } from '../../matrix/readMarker.ts';
import { rendererLogger } from '../../platform/log.ts';
import { isMainTimelineEvent } from '../../matrix/threadEvents.ts';
import { useRoomVersion } from './useRoomEvents.ts';

const log = rendererLogger('room');

const TYPING_CHANGES = { events: [], typing: true };
/** Receipts move "Seen by"; members and names change how people are called. */
const READERS_CHANGES = { events: [RoomEvent.Receipt, RoomEvent.Timeline] as const };

/** Names of the other members typing in the room right now. */
export function useTypingMembers(room: Room): string[] {
  const me = useClient().getSafeUserId();
  const version = useRoomVersion(room, TYPING_CHANGES);
  return useMemo(
    () =>
      room
        .getMembers()
        .filter((m) => m.typing && m.userId !== me)
        .map((m) => m.name),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- version is what tells someone started or stopped
    [room, me, version],
  );
}

/**
 * Where the read part ended when the room was opened: the m.fully_read marker and my own read receipt
 * as they were then (the later of the two is taken once both are loaded; see laterMarker). The
 * "New messages" line stays there while the room is open.
 */
export function useMarkerAtOpen(room: Room): { marker: string | null; receipt: string | null } {
  const me = useClient().getSafeUserId();
  const [atOpen] = useState(() => ({
    marker: markerEventIdOf(room.getAccountData(EventType.FullyRead)?.getContent()),
    receipt: room.getEventReadUpTo(me),
  }));
  return atOpen;
}

/**
 * Moves the read-up-to marker (m.fully_read) and the read receipt to the newest event while the
 * person can see it: the timeline's bottom in view, the window visible and focused. Reading history
 * further up, or another window in front, leaves them where they were.
 */
export function useReadMarkers(room: Room, bottomInView: boolean): void {
  const client = useClient();
  // What was last asked of the server, so a burst of timeline events sends one request, not many.
  const asked = useRef<string | null>(null);
  useEffect(() => {
    if (!bottomInView) return;
    const me = client.getSafeUserId();
    const markRead = () => {
      if (document.visibilityState !== 'visible' || !document.hasFocus()) return;
      // Replies in threads are read in their thread's panel (threaded receipts), not here.
      const targets = readTargets(room.getLiveTimeline().getEvents().filter(isMainTimelineEvent), me);
      const fullyRead = targets?.fullyRead.getId();
      if (!targets || !fullyRead) return;
      const receipt = targets.receipt && !room.hasUserReadEvent(me, targets.receipt.getId() ?? '') ? targets.receipt : undefined;
      const marker = markerEventIdOf(room.getAccountData(EventType.FullyRead)?.getContent());
      const key = `${fullyRead} ${receipt?.getId() ?? ''}`;
      if ((marker === fullyRead && !receipt) || asked.current === key) return;
      asked.current = key;
      client
        .setRoomReadMarkers(room.roomId, fullyRead, receipt)
        .then(() => {
          // The server's copy comes back with the next sync; until then this room must not look unread.
          room.addAccountData([new MatrixEvent({ type: EventType.FullyRead, content: { event_id: fullyRead } })]);
        })
        .catch((error: unknown) => {
          asked.current = null;
          log.swallow('moving the read marker', 'info')(error);
        });
    };
    markRead();
    room.on(RoomEvent.Timeline, markRead);
    document.addEventListener('visibilitychange', markRead);
    window.addEventListener('focus', markRead);
    return () => {
      room.off(RoomEvent.Timeline, markRead);
      document.removeEventListener('visibilitychange', markRead);
      window.removeEventListener('focus', markRead);
    };
  }, [client, room, bottomInView]);
}

/** Who (other than me) has read up to the given event; follows this room's receipts. */
export function useReadersOf(room: Room, eventId: string | null): string[] {
  const me = useClient().getSafeUserId();
  const version = useRoomVersion(room, READERS_CHANGES);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- version is what tells a receipt arrived
  return useMemo(() => (eventId ? readersOf(room, eventId, me) : []), [room, eventId, me, version]);
}

function readersOf(room: Room, eventId: string, me: string): string[] {
  const event = room.findEventById(eventId);
  if (!event) return [];
  return room
    .getUsersReadUpTo(event)
    .filter((userId) => userId !== me)
    .map((userId) => room.getMember(userId)?.name ?? userId);
}
