import type { MatrixClient } from 'matrix-js-sdk';
import { describe, expect, it, vi } from 'vitest';
import { NAMES_LIST_KEY, NAMES_PAGE_SIZE } from '../../../../../src/renderer/matrix/sync/roomNames.ts';
import { fetchRoomNames, roomNamesOf } from '../../../../../src/renderer/matrix/sync/roomNamesFetch.ts';

interface Request {
  lists: Record<string, { ranges: [number, number][] }>;
}

/** A server of `total` rooms named "Room <index>", answering each range request. */
function fakeClient(total: number, failFirst = 0) {
  let failures = failFirst;
  const requests: [number, number][] = [];
  const client = {
    clientRunning: true,
    slidingSync: vi.fn((request: Request) => {
      const [start, end] = request.lists[NAMES_LIST_KEY]?.ranges[0] ?? [0, 0];
      requests.push([start, end]);
      if (failures-- > 0) return Promise.reject(new Error('503'));
      const ids = Array.from({ length: Math.max(0, Math.min(end, total - 1) - start + 1) }, (_, i) => `!r${start + i}:x`);
      return Promise.resolve({
        lists: { [NAMES_LIST_KEY]: { count: total, ops: [{ op: 'SYNC', range: [start, end], room_ids: ids }] } },
        rooms: Object.fromEntries(ids.map((id) => [id, { name: `Room ${id.slice(2, -2)}` }])),
      });
    }),
  };
  return { client: client as unknown as MatrixClient, requests };
}

describe('fetchRoomNames', () => {
  it('fetches the first page, then the rest one page at a time, and says when the list is whole', async () => {
    const { client, requests } = fakeClient(2_500);
    const store = fetchRoomNames(client);
    expect(roomNamesOf(client)).toBe(store);
    const seen: number[] = [];
    store.subscribe(() => seen.push(store.state().rooms.size));
    await vi.waitFor(() => expect(store.state().complete).toBe(true));
    expect(requests).toEqual([
      [0, NAMES_PAGE_SIZE - 1],
      [1_000, 1_999],
      [2_000, 2_499],
    ]);
    expect(seen).toEqual([1_000, 2_000, 2_500, 2_500]);
    expect(store.state().rooms.get('!r2499:x')).toMatchObject({ name: 'Room 2499', rank: 2_499 });
  });

  it('tries a failed page again', async () => {
    vi.useFakeTimers();
    try {
      const { client, requests } = fakeClient(10, 1);
      const store = fetchRoomNames(client);
      await vi.advanceTimersByTimeAsync(2_000);
      await vi.waitFor(() => expect(store.state().complete).toBe(true));
      expect(requests).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('is null for a client that never fetched (classic sync)', () => {
    expect(roomNamesOf({} as unknown as MatrixClient)).toBeNull();
  });
});
