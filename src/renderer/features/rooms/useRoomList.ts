import { ClientEvent, MatrixEventEvent, RoomEvent, type MatrixClient } from 'matrix-js-sdk';
import { useEffect, useMemo, useState } from 'react';
import { listStillLoading, mergeRoomList, type NamesListState } from '../../matrix/namedRooms.ts';
import { directRoomIds, listRooms, type RoomSummary } from '../../matrix/roomList.ts';
import { roomNamesOf } from '../../matrix/sync/roomNamesFetch.ts';
import { slidingSyncOf } from '../../matrix/sync/startSync.ts';
import { onGapFilled } from '../../matrix/sync/unreadGaps.ts';

export interface RoomListState {
  rooms: RoomSummary[];
  /** A filter may still miss rooms: the list of every room's name has not all arrived. */
  stillLoading: boolean;
}

/**
 * The sorted room list, refreshed on the client events that can change it. Until the client has
 * started (encryption opens first, which takes seconds), the last session's cached list stands in;
 * under sliding sync it fills in for the rooms the growing list has not brought yet, and the names
 * list (matrix/sync/roomNames.ts) for every other room.
 */
export function useRoomList(client: MatrixClient, cached: readonly RoomSummary[] = []): RoomListState {
  const [rooms, setRooms] = useState<RoomSummary[]>(() => listRooms(client));
  const names = useRoomNames(client);
  const forgotten = useForgottenRooms(client);
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
  const sliding = slidingSyncOf(client);
  const total = sliding?.window().total ?? null;
  const knownCount = client.getRooms().length;
  return useMemo(() => {
    // A forgotten room leaves the client's store, but the names list, fetched once, still holds it.
    const knows = (roomId: string) => client.getRoom(roomId) !== null || forgotten.has(roomId);
    const list = { total, knownCount, knows };
    const stillLoading = listStillLoading({ sliding: sliding !== null, names, list });
    if (!started) return { rooms: [...cached], stillLoading };
    const merged = mergeRoomList({ live: rooms, cached, list, names, direct: directRoomIds(client) });
    return { rooms: [...merged], stillLoading };
  }, [started, rooms, cached, total, knownCount, client, sliding, names, forgotten]);
}

/** Rooms forgotten while the app runs (ClientEvent.DeleteRoom), so no other source lists them again. */
function useForgottenRooms(client: MatrixClient): ReadonlySet<string> {
  const [forgotten, setForgotten] = useState<ReadonlySet<string>>(() => new Set());
  useEffect(() => {
    const onDelete = (roomId: string) => setForgotten((before) => new Set(before).add(roomId));
    client.on(ClientEvent.DeleteRoom, onDelete);
    return () => {
      client.off(ClientEvent.DeleteRoom, onDelete);
    };
  }, [client]);
  return forgotten;
}

/** The names list's latest state (null until its first page), re-rendering as each page arrives. */
function useRoomNames(client: MatrixClient): NamesListState | null {
  const [names, setNames] = useState<NamesListState | null>(null);
  useEffect(() => {
    // The store appears with the live list's first answer: until then, look again at each sync.
    let stop: (() => void) | null = null;
    const attach = () => {
      const store = roomNamesOf(client);
      if (!store || stop) return;
      client.off(ClientEvent.Sync, attach);
      const update = () => setNames(store.state().rooms.size > 0 ? store.state() : null);
      stop = store.subscribe(update);
      update();
    };
    client.on(ClientEvent.Sync, attach);
    attach();
    return () => {
      client.off(ClientEvent.Sync, attach);
      stop?.();
    };
  }, [client]);
  return names;
}
