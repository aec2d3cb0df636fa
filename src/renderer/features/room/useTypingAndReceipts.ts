import { RoomEvent, RoomMemberEvent, type MatrixClient, type Room } from 'matrix-js-sdk';
import { useEffect, useState } from 'react';
import { rendererLogger } from '../../platform/log.ts';

/** Names of the other members typing in the room right now. */
export function useTypingMembers(client: MatrixClient, room: Room): string[] {
  const me = client.getSafeUserId();
  const read = () =>
    room
      .getMembers()
      .filter((m) => m.typing && m.userId !== me)
      .map((m) => m.name);
  const [typing, setTyping] = useState<string[]>(read);
  useEffect(() => {
    const onTyping = () => setTyping(read());
    client.on(RoomMemberEvent.Typing, onTyping);
    return () => {
      client.off(RoomMemberEvent.Typing, onTyping);
    };
    // read() only depends on room and me
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, room, me]);
  return typing;
}

/** Marks the newest event as read while the room is open and the window is visible. */
export function useSendReadReceipts(client: MatrixClient, room: Room): void {
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
    client.on(RoomEvent.Timeline, markRead);
    document.addEventListener('visibilitychange', markRead);
    return () => {
      client.off(RoomEvent.Timeline, markRead);
      document.removeEventListener('visibilitychange', markRead);
    };
  }, [client, room]);
}

/** Who (other than me) has read up to the given event. */
export function readersOf(room: Room, eventId: string, me: string): string[] {
  const event = room.findEventById(eventId);
  if (!event) return [];
  return room
    .getUsersReadUpTo(event)
    .filter((userId) => userId !== me)
    .map((userId) => room.getMember(userId)?.name ?? userId);
}
