import type { MatrixClient } from 'matrix-js-sdk';
import { SlidingSyncEvent, SlidingSyncState, type MSC3575SlidingSyncResponse } from 'matrix-js-sdk/lib/sliding-sync.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  BACKGROUND_START_DELAY_MS,
  createSlidingSync,
  OPEN_ROOM_SUBSCRIPTION,
  ROOM_LIST_KEY,
  roomListParams,
} from '../../../../../src/renderer/matrix/sync/slidingSyncSetup.ts';

// SlidingSync only keeps the client for its requests, which start with start(): never called here.
// The names list's requests (roomNamesFetch.ts) go through client.slidingSync: they never answer here.
const namesRequests: unknown[] = [];
const client = {
  baseUrl: 'http://127.0.0.1:1',
  clientRunning: true,
  slidingSync: (request: unknown) => {
    namesRequests.push(request);
    return new Promise(() => undefined);
  },
} as unknown as MatrixClient;

function ranges(controller: ReturnType<typeof createSlidingSync>): number[][] {
  return controller.slidingSync.getListParams(ROOM_LIST_KEY)?.ranges ?? [];
}

function serverSays(controller: ReturnType<typeof createSlidingSync>, count: number): void {
  const response: MSC3575SlidingSyncResponse = { pos: '1', lists: { [ROOM_LIST_KEY]: { count } }, rooms: {}, extensions: {} };
  controller.slidingSync.emit(SlidingSyncEvent.Lifecycle, SlidingSyncState.Complete, response);
}

describe('the room list asked of the server', () => {
  it('holds what a room-list row shows: name, avatar, encryption, my membership, the last event', () => {
    const list = roomListParams(19);
    expect(list.ranges).toEqual([[0, 19]]);
    expect(list.timeline_limit).toBe(1);
    expect(list.required_state).toEqual(
      expect.arrayContaining([
        ['m.room.name', ''],
        ['m.room.avatar', ''],
        ['m.room.encryption', ''],
        ['m.room.member', '$ME'],
      ]),
    );
  });

  it('subscribes the open room with all its state, every member included, and a screenful of history', () => {
    expect(OPEN_ROOM_SUBSCRIPTION.timeline_limit).toBeGreaterThanOrEqual(20);
    // Members are not lazy there: keys are shared with the members this client knows.
    expect(OPEN_ROOM_SUBSCRIPTION.required_state).toEqual([['*', '*']]);
  });
});

describe('createSlidingSync', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('starts with the first page and grows it as the user scrolls', () => {
    const controller = createSlidingSync(client);
    expect(ranges(controller)).toEqual([[0, 19]]);
    serverSays(controller, 300);
    controller.updateWindow({ lastVisibleIndex: 5 });
    expect(ranges(controller)).toEqual([[0, 19]]);
    controller.updateWindow({ lastVisibleIndex: 15 });
    expect(ranges(controller)).toEqual([[0, 39]]);
    expect(controller.window()).toEqual({ requestedEnd: 39, total: 300 });
  });

  it('grows for a scroll made before the list size is known, once it is', () => {
    const controller = createSlidingSync(client);
    controller.updateWindow({ lastVisibleIndex: 25 });
    expect(ranges(controller)).toEqual([[0, 39]]);
    serverSays(controller, 30);
    expect(ranges(controller)).toEqual([[0, 39]]);
  });

  it('once the first page is drawn, loads the rest of the list in the background, a batch per answer', () => {
    vi.useFakeTimers();
    const controller = createSlidingSync(client);
    serverSays(controller, 250);
    // Not at once: the first page is drawn and encryption starts before more rooms arrive.
    vi.advanceTimersByTime(BACKGROUND_START_DELAY_MS - 1);
    expect(ranges(controller)).toEqual([[0, 19]]);
    vi.advanceTimersByTime(1);
    expect(ranges(controller)).toEqual([[0, 119]]);
    serverSays(controller, 250);
    expect(ranges(controller)).toEqual([[0, 219]]);
    serverSays(controller, 250);
    expect(ranges(controller)).toEqual([[0, 249]]);
    serverSays(controller, 250);
    expect(ranges(controller)).toEqual([[0, 249]]);
    // A room created later lengthens the list: it is asked for too.
    serverSays(controller, 251);
    expect(ranges(controller)).toEqual([[0, 250]]);
  });

  it('asks for the names of every room once, with the first complete answer', () => {
    namesRequests.length = 0;
    const controller = createSlidingSync(client);
    expect(namesRequests).toHaveLength(0);
    serverSays(controller, 3_000);
    serverSays(controller, 3_000);
    expect(namesRequests).toEqual([expect.objectContaining({ conn_id: 'relais-room-names' })]);
  });

  it("knows the list's size as soon as an answer arrives, before its rooms are processed", () => {
    const controller = createSlidingSync(client);
    const response: MSC3575SlidingSyncResponse = {
      pos: '1',
      lists: { [ROOM_LIST_KEY]: { count: 42 } },
      rooms: {},
      extensions: {},
    };
    controller.slidingSync.emit(SlidingSyncEvent.Lifecycle, SlidingSyncState.RequestFinished, response);
    expect(controller.window().total).toBe(42);
    // Growth and filters act on complete answers only.
    expect(ranges(controller)).toEqual([[0, 19]]);
  });

  it('subscribes the open room and releases the previous one', () => {
    const controller = createSlidingSync(client);
    controller.setOpenRoom('!a:localhost');
    expect([...controller.slidingSync.getRoomSubscriptions()]).toEqual(['!a:localhost']);
    controller.setOpenRoom('!b:localhost');
    expect([...controller.slidingSync.getRoomSubscriptions()]).toEqual(['!b:localhost']);
    controller.setOpenRoom(null);
    expect(controller.slidingSync.getRoomSubscriptions().size).toBe(0);
  });
});
