// The rooms a filter finds on the server while the list is still loading (roomNameSearch.ts): asked a
// moment after the last key press, the previous question dropped, forgotten once the list is whole.
import { useEffect, useState } from 'react';
import type { RoomSummary } from '../../matrix/roomList.ts';
import { rendererLogger } from '../../platform/log.ts';

/** Long enough to skip the keys of a word being typed, short enough to answer within a second. */
const DEBOUNCE_MS = 150;

export type FindRooms = (query: string, signal: AbortSignal) => Promise<RoomSummary[]>;

export function useFoundRooms(query: string, active: boolean, find: FindRooms | undefined): RoomSummary[] {
  // Kept with the query it answers: an answer to an earlier query is never shown for a later one.
  const [found, setFound] = useState<{ query: string; rooms: RoomSummary[] }>({ query: '', rooms: [] });
  useEffect(() => {
    if (!active || !find || query.trim() === '') return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      find(query, controller.signal).then(
        (rooms) => {
          if (!controller.signal.aborted) setFound({ query, rooms });
        },
        (error: unknown) => {
          if (!controller.signal.aborted) rendererLogger('rooms').swallow('searching room names on the server', 'info')(error);
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, active, find]);
  return active && found.query === query ? found.rooms : [];
}
