// The room list on a large account: the live rooms, then the last session's cached rows, then every
// other room known only by the names list (sync/roomNames.ts), and whether the list is whole yet. Pure,
// unit tested; useRoomList.ts feeds it.
import { sortRooms, withCachedRooms, type LiveListState, type RoomSummary } from './roomList.ts';
import type { NamedRoom } from './sync/roomNames.ts';

export interface NamesListState {
  rooms: ReadonlyMap<string, NamedRoom>;
  /** Every page of the names list has arrived. */
  complete: boolean;
}

/** A row for a room known only by name: no last message, undated, ranked by the server's order. */
export function namedRoomSummary(room: NamedRoom, direct: ReadonlySet<string>): RoomSummary {
  return {
    roomId: room.roomId,
    name: room.name,
    kind: room.invite ? 'invite' : direct.has(room.roomId) ? 'dm' : 'room',
    unread: room.unread,
    mentions: room.mentions,
    // Undated: after every row whose last event the client has, which the server's order puts first too.
    lastActivity: 0,
    rank: room.rank,
    ...(room.avatarMxc ? { avatarMxc: room.avatarMxc } : {}),
  };
}

export interface MergeInput {
  live: readonly RoomSummary[];
  cached: readonly RoomSummary[];
  list: LiveListState;
  /** null under classic /sync, or before the names list's first page. */
  names: NamesListState | null;
  direct: ReadonlySet<string>;
}

/**
 * Live rows first-hand, cached rows where the live list has not come yet (a room the completed names
 * list does not hold was left since: its cached row goes), then a row by name for every room neither
 * knows. A room the client has is never taken from elsewhere: one left is not listed again.
 */
export function mergeRoomList({ live, cached, list, names, direct }: MergeInput): readonly RoomSummary[] {
  const stillThere = names?.complete ? cached.filter((room) => names.rooms.has(room.roomId)) : cached;
  const withCache = withCachedRooms(live, stillThere, list);
  if (!names || names.rooms.size === 0) return withCache;
  const shown = new Set(withCache.map((room) => room.roomId));
  const extra: RoomSummary[] = [];
  for (const room of names.rooms.values()) {
    if (!shown.has(room.roomId) && !list.knows(room.roomId)) extra.push(namedRoomSummary(room, direct));
  }
  return extra.length === 0 ? withCache : sortRooms([...withCache, ...extra]);
}

export interface LoadingInput {
  /** The client syncs with sliding sync (classic /sync brings every room at once). */
  sliding: boolean;
  names: NamesListState | null;
  list: Pick<LiveListState, 'total' | 'knownCount'>;
}

/** Whether a filter may still miss a room: neither the names list nor the live list is whole yet. */
export function listStillLoading({ sliding, names, list }: LoadingInput): boolean {
  if (!sliding || names?.complete) return false;
  return list.total === null || list.knownCount < list.total;
}

/** Rows the server's name search found (roomNameSearch.ts) that the list does not hold yet. */
export function withFoundRooms(rooms: readonly RoomSummary[], found: readonly RoomSummary[]): readonly RoomSummary[] {
  const listed = new Set(rooms.map((room) => room.roomId));
  const extra = found.filter((room) => !listed.has(room.roomId));
  return extra.length === 0 ? rooms : sortRooms([...rooms, ...extra]);
}
