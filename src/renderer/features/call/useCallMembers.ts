import { EventType, RoomStateEvent, RoomStickyEventsEvent, type MatrixEvent, type Room } from 'matrix-js-sdk';
import { useEffect, useState } from 'react';
import { useClient } from '../../app/SessionContext.ts';
import { callMembersOf } from '../../calls/matrixRtc.ts';
import { CALL_MEMBER_EVENT, type CallMember } from '../../calls/membership.ts';

/** Members of the room's call, from membership state and sticky memberships; re-read on changes and as they expire. */
export function useCallMembers(room: Room): CallMember[] {
  const client = useClient();
  const [members, setMembers] = useState<CallMember[]>(() => callMembersOf(room, Date.now()));
  useEffect(() => {
    const refresh = () => setMembers(callMembersOf(room, Date.now()));
    // A call membership changed, or a room membership (someone kicked keeps a stale call membership).
    const onState = (event: MatrixEvent) => {
      const type = event.getType();
      if (event.getRoomId() === room.roomId && (type === CALL_MEMBER_EVENT || type === (EventType.RoomMember as string)))
        refresh();
    };
    client.on(RoomStateEvent.Events, onState);
    // Sticky memberships (MSC4354) come and go outside room state.
    room.on(RoomStickyEventsEvent.Update, refresh);
    const timer = window.setInterval(refresh, 30_000);
    refresh();
    return () => {
      client.off(RoomStateEvent.Events, onState);
      room.off(RoomStickyEventsEvent.Update, refresh);
      window.clearInterval(timer);
    };
  }, [client, room]);
  return members;
}
