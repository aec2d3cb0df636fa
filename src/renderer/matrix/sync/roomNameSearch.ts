// While the names list is still arriving, the filter also asks the server: Synapse indexes m.room.name
// events for its search API, which answers in a fraction of a second whatever the account's size, where
// sliding sync costs it milliseconds per room (about 10 s for 3,000 rooms on the 2-core benchmark
// machine). Pure, unit tested, but for `searchRoomNames`.
//
// Rooms named by their members (DMs) have no m.room.name and are not found this way; nor are rooms I am
// only invited to. The search matches whole words (SQLite) or word prefixes (PostgreSQL); the filter then
// keeps only the rooms whose name contains what was typed, as for any row.
import type { ISearchRequestBody, ISearchResponse, MatrixClient } from 'matrix-js-sdk';
import { normalizeForSearch } from '../roomFilter.ts';
import type { NamedRoom } from './roomNames.ts';

/** Found rooms come after every row ranked by the server's list (its size is far below this). */
const FOUND_RANK = 1_000_000_000;
const MAX_RESULTS = 50;

/**
 * The words to search for: the complete ones (a word still being typed matches nothing on SQLite), or
 * the text itself when no word is complete yet. Empty when there is nothing to search.
 */
export function nameSearchTerm(query: string): string {
  const text = query.trim();
  if (text === '') return '';
  const words = query.trimStart().split(/\s+/);
  const complete = /\s$/.test(query) ? words : words.slice(0, -1);
  const term = complete.join(' ').trim();
  return term === '' ? text : term;
}

export function nameSearchRequest(term: string): ISearchRequestBody {
  return {
    search_categories: {
      room_events: {
        search_term: term,
        keys: ['content.name'],
        filter: { types: ['m.room.name'], limit: MAX_RESULTS },
      },
    },
  };
}

interface RawResult {
  result?: { room_id?: unknown; content?: { name?: unknown }; origin_server_ts?: unknown };
}

/**
 * The rooms whose name event matched and contains the query; for a room found through several name
 * events (renamed), the latest one.
 */
export function parseNameSearch(body: unknown, query: string): NamedRoom[] {
  const response = (body ?? {}) as { search_categories?: { room_events?: { results?: RawResult[] } } };
  const needle = normalizeForSearch(query);
  const latest = new Map<string, { name: string; ts: number }>();
  for (const { result } of response.search_categories?.room_events?.results ?? []) {
    const roomId = result?.room_id;
    const name = result?.content?.name;
    if (typeof roomId !== 'string' || typeof name !== 'string' || name === '') continue;
    const ts = typeof result?.origin_server_ts === 'number' ? result.origin_server_ts : 0;
    if ((latest.get(roomId)?.ts ?? -1) < ts) latest.set(roomId, { name, ts });
  }
  return [...latest]
    .filter(([, { name }]) => normalizeForSearch(name).includes(needle))
    .map(([roomId, { name }], index) => ({ roomId, name, invite: false, unread: 0, mentions: 0, rank: FOUND_RANK + index }));
}

/** Asks the server's search for rooms named like the query; [] when there is nothing to search. */
export async function searchRoomNames(client: MatrixClient, query: string, signal: AbortSignal): Promise<NamedRoom[]> {
  const term = nameSearchTerm(query);
  if (term === '') return [];
  const response: ISearchResponse = await client.search({ body: nameSearchRequest(term) }, signal);
  return parseNameSearch(response, query);
}
