import type { ISyncResponse } from 'matrix-js-sdk';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CachedSyncStore, SAVE_DELAY_MS } from '../../../../../src/renderer/matrix/cache/cachedSyncStore.ts';
import { deferred, FakeEncryptedDb } from '../../../support/offlineFakes.ts';

const ROOM = '!room:hs';

function syncResponse(nextBatch: string, body: string, eventId = '$msg1'): ISyncResponse {
  return {
    next_batch: nextBatch,
    account_data: { events: [{ type: 'm.push_rules', content: { global: {} } }] },
    rooms: {
      join: {
        [ROOM]: {
          summary: { 'm.heroes': ['@bob:hs'], 'm.joined_member_count': 2, 'm.invited_member_count': 0 },
          state: {
            events: [
              {
                type: 'm.room.create',
                state_key: '',
                event_id: '$create',
                sender: '@alice:hs',
                origin_server_ts: 1,
                content: { creator: '@alice:hs', room_version: '10' },
              },
              {
                type: 'm.room.name',
                state_key: '',
                event_id: '$name',
                sender: '@alice:hs',
                origin_server_ts: 2,
                content: { name: 'Cellule de crise' },
              },
            ],
          },
          timeline: {
            events: [
              {
                type: 'm.room.message',
                event_id: eventId,
                sender: '@bob:hs',
                origin_server_ts: 3,
                content: { msgtype: 'm.text', body },
              },
            ],
            limited: false,
            prev_batch: 'p0',
          },
          ephemeral: { events: [] },
          account_data: { events: [] },
          unread_notifications: { notification_count: 1, highlight_count: 0 },
        },
      },
      invite: {},
      leave: {},
      knock: {},
    },
  };
}

interface StoredSnapshot {
  version: number;
  sync: {
    nextBatch: string;
    roomsData: { join: Record<string, { timeline: { events: { event_id: string; content: { body?: string } }[] } }> };
  };
}

function storedSnapshot(db: FakeEncryptedDb): StoredSnapshot | undefined {
  return db.stores.get('sync')?.get('snapshot') as StoredSnapshot | undefined;
}

const stores: CachedSyncStore[] = [];
async function openStore(db: FakeEncryptedDb): Promise<CachedSyncStore> {
  const store = new CachedSyncStore(db);
  stores.push(store);
  await store.startup();
  return store;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(new Date('2025-06-01T08:00:00Z'));
});

afterEach(() => {
  for (const store of stores.splice(0)) store.close();
  expect(vi.getTimerCount()).toBe(0);
  vi.useRealTimers();
});

describe('CachedSyncStore start-up', () => {
  it('with no snapshot: nothing saved, newly created, no cached state', async () => {
    const db = new FakeEncryptedDb();
    const store = await openStore(db);
    expect(db.calls).toEqual(['get sync snapshot']);
    expect(await store.getSavedSync()).toBeNull();
    expect(await store.getSavedSyncToken()).toBeNull();
    expect(await store.isNewlyCreated()).toBe(true);
    expect(store.hasCachedState()).toBe(false);
    expect(store.cachedSync()).toBeNull();
  });

  it('reads the database only once however often startup() is called', async () => {
    const db = new FakeEncryptedDb();
    const store = await openStore(db);
    await store.startup();
    expect(db.calls.filter((c) => c.startsWith('get'))).toHaveLength(1);
  });

  it('starts empty when the snapshot cannot be read (key changed, data corrupt)', async () => {
    const db = new FakeEncryptedDb();
    const writer = await openStore(db);
    await writer.setSyncData(syncResponse('s1', 'bonjour'));
    await writer.save(true);
    expect(storedSnapshot(db)).toBeDefined();

    db.failGets = new Error('OperationError: decryption failed');
    const store = await openStore(db);
    expect(await store.getSavedSync()).toBeNull();
    expect(await store.isNewlyCreated()).toBe(true);
    expect(store.hasCachedState()).toBe(false);
  });

  it('ignores a snapshot of another version', async () => {
    const db = new FakeEncryptedDb();
    const writer = await openStore(db);
    await writer.setSyncData(syncResponse('s1', 'bonjour'));
    await writer.save(true);
    const snapshot = storedSnapshot(db);
    if (!snapshot) throw new Error('no snapshot');
    await db.put('sync', 'snapshot', { ...snapshot, version: 2 });
    const store = await openStore(db);
    expect(await store.getSavedSync()).toBeNull();
    expect(store.hasCachedState()).toBe(false);
  });
});

describe('CachedSyncStore saving and restoring', () => {
  it('saves a snapshot of the accumulated sync on save(true), and a new store restores it', async () => {
    const db = new FakeEncryptedDb();
    const first = await openStore(db);
    await first.setSyncData(syncResponse('s1', 'Réunion à 14h'));
    const live = await first.getSavedSync();
    expect(live?.nextBatch).toBe('s1');
    expect(storedSnapshot(db)).toBeUndefined();

    await first.save(true);
    const snapshot = storedSnapshot(db);
    expect(snapshot?.version).toBe(1);
    expect(snapshot?.sync.nextBatch).toBe('s1');
    expect(snapshot?.sync.roomsData.join[ROOM]?.timeline.events.map((e) => e.event_id)).toEqual(['$msg1']);

    const second = await openStore(db);
    expect(second.hasCachedState()).toBe(true);
    expect(await second.isNewlyCreated()).toBe(false);
    expect(await second.getSavedSyncToken()).toBe('s1');
    const restored = await second.getSavedSync();
    expect(restored?.nextBatch).toBe('s1');
    const room = restored?.roomsData.join[ROOM];
    expect(room?.timeline.events.map((e): unknown[] => [e.event_id, e.content.body as unknown])).toEqual([
      ['$msg1', 'Réunion à 14h'],
    ]);
    const stateTypes = [...(room?.state?.events ?? []), ...(room?.timeline.events ?? [])]
      .filter((e) => 'state_key' in e)
      .map((e) => e.type);
    expect(stateTypes).toEqual(expect.arrayContaining(['m.room.create', 'm.room.name']));
    expect(restored?.accountData.map((e) => e.type)).toContain('m.push_rules');
    expect(second.cachedSync()?.nextBatch).toBe('s1');
  });

  it('restores the latest of several syncs', async () => {
    const db = new FakeEncryptedDb();
    const first = await openStore(db);
    await first.setSyncData(syncResponse('s1', 'premier', '$m1'));
    await first.setSyncData(syncResponse('s2', 'second', '$m2'));
    await first.save(true);
    const restored = await (await openStore(db)).getSavedSync();
    expect(restored?.nextBatch).toBe('s2');
    expect(restored?.roomsData.join[ROOM]?.timeline.events.map((e) => e.event_id)).toEqual(['$m1', '$m2']);
  });

  it('hands out copies: what the SDK does to the result does not reach the cache', async () => {
    const db = new FakeEncryptedDb();
    const store = await openStore(db);
    await store.setSyncData(syncResponse('s1', 'original'));
    const copy = await store.getSavedSync();
    const event = copy?.roomsData.join[ROOM]?.timeline.events[0];
    if (!event) throw new Error('no event');
    event.content.body = 'decorated';
    const again = await store.getSavedSync();
    expect(again?.roomsData.join[ROOM]?.timeline.events[0]?.content.body).toBe('original');
  });

  it('saves on its own 2 s after new sync data, once for a burst of responses', async () => {
    const db = new FakeEncryptedDb();
    const store = await openStore(db);
    await store.setSyncData(syncResponse('s1', 'a', '$a'));
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS / 2);
    await store.setSyncData(syncResponse('s2', 'b', '$b'));
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS / 2 - 1);
    expect(storedSnapshot(db)).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(db.calls.filter((c) => c.startsWith('put'))).toEqual(['put sync snapshot']);
    expect(storedSnapshot(db)?.sync.nextBatch).toBe('s2');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('wantsSave only when dirty and the delay has passed; save() without force respects it', async () => {
    const db = new FakeEncryptedDb();
    const store = await openStore(db);
    expect(store.wantsSave()).toBe(false);
    await store.setSyncData(syncResponse('s1', 'a'));
    expect(store.wantsSave()).toBe(false);
    await store.save();
    expect(storedSnapshot(db)).toBeUndefined();
    vi.setSystemTime(Date.now() + SAVE_DELAY_MS + 1);
    expect(store.wantsSave()).toBe(true);
    await store.save();
    expect(storedSnapshot(db)?.sync.nextBatch).toBe('s1');
    expect(store.wantsSave()).toBe(false);
  });

  it('writes nothing when nothing changed', async () => {
    const db = new FakeEncryptedDb();
    const store = await openStore(db);
    await store.save(true);
    expect(db.calls.filter((c) => c.startsWith('put'))).toEqual([]);
  });

  it('tries again at the next save when a write fails', async () => {
    const db = new FakeEncryptedDb();
    const store = await openStore(db);
    const put = vi.spyOn(db, 'put').mockRejectedValueOnce(new Error('QuotaExceededError'));
    await store.setSyncData(syncResponse('s1', 'a'));
    await store.save(true);
    expect(storedSnapshot(db)).toBeUndefined();
    await store.save(true);
    expect(put).toHaveBeenCalledTimes(2);
    expect(storedSnapshot(db)?.sync.nextBatch).toBe('s1');
  });

  it('close() cancels the pending save', async () => {
    const db = new FakeEncryptedDb();
    const store = await openStore(db);
    await store.setSyncData(syncResponse('s1', 'a'));
    expect(vi.getTimerCount()).toBe(1);
    store.close();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(10 * SAVE_DELAY_MS);
    expect(storedSnapshot(db)).toBeUndefined();
  });
});

describe('CachedSyncStore.deleteAllData', () => {
  it('removes the snapshot and the accumulated state', async () => {
    const db = new FakeEncryptedDb();
    const store = await openStore(db);
    await store.setSyncData(syncResponse('s1', 'secret'));
    await store.save(true);
    expect(storedSnapshot(db)).toBeDefined();

    await store.deleteAllData();
    expect(db.calls).toContain('delete sync snapshot');
    expect(storedSnapshot(db)).toBeUndefined();
    expect(await store.getSavedSync()).toBeNull();
    expect(await store.getSavedSyncToken()).toBeNull();
    // The pending timer finds nothing to write.
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    expect(storedSnapshot(db)).toBeUndefined();

    const next = await openStore(db);
    expect(await next.getSavedSync()).toBeNull();
    expect(next.hasCachedState()).toBe(false);
  });
});

describe('CachedSyncStore regressions', () => {
  it('deleteAllData wins over a save still in flight (the snapshot must not come back)', async () => {
    const db = new FakeEncryptedDb();
    const store = await openStore(db);
    await store.setSyncData(syncResponse('s1', 'secret'));
    // The real EncryptedDb.put encrypts first and only then opens its write transaction, so a
    // delete issued meanwhile is applied before the put.
    const encrypting = deferred();
    const realPut = db.put.bind(db);
    vi.spyOn(db, 'put').mockImplementationOnce(async (name, key, value) => {
      await encrypting.promise;
      await realPut(name, key, value);
    });
    const saving = store.save(true);
    const deleting = store.deleteAllData();
    encrypting.resolve();
    await Promise.all([saving, deleting]);
    expect(storedSnapshot(db)).toBeUndefined();
  });
});
