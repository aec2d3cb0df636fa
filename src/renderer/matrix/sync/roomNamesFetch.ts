// Fetches the names list (roomNames.ts) once the live list's first page is on screen, and keeps what it
// learnt for the room list. One store per client, found by `roomNamesOf`, like the sliding sync
// controller: the Session type needs no new field, and a stopped client takes its store with it.
import type { MatrixClient } from 'matrix-js-sdk';
import { rendererLogger } from '../../platform/log.ts';
import { NAMES_PAGE_SIZE, parseRoomNames, remainingPages, roomNamesRequest, type NamedRoom } from './roomNames.ts';

const namesLog = rendererLogger('sync');

/** Tries per page before giving up (the live list still grows as the user scrolls). */
const ATTEMPTS = 3;
const RETRY_DELAY_MS = 2_000;

export interface RoomNamesState {
  rooms: ReadonlyMap<string, NamedRoom>;
  /** Every page has arrived: the names of every room in the list are known. */
  complete: boolean;
}

export interface RoomNamesStore {
  state(): RoomNamesState;
  /** Called after each page; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
}

const stores = new WeakMap<MatrixClient, RoomNamesStore>();

/** The names list of a client started with sliding sync; null under classic /sync (every room is there). */
export function roomNamesOf(client: MatrixClient): RoomNamesStore | null {
  return stores.get(client) ?? null;
}

/**
 * Starts fetching now: the first page tells the list's size, the others follow one at a time (the
 * server is shared with the live connection, which must stay quick). Returns the store.
 */
export function fetchRoomNames(client: MatrixClient): RoomNamesStore {
  let state: RoomNamesState = { rooms: new Map(), complete: false };
  const listeners = new Set<() => void>();
  const store: RoomNamesStore = {
    state: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  stores.set(client, store);

  const page = async (start: number, end: number): Promise<number | null> => {
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      if (!client.clientRunning) return null;
      try {
        const { total, rooms } = parseRoomNames(await client.slidingSync(roomNamesRequest(start, end)), start);
        // A new Map each page: the room list compares states by identity.
        const next = new Map(state.rooms);
        for (const room of rooms) next.set(room.roomId, room);
        state = { rooms: next, complete: false };
        return total;
      } catch (error) {
        namesLog.swallow(`fetching room names ${start}–${end} (try ${attempt} of ${ATTEMPTS})`, 'info')(error);
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
      }
    }
    return null;
  };
  const notify = () => listeners.forEach((listener) => listener());

  void (async () => {
    const total = await page(0, NAMES_PAGE_SIZE - 1);
    if (total === null) return;
    notify();
    for (const [start, end] of remainingPages(total)) {
      if ((await page(start, end)) === null) return;
      notify();
    }
    state = { ...state, complete: true };
    notify();
  })();
  return store;
}
