// Sliding sync responses kept by the offline cache: rewritten into classic /sync's shape, accumulated,
// saved, and read back by the next cold start's room list (cachedRoomList.ts) and by classic /sync.
import type { IStateEvent } from 'matrix-js-sdk';
import type { MSC3575RoomData, MSC3575SlidingSyncResponse } from 'matrix-js-sdk/lib/sliding-sync.js';
import { afterEach, describe, expect, it } from 'vitest';
import { roomListFromCache } from '../../../../../src/renderer/matrix/cache/cachedRoomList.ts';
import { CachedSyncStore } from '../../../../../src/renderer/matrix/cache/cachedSyncStore.ts';
import { membershipOf, slidingToClassic } from '../../../../../src/renderer/matrix/cache/slidingToClassic.ts';
import type { SlidingRoomData } from '../../../../../src/renderer/matrix/sync/timelineSlice.ts';
import { FakeEncryptedDb } from '../../../support/offlineFakes.ts';

const ME = '@olivia:hs';

function state(type: string, stateKey: string, content: object, sender = '@pablo:hs'): IStateEvent {
  return { type, state_key: stateKey, content, sender, event_id: `$${type}-${stateKey}`, origin_server_ts: 1 };
}

function message(id: string, body: string, ts: number): MSC3575RoomData['timeline'][number] {
  return {
    type: 'm.room.message',
    event_id: id,
    sender: '@pablo:hs',
    origin_server_ts: ts,
    content: { msgtype: 'm.text', body },
  };
}

function room(overrides: Partial<SlidingRoomData>): SlidingRoomData {
  return { name: '', required_state: [], timeline: [], ...overrides };
}

function response(
  rooms: Record<string, MSC3575RoomData>,
  extensions: Record<string, object> = {},
  pos = 'p1',
): MSC3575SlidingSyncResponse {
  return { pos, lists: { rooms: { count: Object.keys(rooms).length } }, rooms, extensions };
}

const joinedRoom = room({
  initial: true,
  limited: true,
  prev_batch: 't9',
  name: 'Cellule de crise',
  notification_count: 3,
  highlight_count: 1,
  joined_count: 2,
  heroes: [{ user_id: '@pablo:hs', displayname: 'Pablo' }],
  required_state: [
    state('m.room.create', '', { room_version: '11' }),
    state('m.room.name', '', { name: 'Cellule de crise' }),
    state('m.room.member', ME, { membership: 'join' }, ME),
    state('m.room.member', '@pablo:hs', { membership: 'join', displayname: 'Pablo' }),
  ],
  timeline: [message('$m1', 'Réunion à 10 h', 5)],
});

describe('membershipOf', () => {
  it('reads my membership from the state or the timeline, the latest winning', () => {
    expect(membershipOf(joinedRoom, ME)).toBe('join');
    const left = room({
      required_state: joinedRoom.required_state,
      timeline: [state('m.room.member', ME, { membership: 'leave' }, ME)],
    });
    expect(membershipOf(left, ME)).toBe('leave');
    expect(membershipOf(room({ timeline: [state('m.room.member', ME, { membership: 'ban' })] }), ME)).toBe('leave');
  });

  it('an invitation is recognised by its invite state', () => {
    expect(membershipOf(room({ invite_state: [state('m.room.member', ME, { membership: 'invite' })] }), ME)).toBe('invite');
  });

  it('a room without my member event in this response is one I am in (incremental updates carry no state)', () => {
    expect(membershipOf(room({ timeline: [message('$m2', 'Suite', 6)] }), ME)).toBe('join');
  });
});

describe('slidingToClassic', () => {
  it('a joined room: state, a fresh timeline slice, unread counts, heroes and member counts', () => {
    const sync = slidingToClassic(response({ '!a:hs': joinedRoom }), ME);
    expect(sync.next_batch).toBe('p1');
    const joined = sync.rooms.join['!a:hs'];
    expect(joined?.state?.events.map((e) => e.type)).toEqual(['m.room.create', 'm.room.name', 'm.room.member', 'm.room.member']);
    expect(joined?.timeline).toEqual({ events: joinedRoom.timeline, limited: true, prev_batch: 't9' });
    expect(joined?.unread_notifications).toEqual({ notification_count: 3, highlight_count: 1 });
    expect(joined?.summary).toEqual({ 'm.heroes': ['@pablo:hs'], 'm.joined_member_count': 2 });
  });

  it('an incremental update appends: not limited, no counts it did not send', () => {
    const sync = slidingToClassic(response({ '!a:hs': room({ timeline: [message('$m2', 'Suite', 6)] }) }), ME);
    expect(sync.rooms.join['!a:hs']?.timeline.limited).toBe(false);
    expect(sync.rooms.join['!a:hs']?.unread_notifications).toEqual({});
  });

  it('the latest events resent because the room was opened (a bigger window) replace the cached ones', () => {
    const opened: SlidingRoomData = room({
      unstable_expanded_timeline: true,
      limited: false,
      prev_batch: 't1',
      timeline: [message('$m1', 'Bonjour', 5), message('$m2', 'Suite', 6)],
    });
    expect(slidingToClassic(response({ '!a:hs': opened }), ME).rooms.join['!a:hs']?.timeline.limited).toBe(true);
  });

  it('invitations and rooms left go where classic sync puts them', () => {
    const sync = slidingToClassic(
      response({
        '!inv:hs': room({
          invite_state: [state('m.room.name', '', { name: 'Invitation' }), state('m.room.member', ME, { membership: 'invite' })],
        }),
        '!gone:hs': room({ timeline: [state('m.room.member', ME, { membership: 'leave' }, ME)] }),
      }),
      ME,
    );
    expect(sync.rooms.invite['!inv:hs']?.invite_state.events.map((e) => e.type)).toEqual(['m.room.name', 'm.room.member']);
    expect(Object.keys(sync.rooms.leave)).toEqual(['!gone:hs']);
    expect(Object.keys(sync.rooms.join)).toEqual([]);
  });

  it('account data (m.direct) and receipts from the extensions, also for rooms without room data', () => {
    const direct = { type: 'm.direct', content: { '@pablo:hs': ['!dm:hs'] } };
    const receipt = { type: 'm.receipt', content: { $m1: { 'm.read': { [ME]: { ts: 7 } } } } };
    const sync = slidingToClassic(
      response(
        {},
        {
          account_data: { global: [direct], rooms: { '!dm:hs': [{ type: 'm.tag', content: {} }] } },
          receipts: { rooms: { '!a:hs': receipt } },
        },
      ),
      ME,
    );
    expect(sync.account_data.events).toEqual([direct]);
    expect(sync.rooms.join['!dm:hs']?.account_data.events).toEqual([{ type: 'm.tag', content: {} }]);
    expect(sync.rooms.join['!a:hs']?.ephemeral.events).toEqual([receipt]);
    expect(sync.rooms.join['!a:hs']?.timeline).toEqual({ events: [], limited: false, prev_batch: null });
  });
});

describe('CachedSyncStore fed by sliding sync', () => {
  const stores: CachedSyncStore[] = [];
  afterEach(() => {
    for (const store of stores.splice(0)) store.close();
  });
  async function openStore(db: FakeEncryptedDb): Promise<CachedSyncStore> {
    const store = new CachedSyncStore(db);
    stores.push(store);
    await store.startup();
    return store;
  }

  it('the next cold start lists the rooms sliding sync saw, with the latest message, and classic /sync starts afresh', async () => {
    const db = new FakeEncryptedDb();
    const writer = await openStore(db);
    writer.accumulateSliding(slidingToClassic(response({ '!a:hs': joinedRoom }, {}, 'pos-1'), ME));
    writer.accumulateSliding(
      slidingToClassic(response({ '!a:hs': room({ timeline: [message('$m2', 'Reportée à 11 h', 9)] }) }, {}, 'pos-2'), ME),
    );
    await writer.save(true);

    const reader = await openStore(db);
    expect(reader.hasCachedState()).toBe(true);
    const cached = reader.cachedSync();
    if (!cached) throw new Error('no cached sync');
    const list = roomListFromCache(cached, ME);
    expect(list.map((r) => [r.name, r.preview])).toEqual([['Cellule de crise', 'Pablo: Reportée à 11 h']]);
    expect(cached.roomsData.join['!a:hs']?.timeline.events.map((e) => e.event_id)).toEqual(['$m1', '$m2']);
    // Classic /sync may replay it, but a sliding position is no /sync token: it must start from scratch.
    expect((await reader.getSavedSync())?.nextBatch).toBe('pos-2');
    expect(await reader.getSavedSyncToken()).toBeNull();
  });

  it("classic /sync's first answer after a sliding snapshot replaces it; its token is used from then on", async () => {
    const db = new FakeEncryptedDb();
    const writer = await openStore(db);
    writer.accumulateSliding(slidingToClassic(response({ '!a:hs': joinedRoom }), ME));
    await writer.save(true);

    const classic = await openStore(db);
    await classic.setSyncData({
      next_batch: 's42',
      account_data: { events: [] },
      rooms: { join: {}, invite: {}, leave: {}, knock: {} },
    });
    expect(await classic.getSavedSyncToken()).toBe('s42');
    expect(Object.keys((await classic.getSavedSync())?.roomsData.join ?? {})).toEqual([]);
  });
});
