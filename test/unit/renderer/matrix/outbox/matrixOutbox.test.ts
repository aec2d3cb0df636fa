import { EventEmitter } from 'node:events';
import { ClientEvent, ConnectionError, MatrixError, RoomEvent, SyncState, type MatrixClient } from 'matrix-js-sdk';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  blobStoreFor,
  encryptedDbPersistence,
  matrixTransport,
  memoryPersistence,
  newTxnId,
  RoomNotSyncedError,
  sendWhenRoomsArrive,
  toSendError,
} from '../../../../../src/renderer/matrix/outbox/matrixOutbox.ts';
import { Outbox } from '../../../../../src/renderer/matrix/outbox/outboxRunner.ts';
import { classifySendError } from '../../../../../src/renderer/matrix/outbox/classify.ts';
import type { OutboxEntry } from '../../../../../src/renderer/matrix/outbox/outboxState.ts';
import { FakeClock, FakeEncryptedDb, FakeTransport, settle } from '../../../support/offlineFakes.ts';

function entry(txnId: string, overrides: Partial<OutboxEntry> = {}): OutboxEntry {
  return {
    txnId,
    roomId: '!a:hs',
    kind: 'message',
    eventType: 'm.room.message',
    content: { msgtype: 'm.text', body: txnId },
    composedAt: 1,
    sequence: 0,
    state: 'queued',
    attempts: 0,
    nextAttemptAt: 1,
    ...overrides,
  };
}

function bytes(...values: number[]): ArrayBuffer {
  return new Uint8Array(values).buffer;
}

describe('toSendError', () => {
  it('keeps the status and errcode of a MatrixError', () => {
    expect(toSendError(new MatrixError({ errcode: 'M_FORBIDDEN', error: 'You are not in this room' }, 403))).toEqual({
      httpStatus: 403,
      errcode: 'M_FORBIDDEN',
    });
  });

  it('reads retry_after_ms from a rate limit', () => {
    const error = new MatrixError({ errcode: 'M_LIMIT_EXCEEDED', error: 'Too many requests', retry_after_ms: 1_500 }, 429);
    expect(toSendError(error)).toEqual({ httpStatus: 429, errcode: 'M_LIMIT_EXCEEDED', retryAfterMs: 1_500 });
  });

  it('ignores a retry_after_ms that is not a number', () => {
    const error = new MatrixError({ errcode: 'M_LIMIT_EXCEEDED', error: 'slow down', retry_after_ms: '1500' }, 429);
    expect(toSendError(error)).toEqual({ httpStatus: 429, errcode: 'M_LIMIT_EXCEEDED' });
    expect(toSendError(error)).not.toHaveProperty('retryAfterMs');
  });

  it('maps errors without an HTTP answer to {} (transient)', () => {
    expect(toSendError(new ConnectionError('fetch failed', new TypeError('network')))).toEqual({});
    expect(toSendError(new TypeError('Failed to fetch'))).toEqual({});
    expect(toSendError(null)).toEqual({});
    expect(toSendError(undefined)).toEqual({});
    expect(toSendError('timeout')).toEqual({});
  });

  it('keeps a numeric httpStatus from other error shapes, and nothing else', () => {
    expect(toSendError({ httpStatus: 403, errcode: 'M_FORBIDDEN' })).toEqual({ httpStatus: 403 });
    expect(toSendError(Object.assign(new Error('HTTP'), { httpStatus: 502 }))).toEqual({ httpStatus: 502 });
    expect(toSendError({ httpStatus: '403' })).toEqual({});
  });
});

describe('newTxnId', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is "relais.<time in base 36>.<uuid>", safe in a URL path', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-03-01T10:00:00Z'));
    const id = newTxnId();
    const match = /^relais\.([0-9a-z]+)\.([0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})$/.exec(id);
    expect(match).not.toBeNull();
    expect(parseInt(match?.[1] ?? '', 36)).toBe(Date.parse('2025-03-01T10:00:00Z'));
    expect(encodeURIComponent(id)).toBe(id);
  });

  it('never repeats, even within the same millisecond', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(0);
    const ids = new Set(Array.from({ length: 1_000 }, () => newTxnId()));
    expect(ids.size).toBe(1_000);
  });
});

describe('memoryPersistence', () => {
  it('starts empty, keeps what is saved, overwrites by txnId and forgets what is removed', async () => {
    const persistence = memoryPersistence();
    expect(await persistence.load()).toEqual([]);
    await persistence.save(entry('a'));
    await persistence.save(entry('b'));
    await persistence.save(entry('a', { state: 'failed', failure: 'forbidden' }));
    const loaded = await persistence.load();
    expect(loaded.map((e) => e.txnId).sort()).toEqual(['a', 'b']);
    expect(loaded.find((e) => e.txnId === 'a')).toMatchObject({ state: 'failed', failure: 'forbidden' });
    await persistence.remove('a');
    await persistence.remove('not-there');
    expect((await persistence.load()).map((e) => e.txnId)).toEqual(['b']);
  });

  it('is separate for each call (nothing shared between sessions)', async () => {
    const first = memoryPersistence();
    await first.save(entry('a'));
    expect(await memoryPersistence().load()).toEqual([]);
  });

  it('drives an Outbox with real MatrixErrors: a 403 fails the entry, a rate limit waits as asked', async () => {
    const clock = new FakeClock();
    const persistence = memoryPersistence();
    const transport = new FakeTransport();
    const outbox = new Outbox({
      persistence,
      transport,
      toSendError,
      now: clock.now,
      setTimer: clock.setTimer,
      clearTimer: clock.clearTimer,
      backoff: { baseMs: 1_000, capMs: 60_000, random: () => 0 },
    });
    const base = { kind: 'message', eventType: 'm.room.message', content: { body: 'x' } } as const;
    await outbox.add({ ...base, txnId: 'a1', roomId: '!a:hs' });
    await outbox.add({ ...base, txnId: 'b1', roomId: '!b:hs' });
    await settle();
    transport.fail('a1', new MatrixError({ errcode: 'M_FORBIDDEN', error: 'no' }, 403));
    transport.fail('b1', new MatrixError({ errcode: 'M_LIMIT_EXCEEDED', error: 'slow', retry_after_ms: 2_500 }, 429));
    await settle();
    expect(outbox.entries().find((e) => e.txnId === 'a1')).toMatchObject({ state: 'failed', failure: 'forbidden' });
    expect(clock.pending()).toEqual([2_500]);
    expect((await persistence.load()).find((e) => e.txnId === 'a1')?.state).toBe('failed');
    await clock.advance(2_500);
    expect(transport.sentIds()).toEqual(['a1', 'b1', 'b1']);
    outbox.stop();
  });
});

describe('encryptedDbPersistence', () => {
  it('keeps entries in the outbox store, keyed by txnId', async () => {
    const db = new FakeEncryptedDb();
    const persistence = encryptedDbPersistence(db);
    await persistence.save(entry('t1'));
    expect(db.stores.get('outbox')?.get('t1')).toEqual(entry('t1'));
    expect(await persistence.load()).toEqual([entry('t1')]);
    await persistence.remove('t1');
    expect(await persistence.load()).toEqual([]);
    expect(db.calls).toContain('delete outbox t1');
  });
});

describe('blobStoreFor', () => {
  it('without a database keeps bytes in memory only', async () => {
    const store = blobStoreFor(null);
    expect(await store.get('t1')).toBeUndefined();
    await store.put('t1', bytes(1, 2, 3));
    await store.put('t2', bytes(9));
    expect(new Uint8Array((await store.get('t1')) ?? new ArrayBuffer(0))).toEqual(new Uint8Array([1, 2, 3]));
    await store.delete('t1');
    expect(await store.get('t1')).toBeUndefined();
    expect(new Uint8Array((await store.get('t2')) ?? new ArrayBuffer(0))).toEqual(new Uint8Array([9]));
  });

  it('each memory store is separate', async () => {
    await blobStoreFor(null).put('t1', bytes(1));
    expect(await blobStoreFor(null).get('t1')).toBeUndefined();
  });

  it('with a database writes to its blobs store', async () => {
    const db = new FakeEncryptedDb();
    const store = blobStoreFor(db);
    await store.put('t1', bytes(4, 5));
    expect(db.stores.get('blobs')?.has('t1')).toBe(true);
    expect(new Uint8Array((await store.get('t1')) ?? new ArrayBuffer(0))).toEqual(new Uint8Array([4, 5]));
    await store.delete('t1');
    expect(db.stores.get('blobs')?.has('t1')).toBe(false);
  });
});

describe('toSendError regressions', () => {
  it('honours a Retry-After header (spec v1.10 deprecates retry_after_ms in favour of it)', () => {
    const error = new MatrixError(
      { errcode: 'M_LIMIT_EXCEEDED', error: 'slow down' },
      429,
      undefined,
      undefined,
      new Headers({ 'Retry-After': '3' }),
    );
    expect(error.getRetryAfterMs()).toBe(3_000);
    expect(toSendError(error)).toMatchObject({ retryAfterMs: 3_000 });
  });
});

describe('matrixTransport', () => {
  function transportWith(knownRooms: string[], encryption: { inState: boolean; configured: boolean } | null = null) {
    const sent: string[] = [];
    const client = {
      getRoom: (roomId: string) =>
        knownRooms.includes(roomId)
          ? { findEventById: () => undefined, hasEncryptionStateEvent: () => encryption?.inState ?? false }
          : null,
      getCrypto: () => ({ isEncryptionEnabledInRoom: () => Promise.resolve(encryption?.configured ?? false) }),
      sendEvent: (roomId: string) => {
        sent.push(roomId);
        return Promise.resolve({ event_id: '$sent' });
      },
      redactEvent: (roomId: string) => {
        sent.push(`redact ${roomId}`);
        return Promise.resolve({ event_id: '$redaction' });
      },
    } as unknown as MatrixClient;
    return { transport: matrixTransport(client, blobStoreFor(null)), sent };
  }

  it('never sends into a room the client does not know yet (the SDK would send it unencrypted)', async () => {
    const { transport, sent } = transportWith([]);
    const error = await transport.send(entry('t1', { roomId: '!new:hs' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RoomNotSyncedError);
    // Transient: the outbox keeps it and tries again, at the latest when the room arrives.
    expect(toSendError(error)).toEqual({ roomNotReady: true });
    expect(classifySendError(toSendError(error))).toEqual({ kind: 'transient' });
    expect(sent).toEqual([]);
  });

  it('waits while an encrypted room is known but its encryption is not set up yet ("unconfigured room")', async () => {
    const early = transportWith(['!a:hs'], { inState: true, configured: false });
    const error = await early.transport.send(entry('t1')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RoomNotSyncedError);
    expect((error as Error).message).toContain('encryption is not set up yet');
    expect(early.sent).toEqual([]);
    const ready = transportWith(['!a:hs'], { inState: true, configured: true });
    await ready.transport.send(entry('t1'));
    expect(ready.sent).toEqual(['!a:hs']);
  });

  it('sends once the room is known; redactions (never encrypted) do not wait', async () => {
    const { transport, sent } = transportWith(['!a:hs']);
    await transport.send(entry('t1'));
    await transport.send(entry('t2', { roomId: '!new:hs', kind: 'redaction', eventType: 'm.room.redaction', redacts: '$x' }));
    expect(sent).toEqual(['!a:hs', 'redact !new:hs']);
  });
});

describe('sendWhenRoomsArrive', () => {
  it('sends a message composed before sync brought its room as soon as the room arrives, not after the backoff', async () => {
    const clock = new FakeClock();
    const known = new Set<string>();
    const sent: string[] = [];
    const emitter = new EventEmitter();
    const client = Object.assign(emitter, {
      getRoom: (roomId: string) =>
        known.has(roomId) ? { roomId, findEventById: () => undefined, hasEncryptionStateEvent: () => false } : null,
      getCrypto: () => undefined,
      sendEvent: (_roomId: string, _type: string, _content: unknown, txnId: string) => {
        sent.push(txnId);
        return Promise.resolve({ event_id: '$sent' });
      },
    }) as unknown as MatrixClient;
    const outbox = new Outbox({
      persistence: memoryPersistence(),
      transport: matrixTransport(client, blobStoreFor(null)),
      toSendError,
      now: clock.now,
      setTimer: clock.setTimer,
      clearTimer: clock.clearTimer,
      // The worst draw of the jitter: the longest wait the backoff allows.
      backoff: { baseMs: 1_000, capMs: 60_000, random: () => 0.999 },
    });
    const unsubscribe = sendWhenRoomsArrive(client, outbox);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      await outbox.add({ txnId: 't1', roomId: '!new:hs', kind: 'message', eventType: 'm.room.message', content: { body: 'x' } });
      await settle();
      expect(sent).toEqual([]);
      expect(clock.pending()).toEqual([999]);

      emitter.emit(ClientEvent.Room, { roomId: '!other:hs' });
      emitter.emit(ClientEvent.Sync, SyncState.Syncing);
      await settle();
      expect(sent).toEqual([]);

      // The room object appears while its sync answer is still being processed: sending waits for
      // the end of that answer.
      known.add('!new:hs');
      emitter.emit(ClientEvent.Room, { roomId: '!new:hs' });
      await settle();
      expect(sent).toEqual([]);
      emitter.emit(ClientEvent.Sync, SyncState.Syncing);
      await settle();
      expect(sent).toEqual(['t1']);
      expect(outbox.entries()).toEqual([]);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('RoomNotSyncedError'));

      // A room the client knew as an invitation: joining it changes my membership, no new room appears.
      await outbox.add({ txnId: 't2', roomId: '!inv:hs', kind: 'message', eventType: 'm.room.message', content: { body: 'y' } });
      await settle();
      expect(sent).toEqual(['t1']);
      known.add('!inv:hs');
      emitter.emit(RoomEvent.MyMembership, { roomId: '!inv:hs' }, 'join', 'invite');
      emitter.emit(ClientEvent.Sync, SyncState.Syncing);
      await settle();
      expect(sent).toEqual(['t1', 't2']);

      unsubscribe();
      expect(
        emitter.listenerCount(ClientEvent.Room) +
          emitter.listenerCount(ClientEvent.Sync) +
          emitter.listenerCount(RoomEvent.MyMembership),
      ).toBe(0);
    } finally {
      warn.mockRestore();
      outbox.stop();
    }
  });
});
