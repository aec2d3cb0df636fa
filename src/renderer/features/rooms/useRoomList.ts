import { ClientEvent, MatrixEventEvent, RoomEvent, type MatrixClient } from 'matrix-js-sdk';
import { useEffect, useMemo, useState } from 'react';
import { listRooms, withCachedRooms, type RoomSummary } from '../../matrix/roomList.ts';
import { slidingSyncOf } from '../../matrix/sync/startSync.ts';
import { onGapFilled } from '../../matrix/sync/unreadGaps.ts';

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
    // Push rules arrive as account data; unread counts move with receipts (mine, from any device, or
    // the local echo of "Mark as read"), tags, and decryption (an encrypted message is judged by my
    // push rules once it can be read: a mention shows only then). The server's counts change only
    // within a sync answer, which ends with ClientEvent.Sync (the client does not re-emit the room's
    // own UnreadNotifications event).
    const clientEvents = [ClientEvent.Sync, ClientEvent.Room, ClientEvent.DeleteRoom, ClientEvent.AccountData] as const;
    const roomEvents = [
      RoomEvent.Name,
      RoomEvent.Timeline,
      RoomEvent.MyMembership,
      RoomEvent.Receipt,
      RoomEvent.Tags,
      RoomEvent.LocalEchoUpdated,
    ] as const;
    clientEvents.forEach((e) => client.on(e, refresh));
    roomEvents.forEach((e) => client.on(e, refresh));
    client.on(MatrixEventEvent.Decrypted, refresh);
    // Messages a sliding sync update skipped were fetched: the counts change.
    const stopGaps = onGapFilled(client, refresh);
    return () => {
      stopGaps();
      clientEvents.forEach((e) => client.off(e, refresh));
      roomEvents.forEach((e) => client.off(e, refresh));
      client.off(MatrixEventEvent.Decrypted, refresh);
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
