import { ClientEvent, RoomEvent, type MatrixClient } from 'matrix-js-sdk';
import { useEffect, useMemo, useState } from 'react';
import { listRooms, withCachedRooms, type RoomSummary } from '../../matrix/roomList.ts';
import { slidingSyncOf } from '../../matrix/sync/startSync.ts';

/**
 * The sorted room list, refreshed on the client events that can change it. Until the client has
 * started (encryption opens first, which takes seconds), the last session's cached list stands in;
 * under sliding sync it fills in for the rooms the growing list has not brought yet.
 */
export function useRoomList(client: MatrixClient, cached: readonly RoomSummary[] = []): RoomSummary[] {
  const [rooms, setRooms] = useState<RoomSummary[]>(() => listRooms(client));
  useEffect(() => {
    let scheduled = false;
    // Coalesce bursts (an initial sync emits one event per room) into one render.
    const refresh = () => {
      if (scheduled) return;
      scheduled = true;
      requestAnimationFrame(() => {
        scheduled = false;
        setRooms(listRooms(client));
      });
    };
    const events = [ClientEvent.Sync, ClientEvent.Room, ClientEvent.DeleteRoom, ClientEvent.AccountData] as const;
    events.forEach((e) => client.on(e, refresh));
    client.on(RoomEvent.Name, refresh);
    client.on(RoomEvent.Timeline, refresh);
    client.on(RoomEvent.MyMembership, refresh);
    return () => {
      events.forEach((e) => client.off(e, refresh));
      client.off(RoomEvent.Name, refresh);
      client.off(RoomEvent.Timeline, refresh);
      client.off(RoomEvent.MyMembership, refresh);
    };
  }, [client]);
  const started = client.getSyncState() !== null || rooms.length > 0;
  const total = slidingSyncOf(client)?.window().total ?? null;
  const knownCount = client.getRooms().length;
  return useMemo(() => {
    if (!started) return [...cached];
    return [...withCachedRooms(rooms, cached, { total, knownCount, knows: (roomId) => client.getRoom(roomId) !== null })];
  }, [started, rooms, cached, total, knownCount, client]);
}
