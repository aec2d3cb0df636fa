// What a room's "…" menu in the list does: the same server calls as Room settings (tags) and the room
// view (read marker, leave), so the list and the room never disagree. Leave is asked first: the
// caller shows "Leave room?" for `leaving`.
import type { MatrixClient } from 'matrix-js-sdk';
import { useMemo, useState } from 'react';
import { navigate } from '../../app/useHashRoute.ts';
import { markRoomRead } from '../../matrix/readMarkers.ts';
import { leaveAndForgetRoom, leaveRoom } from '../../matrix/roomActions.ts';
import { moveRoom } from '../../matrix/roomTags.ts';
import { rendererLogger } from '../../platform/log.ts';
import type { RoomOptionsHandlers } from './RoomOptionsMenu.tsx';

const log = rendererLogger('rooms');

export function useRoomOptions(client: MatrixClient, openRoomId: string | null) {
  const [leaving, setLeaving] = useState<string | null>(null);
  const handlers = useMemo<RoomOptionsHandlers>(
    () => ({
      onMarkRead: (roomId) => {
        const room = client.getRoom(roomId);
        if (room) void markRoomRead(client, room).catch(log.swallow('marking a room as read', 'info'));
      },
      onMove: (roomId, place) => {
        const room = client.getRoom(roomId);
        if (room) void moveRoom(client, roomId, room.tags, place).catch(log.swallow('moving a room in the list'));
      },
      onLeave: setLeaving,
    }),
    [client],
  );
  async function leave(roomId: string, forget: boolean): Promise<void> {
    setLeaving(null);
    try {
      await (forget ? leaveAndForgetRoom(client, roomId) : leaveRoom(client, roomId));
      if (roomId === openRoomId) navigate({ kind: 'home' });
    } catch (error) {
      log.swallow('leaving a room from the list')(error);
    }
  }
  return { handlers, leaving: leaving === null ? null : client.getRoom(leaving), cancelLeave: () => setLeaving(null), leave };
}
