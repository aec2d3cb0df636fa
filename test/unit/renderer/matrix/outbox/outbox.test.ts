import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from '../../../../../src/renderer/matrix/outbox/backoff.ts';
import { classifySendError } from '../../../../../src/renderer/matrix/outbox/classify.ts';
import { cameBackOnline, connectivityFrom } from '../../../../../src/renderer/matrix/connectivityRules.ts';
import {
  dueEntries,
  EMPTY_OUTBOX,
  enqueue,
  markFailed,
  markSending,
  markSent,
  nextWakeUp,
  recoverAfterRestart,
  removeEntry,
  retryAllNow,
  retryEntry,
  retryRoomNow,
  waitingCount,
  type NewEntry,
  type OutboxState,
} from '../../../../../src/renderer/matrix/outbox/outboxState.ts';

const backoff = { ...DEFAULT_BACKOFF, random: () => 0.5 };

function msg(txnId: string, roomId = '!a:hs'): NewEntry {
  return { txnId, roomId, kind: 'message', eventType: 'm.room.message', content: { msgtype: 'm.text', body: txnId } };
}

function queue(...entries: NewEntry[]): OutboxState {
  return entries.reduce((s, e) => enqueue(s, e, 1_000), EMPTY_OUTBOX);
}

describe('outbox ordering', () => {
  it('sends one entry per room at a time, in composition order, rooms in parallel', () => {
    const s = queue(msg('a1'), msg('b1', '!b:hs'), msg('a2'), msg('a3'));
    expect(dueEntries(s, 1_000).map((e) => e.txnId)).toEqual(['a1', 'b1']);
    const sending = markSending(s, 'a1');
    expect(dueEntries(sending, 1_000).map((e) => e.txnId)).toEqual(['b1']);
    const sent = markSent(sending, 'a1');
    expect(
      dueEntries(sent, 1_000)
        .map((e) => e.txnId)
        .sort(),
    ).toEqual(['a2', 'b1']);
  });

  it('keeps the transaction id of the composed message through every retry', () => {
    let s = queue(msg('txn-fixed'));
    for (let i = 0; i < 5; i++) {
      s = markSending(s, 'txn-fixed');
      s = markFailed(s, 'txn-fixed', {}, 1_000, backoff);
      s = retryAllNow(s, 2_000);
    }
    expect(dueEntries(s, 2_000).map((e) => e.txnId)).toEqual(['txn-fixed']);
    expect(s.entries[0]?.attempts).toBe(5);
  });

  it('ignores a second enqueue of the same transaction id', () => {
    expect(enqueue(queue(msg('x')), msg('x'), 5).entries).toHaveLength(1);
  });
});

describe('failures', () => {
  it('a network error backs off, and coming back online sends at once', () => {
    let s = markSending(queue(msg('a')), 'a');
    s = markFailed(s, 'a', {}, 10_000, backoff);
    expect(dueEntries(s, 10_000)).toEqual([]);
    expect(nextWakeUp(s)).toBe(10_000 + 500);
    s = retryAllNow(s, 10_100);
    expect(dueEntries(s, 10_100).map((e) => e.txnId)).toEqual(['a']);
  });

  it('a room arriving ends only the waits it caused: its own entries that found the room not ready', () => {
    let s = queue(msg('a'), msg('b', '!b:hs'), msg('c', '!c:hs'), msg('d', '!d:hs'));
    for (const id of ['a', 'b']) s = markFailed(markSending(s, id), id, { roomNotReady: true }, 10_000, backoff);
    s = markFailed(markSending(s, 'c'), 'c', { httpStatus: 403 }, 10_000, backoff);
    s = markFailed(markSending(s, 'd'), 'd', { httpStatus: 429, retryAfterMs: 5_000 }, 10_000, backoff);
    const arrived = retryRoomNow(s, '!a:hs', 10_001);
    expect(dueEntries(arrived, 10_001).map((e) => e.txnId)).toEqual(['a']);
    expect(arrived.entries.find((e) => e.txnId === 'b')).toEqual(s.entries.find((e) => e.txnId === 'b'));
    // A permanent failure stays failed, and a rate limit's Retry-After is honoured.
    expect(retryRoomNow(s, '!c:hs', 10_001)).toBe(s);
    expect(retryRoomNow(s, '!d:hs', 10_001)).toBe(s);
    expect(retryRoomNow(arrived, '!a:hs', 10_002)).toBe(arrived);
    expect(retryRoomNow(s, '!unknown:hs', 10_001)).toBe(s);
  });

  it('forgets that an entry waited for its room once a later try fails for another reason', () => {
    let s = markFailed(markSending(queue(msg('a')), 'a'), 'a', { roomNotReady: true }, 10_000, backoff);
    expect(s.entries[0]?.waitingForRoom).toBe(true);
    s = markFailed(markSending(retryAllNow(s, 10_500), 'a'), 'a', { httpStatus: 502 }, 10_500, backoff);
    expect(s.entries[0]?.waitingForRoom).toBeUndefined();
    expect(retryRoomNow(s, '!a:hs', 10_501)).toBe(s);
  });

  it('a 403 fails that message only: it stays, marked failed, and the next one goes', () => {
    let s = queue(msg('bad'), msg('good'));
    s = markSending(s, 'bad');
    s = markFailed(s, 'bad', { httpStatus: 403, errcode: 'M_FORBIDDEN' }, 1_000, backoff);
    expect(s.entries.find((e) => e.txnId === 'bad')).toMatchObject({ state: 'failed', failure: 'forbidden' });
    expect(dueEntries(s, 1_000).map((e) => e.txnId)).toEqual(['good']);
    expect(waitingCount(s)).toBe(1);
  });

  it('Retry puts a failed entry back in the queue; Delete removes it', () => {
    let s = markFailed(markSending(queue(msg('x')), 'x'), 'x', { httpStatus: 413 }, 1_000, backoff);
    s = retryEntry(s, 'x', 2_000);
    expect(s.entries[0]).toMatchObject({ state: 'queued', nextAttemptAt: 2_000, failure: undefined });
    expect(removeEntry(s, 'x').entries).toEqual([]);
  });

  it('honours the server retry_after_ms on rate limits', () => {
    const s = markFailed(markSending(queue(msg('x')), 'x'), 'x', { httpStatus: 429, retryAfterMs: 7_000 }, 1_000, backoff);
    expect(s.entries[0]?.nextAttemptAt).toBe(8_000);
  });

  it('after a restart, an entry that was in flight is sent again with the same txnId', () => {
    const s = recoverAfterRestart(markSending(queue(msg('x')), 'x'), 50_000);
    expect(dueEntries(s, 50_000)).toMatchObject([{ txnId: 'x', state: 'queued' }]);
  });
});

describe('classifySendError', () => {
  it.each([
    [{}, 'transient'],
    [{ httpStatus: 502 }, 'transient'],
    [{ httpStatus: 429 }, 'transient'],
    [{ httpStatus: 401, errcode: 'M_UNKNOWN_TOKEN' }, 'transient'],
    [{ httpStatus: 403, errcode: 'M_FORBIDDEN' }, 'permanent'],
    [{ httpStatus: 413, errcode: 'M_TOO_LARGE' }, 'permanent'],
    [{ httpStatus: 404 }, 'permanent'],
    [{ httpStatus: 400, errcode: 'M_BAD_JSON' }, 'permanent'],
  ] as const)('%o is %s', (error, kind) => {
    expect(classifySendError(error).kind).toBe(kind);
  });
});

describe('backoff', () => {
  it('grows exponentially up to the cap, scaled by jitter', () => {
    const max = { ...DEFAULT_BACKOFF, random: () => 0.999999 };
    expect(backoffDelay(0, max)).toBe(999);
    expect(backoffDelay(3, max)).toBe(7_999);
    expect(backoffDelay(20, max)).toBe(59_999);
    expect(backoffDelay(1_000, max)).toBe(59_999);
    expect(backoffDelay(5, { ...DEFAULT_BACKOFF, random: () => 0 })).toBe(0);
  });

  it('spreads retries: different random draws give different delays', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(6, { ...DEFAULT_BACKOFF, random })));
    expect(delays.size).toBeGreaterThan(40);
  });
});

describe('connectivity', () => {
  it('combines sync, browser and system signals', () => {
    expect(connectivityFrom({ browserOnline: true, systemOnline: null, sync: 'syncing' })).toBe('online');
    expect(connectivityFrom({ browserOnline: false, systemOnline: null, sync: 'syncing' })).toBe('offline');
    expect(connectivityFrom({ browserOnline: true, systemOnline: false, sync: 'syncing' })).toBe('offline');
    expect(connectivityFrom({ browserOnline: true, systemOnline: true, sync: 'error' })).toBe('offline');
    expect(connectivityFrom({ browserOnline: true, systemOnline: true, sync: 'starting' })).toBe('connecting');
    expect(cameBackOnline('offline', 'online')).toBe(true);
    expect(cameBackOnline('online', 'online')).toBe(false);
  });
});
