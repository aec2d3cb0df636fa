import { RoomEvent, type Room } from 'matrix-js-sdk';
import { useEffect, useMemo } from 'react';
import { useClient } from '../../app/SessionContext.ts';
import { rendererLogger } from '../../platform/log.ts';
import { useRoomVersion } from './useRoomEvents.ts';

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

/** Marks the newest event as read while the room is open and the window is visible. */
export function useSendReadReceipts(room: Room): void {
  const client = useClient();
  useEffect(() => {
    const markRead = () => {
      if (document.visibilityState !== 'visible') return;
      const events = room.getLiveTimeline().getEvents();
      const latest = [...events].reverse().find((e) => e.getId() && !e.status && e.getSender() !== client.getSafeUserId());
      if (latest && room.getEventReadUpTo(client.getSafeUserId()) !== latest.getId()) {
        void client.sendReadReceipt(latest).catch(rendererLogger('room').swallow('sending a read receipt', 'info'));
      }
    };
    markRead();
    room.on(RoomEvent.Timeline, markRead);
    document.addEventListener('visibilitychange', markRead);
    return () => {
      room.off(RoomEvent.Timeline, markRead);
      document.removeEventListener('visibilitychange', markRead);
    };
  }, [client, room]);
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
