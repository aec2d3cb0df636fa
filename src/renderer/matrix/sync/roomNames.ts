// The names of every room, early and cheaply, so the filter finds any room right after sign-in. Pure,
// unit tested; roomNamesFetch.ts sends the requests.
//
// The live list (slidingSyncSetup.ts) brings each room with its state and last event, and the SDK turns
// each into a Room: at 3,000 rooms that growth takes many seconds and most of the renderer's memory. The
// names list asks the same sliding sync endpoint, on a connection of its own, for the rooms with no
// timeline and no state at all: the server still computes what a row needs to be found and ranked (the
// room's name, or its heroes for a DM; its avatar; its unread counts; its bump stamp, the position of
// its latest activity), and the answer is read here without ever becoming an SDK Room.
import type { MSC3575SlidingSyncRequest } from 'matrix-js-sdk/lib/sliding-sync.js';

/** Rooms per names request: a few requests for thousands of rooms, each a small answer. */
export const NAMES_PAGE_SIZE = 1_000;
/** The names list's key, and its connection's id (its own, so the live connection is untouched). */
export const NAMES_LIST_KEY = 'names';
export const NAMES_CONNECTION_ID = 'relais-room-names';

/** What the list knows of a room it has not brought live: enough to show, find and rank its row. */
export interface NamedRoom {
  roomId: string;
  name: string;
  invite: boolean;
  unread: number;
  mentions: number;
  /** Its place in the server's list (0: the most recent activity), for rows not brought live yet. */
  rank: number;
  avatarMxc?: string;
}

/** The request body for the rooms [start, end] of the server's list, by recency as the live list. */
export function roomNamesRequest(start: number, end: number): MSC3575SlidingSyncRequest & { conn_id: string } {
  return {
    conn_id: NAMES_CONNECTION_ID,
    lists: { [NAMES_LIST_KEY]: { ranges: [[start, end]], timeline_limit: 0, required_state: [] } },
  };
}

interface RawHero {
  user_id?: unknown;
  displayname?: unknown;
}

interface RawStrippedEvent {
  type?: unknown;
  state_key?: unknown;
  content?: { name?: unknown };
}

interface RawRoom {
  name?: unknown;
  avatar?: unknown;
  heroes?: RawHero[];
  bump_stamp?: unknown;
  notification_count?: unknown;
  highlight_count?: unknown;
  invite_state?: RawStrippedEvent[];
}

export interface RoomNamesPage {
  /** The number of rooms the server's list holds. */
  total: number;
  rooms: NamedRoom[];
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

interface RawList {
  count?: unknown;
  ops?: { op?: unknown; room_ids?: unknown }[];
}

/**
 * Reads the answer for the rooms from `start` on; a malformed room is skipped rather than failing the
 * page. Rooms are ranked by the list's SYNC operation (the server's order), or, if it gave none, by
 * bump stamp.
 */
export function parseRoomNames(body: unknown, start: number): RoomNamesPage {
  const response = (body ?? {}) as { lists?: Record<string, RawList>; rooms?: Record<string, unknown> };
  const list = response.lists?.[NAMES_LIST_KEY];
  const order = new Map(
    (list?.ops ?? [])
      .flatMap((op) => (op.op === 'SYNC' && Array.isArray(op.room_ids) ? (op.room_ids as unknown[]) : []))
      .map((roomId, index) => [roomId, index] as const),
  );
  const entries = Object.entries(response.rooms ?? {}).filter(
    (entry): entry is [string, RawRoom] => typeof entry[1] === 'object' && entry[1] !== null,
  );
  entries.sort(
    ([a, roomA], [b, roomB]) =>
      (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) || count(roomB.bump_stamp) - count(roomA.bump_stamp),
  );
  const rooms = entries.map(([roomId, room], index): NamedRoom => {
    const invite = Array.isArray(room.invite_state);
    const avatarMxc = text(room.avatar);
    return {
      roomId,
      name: text(room.name) ?? (invite ? inviteName(room.invite_state ?? []) : undefined) ?? heroesName(room.heroes) ?? roomId,
      invite,
      // An invitation has no timeline of mine to count, as in roomList.ts.
      unread: invite ? 0 : count(room.notification_count),
      mentions: invite ? 0 : count(room.highlight_count),
      rank: start + index,
      ...(avatarMxc ? { avatarMxc } : {}),
    };
  });
  return { total: count(list?.count), rooms };
}

function inviteName(events: RawStrippedEvent[]): string | undefined {
  return text(events.find((e) => e.type === 'm.room.name' && e.state_key === '')?.content?.name);
}

/** A room without a name is called after the people in it, as the SDK names a DM. */
function heroesName(heroes: RawHero[] | undefined): string | undefined {
  const names = (heroes ?? []).map((hero) => text(hero.displayname) ?? text(hero.user_id)).filter((n) => n !== undefined);
  return names.length > 0 ? names.join(', ') : undefined;
}

/** The ranges still to ask for once the first page told the list's size: whole pages up to the end. */
export function remainingPages(total: number, pageSize: number = NAMES_PAGE_SIZE): [number, number][] {
  const pages: [number, number][] = [];
  for (let start = pageSize; start < total; start += pageSize) pages.push([start, Math.min(total, start + pageSize) - 1]);
  return pages;
}
