import { RoomStateEvent, type MatrixEvent, type Room } from 'matrix-js-sdk';
import { useEffect, useState } from 'react';
import { useSession } from '../../app/SessionContext.ts';
import { PINNED_EVENTS_TYPE, pinnedIds } from '../../matrix/pinnedEvents.ts';
import { roomState } from '../../matrix/roomState.ts';

function read(room: Room): string[] {
  return pinnedIds(roomState(room)?.getStateEvents(PINNED_EVENTS_TYPE, '')?.getContent());
}

/** The room's pinned event ids (oldest pin first), followed as the state event changes. */
export function usePinnedEvents(room: Room): string[] {
  const { client } = useSession();
  const [ids, setIds] = useState(() => read(room));
  const [shownRoom, setShownRoom] = useState(room);
  if (shownRoom !== room) {
    setShownRoom(room);
    setIds(read(room));
  }
  useEffect(() => {
    // Heard through the client: the room's state object is replaced when its timeline is reset.
    const onState = (event: MatrixEvent) => {
      if (event.getRoomId() === room.roomId && event.getType() === PINNED_EVENTS_TYPE) setIds(read(room));
    };
    client.on(RoomStateEvent.Events, onState);
    return () => {
      client.off(RoomStateEvent.Events, onState);
    };
  }, [client, room]);
  return ids;
}
