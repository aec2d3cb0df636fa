// Room-scoped subscriptions: the open room re-renders for what happens in it, never for another
// room's events. The Room emits its own timeline, receipt, name and state events; two things it does
// not emit, decryption and typing, are only re-emitted by the client, so those listeners drop every
// event that is not this room's before doing anything.
import { MatrixEventEvent, RoomMemberEvent, type MatrixEvent, type Room, type RoomEvent, type RoomMember } from 'matrix-js-sdk';
import { useEffect, useState } from 'react';
import { useClient } from '../../app/SessionContext.ts';

export interface RoomChangeOptions {
  /** This room's events on the Room's own emitter. Pass a module-level constant: it is an effect dependency. */
  events: readonly RoomEvent[];
  /** Also when one of this room's events is decrypted (a message arriving encrypted shows once readable). */
  decrypted?: boolean;
  /** Also when a member of this room starts or stops typing. */
  typing?: boolean;
}

/**
 * A number that changes (at most once a frame) when the room changes in one of the ways asked for:
 * memoise what is derived from the room on it.
 */
export function useRoomVersion(room: Room, { events, decrypted = false, typing = false }: RoomChangeOptions): number {
  const client = useClient();
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let frame = 0;
    // Coalesce bursts (a page of history, a sync answer with many events) into one render.
    const bump = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        setVersion((v) => v + 1);
      });
    };
    const onDecrypted = (event: MatrixEvent) => {
      if (event.getRoomId() === room.roomId) bump();
    };
    const onTyping = (_event: MatrixEvent, member: RoomMember) => {
      if (member.roomId === room.roomId) bump();
    };
    for (const event of events) room.on(event, bump);
    if (decrypted) client.on(MatrixEventEvent.Decrypted, onDecrypted);
    if (typing) client.on(RoomMemberEvent.Typing, onTyping);
    // What changed between the render and this subscription is caught up on.
    bump();
    return () => {
      cancelAnimationFrame(frame);
      for (const event of events) room.off(event, bump);
      client.off(MatrixEventEvent.Decrypted, onDecrypted);
      client.off(RoomMemberEvent.Typing, onTyping);
    };
  }, [client, room, events, decrypted, typing]);
  return version;
}
