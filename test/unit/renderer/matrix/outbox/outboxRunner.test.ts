// The Outbox class (src/renderer/matrix/outbox/outboxRunner.ts): persistence before visibility, sending in
// order, retries with the same transaction id, timers, network changes and restart recovery. The pure
// rules it drives are tested in test/unit/renderer/matrix/outbox/outbox.test.ts.
import { describe, expect, it, vi } from 'vitest';
import { Outbox } from '../../../../../src/renderer/matrix/outbox/outboxRunner.ts';
import type { SendError } from '../../../../../src/renderer/matrix/outbox/classify.ts';
import type { NewEntry, OutboxEntry } from '../../../../../src/renderer/matrix/outbox/outboxState.ts';
import { FakeClock, FakePersistence, FakeTransport, settle } from '../../../support/offlineFakes.ts';

/** What the homeserver answered with an HTTP status (a MatrixError, in the app). */
class HttpFailure extends Error {
  readonly httpStatus: number;
  readonly retryAfterMs: number | undefined;

  constructor(httpStatus: number, retryAfterMs?: number) {
    super(`HTTP ${httpStatus}`);
    this.httpStatus = httpStatus;
    this.retryAfterMs = retryAfterMs;
  }
}

/** The request never got an answer. */
const networkDown = (): Error => new TypeError('fetch failed');

function toSendErrorImpl(error: unknown): SendError {
  if (error instanceof HttpFailure) {
    return error.retryAfterMs === undefined
      ? { httpStatus: error.httpStatus }
      : { httpStatus: error.httpStatus, retryAfterMs: error.retryAfterMs };
  }
  return {};
}

function msg(txnId: string, roomId = '!a:hs'): NewEntry {
  return {
    txnId,
    roomId,
    kind: 'message',
    eventType: 'm.room.message',
    content: { msgtype: 'm.text', body: `body of ${txnId}` },
  };
}

const BASE_MS = 1_000;

function setup(options: { initial?: readonly OutboxEntry[]; random?: number } = {}) {
  const log: string[] = [];
  const clock = new FakeClock();
  const persistence = new FakePersistence(log, options.initial);
  const transport = new FakeTransport(log);
  const toSendError = vi.fn(toSendErrorImpl);
  const random = options.random ?? 0.5;
  const outbox = new Outbox({
    persistence,
    transport,
    toSendError,
    now: clock.now,
    setTimer: clock.setTimer,
    clearTimer: clock.clearTimer,
    backoff: { baseMs: BASE_MS, capMs: 60_000, random: () => random },
  });
  const entry = (txnId: string): OutboxEntry | undefined => outbox.entries().find((e) => e.txnId === txnId);
  return { log, clock, persistence, transport, toSendError, outbox, entry };
}

describe('Outbox.add', () => {
  it('writes the entry to persistence before it becomes visible or is sent', async () => {
    const { outbox, persistence, transport, log } = setup();
    persistence.holdSaves = true;
    const adding = outbox.add(msg('a1'));
    await settle();
    expect(persistence.held).toHaveLength(1);
    expect(outbox.entries()).toEqual([]);
    expect(outbox.waiting()).toBe(0);
    expect(transport.sent).toEqual([]);

    persistence.releaseAll();
    await adding;
    await settle();
    expect(log.slice(0, 2)).toEqual(['save a1 queued', 'send a1']);
    expect(outbox.entries().map((e) => e.txnId)).toEqual(['a1']);
    expect(transport.sentIds()).toEqual(['a1']);
  });

  it('queues nothing when persistence rejects, and the caller sees the error', async () => {
    const { outbox, persistence, transport } = setup();
    await outbox.start();
    const versionBefore = outbox.version;
    persistence.failSaves = new Error('disk full');
    await expect(outbox.add(msg('a1'))).rejects.toThrow('disk full');
    await settle();
    expect(outbox.entries()).toEqual([]);
    expect(outbox.waiting()).toBe(0);
    expect(outbox.version).toBe(versionBefore);
    expect(transport.sent).toEqual([]);
    expect(persistence.stored.size).toBe(0);
  });

  it('records the composition time from the injected clock and keeps the content as given', async () => {
    const { outbox, clock, persistence, entry } = setup();
    clock.time = 42_000;
    await outbox.add(msg('a1'));
    expect(persistence.stored.get('a1')).toMatchObject({
      txnId: 'a1',
      roomId: '!a:hs',
      composedAt: 42_000,
      content: { msgtype: 'm.text', body: 'body of a1' },
    });
    expect(entry('a1')?.composedAt).toBe(42_000);
  });

  it('ignores a second add with a transaction id already queued', async () => {
    const { outbox, persistence, log } = setup();
    persistence.holdSaves = false;
    await outbox.add(msg('a1'));
    await settle();
    const writes = log.length;
    await outbox.add({ ...msg('a1'), content: { body: 'different' } });
    await settle();
    expect(outbox.entries()).toHaveLength(1);
    expect(log.length).toBe(writes);
  });
});

describe('Outbox sending order', () => {
  it('sends one entry per room at a time, in composition order, rooms in parallel', async () => {
    const { outbox, transport, persistence } = setup();
    await outbox.add(msg('a1'));
    await outbox.add(msg('a2'));
    await outbox.add(msg('b1', '!b:hs'));
    await settle();
    expect(transport.inFlight()).toEqual(['a1', 'b1']);
    expect(transport.sentIds()).not.toContain('a2');

    transport.succeed('b1');
    await settle();
    expect(transport.inFlight()).toEqual(['a1']);
    expect(transport.sentIds()).not.toContain('a2');

    transport.succeed('a1');
    await settle();
    expect(transport.inFlight()).toEqual(['a2']);
    expect(transport.sentIds()).toEqual(['a1', 'b1', 'a2']);
    expect([...persistence.stored.keys()]).toEqual(['a2']);

    transport.succeed('a2');
    await settle();
    expect(outbox.entries()).toEqual([]);
    expect(persistence.stored.size).toBe(0);
    expect(outbox.waiting()).toBe(0);
  });

  it('hands the entry over once it is on disk (in flight is not written), then removes it and discards its data', async () => {
    const { outbox, transport, log } = setup();
    await outbox.add(msg('a1'));
    await settle();
    expect(transport.sent[0]).toMatchObject({ txnId: 'a1', state: 'sending', attempts: 1 });
    transport.succeed('a1');
    await settle();
    expect(log).toEqual(['save a1 queued', 'send a1', 'remove a1', 'discard a1']);
  });

  it('lists a room’s entries in composition order', async () => {
    const { outbox, clock } = setup();
    clock.time = 5_000;
    await outbox.add(msg('a2'));
    clock.time = 4_000;
    await outbox.add(msg('a1'));
    await outbox.add(msg('b1', '!b:hs'));
    expect(outbox.entriesFor('!a:hs').map((e) => e.txnId)).toEqual(['a1', 'a2']);
    expect(outbox.entriesFor('!b:hs').map((e) => e.txnId)).toEqual(['b1']);
    expect(outbox.entriesFor('!c:hs')).toEqual([]);
  });
});

describe('Outbox retries', () => {
  it('retries a transient failure after the backoff, with the same transaction id and content', async () => {
    const { outbox, transport, clock, toSendError, entry } = setup({ random: 0.5 });
    await outbox.add(msg('a1'));
    await settle();
    const failure = networkDown();
    transport.fail('a1', failure);
    await settle();
    expect(toSendError).toHaveBeenCalledWith(failure);
    // First failure: full jitter over baseMs, random 0.5 → 500 ms.
    expect(entry('a1')).toMatchObject({ state: 'queued', attempts: 1, nextAttemptAt: clock.time + BASE_MS / 2 });
    expect(clock.pending()).toEqual([BASE_MS / 2]);

    await clock.advance(BASE_MS / 2 - 1);
    expect(transport.sent).toHaveLength(1);
    expect(transport.inFlight()).toEqual([]);

    await clock.advance(1);
    expect(transport.sent).toHaveLength(2);
    expect(transport.sent[1]).toMatchObject({ txnId: 'a1', attempts: 2, content: { msgtype: 'm.text', body: 'body of a1' } });
  });

  it('backs off exponentially on repeated transient failures (5xx counts as transient)', async () => {
    const { outbox, transport, clock } = setup({ random: 0.5 });
    await outbox.add(msg('a1'));
    await settle();
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 4; attempt++) {
      transport.fail('a1', new HttpFailure(502));
      await settle();
      const [delay] = clock.pending();
      if (delay === undefined) throw new Error('no retry scheduled');
      delays.push(delay);
      await clock.advance(delay);
      expect(transport.sent).toHaveLength(attempt + 1);
    }
    expect(delays).toEqual([500, 1_000, 2_000, 4_000]);
    expect(new Set(transport.sentIds())).toEqual(new Set(['a1']));
  });

  it('waits what a rate limit asks for instead of the backoff', async () => {
    const { outbox, transport, clock } = setup({ random: 0.5 });
    await outbox.add(msg('a1'));
    await settle();
    transport.fail('a1', new HttpFailure(429, 7_000));
    await settle();
    expect(clock.pending()).toEqual([7_000]);
    await clock.advance(6_999);
    expect(transport.sent).toHaveLength(1);
    await clock.advance(1);
    expect(transport.sent).toHaveLength(2);
  });

  it('keeps a room blocked behind an entry waiting to be retried (order is preserved)', async () => {
    const { outbox, transport } = setup({ random: 0.5 });
    await outbox.add(msg('a1'));
    await outbox.add(msg('a2'));
    await settle();
    transport.fail('a1', networkDown());
    await settle();
    expect(transport.sentIds()).toEqual(['a1']);
    // The network coming back makes everything due at once; a2 still waits for a1.
    outbox.setNetworkAvailable(false);
    outbox.setNetworkAvailable(true);
    await settle();
    expect(transport.sentIds()).toEqual(['a1', 'a1']);
    transport.succeed('a1');
    await settle();
    expect(transport.sentIds()).toEqual(['a1', 'a1', 'a2']);
  });
});

describe('Outbox and the network', () => {
  it('sends nothing while the network is away and everything at once when it comes back', async () => {
    const { outbox, transport, clock, entry } = setup({ random: 0.99 });
    await outbox.add(msg('a1'));
    await outbox.add(msg('b1', '!b:hs'));
    await settle();
    transport.fail('a1', networkDown());
    transport.fail('b1', networkDown());
    await settle();
    expect(entry('a1')?.nextAttemptAt).toBeGreaterThan(clock.time);

    outbox.setNetworkAvailable(false);
    expect(clock.pending()).toEqual([]);
    await outbox.add(msg('c1', '!c:hs'));
    await clock.advance(10 * 60_000);
    expect(transport.sent).toHaveLength(2);
    expect(outbox.waiting()).toBe(3);

    // Back well before the backoff would have ended: no waiting.
    const sentBefore = transport.sent.length;
    outbox.setNetworkAvailable(true);
    await settle();
    expect(transport.inFlight()).toEqual(['a1', 'b1', 'c1']);
    expect(transport.sent.slice(sentBefore).map((e) => e.txnId)).toEqual(expect.arrayContaining(['a1', 'b1', 'c1']));
    expect(transport.sent.find((e) => e.txnId === 'a1' && e.attempts === 2)).toBeDefined();
  });

  it('cuts a backoff short when the network comes back', async () => {
    const { outbox, transport, clock } = setup({ random: 0.99 });
    await outbox.add(msg('a1'));
    await settle();
    outbox.setNetworkAvailable(false);
    transport.fail('a1', networkDown());
    await settle();
    expect(clock.pending()).toEqual([]);
    outbox.setNetworkAvailable(true);
    await settle();
    expect(transport.inFlight()).toEqual(['a1']);
    expect(transport.sent).toHaveLength(2);
  });

  it('does not flush again when told the network is available while it already was', async () => {
    const { outbox, transport, clock } = setup({ random: 0.99 });
    await outbox.add(msg('a1'));
    await settle();
    transport.fail('a1', networkDown());
    await settle();
    outbox.setNetworkAvailable(true);
    await settle();
    expect(transport.inFlight()).toEqual([]);
    expect(clock.pending()).toHaveLength(1);
  });
});

describe('Outbox permanent failures', () => {
  it('marks a 403 failed without blocking the rest of the room; retry re-queues it with the same txnId', async () => {
    const { outbox, transport, persistence, clock, entry } = setup();
    await outbox.add(msg('a1'));
    await outbox.add(msg('a2'));
    await settle();
    transport.fail('a1', new HttpFailure(403));
    await settle();
    expect(entry('a1')).toMatchObject({ state: 'failed', failure: 'forbidden' });
    expect(persistence.stored.get('a1')).toMatchObject({ state: 'failed', failure: 'forbidden' });
    expect(transport.inFlight()).toEqual(['a2']);
    expect(outbox.waiting()).toBe(1);

    transport.succeed('a2');
    await settle();
    expect(outbox.waiting()).toBe(0);
    expect(outbox.entries().map((e) => e.txnId)).toEqual(['a1']);
    // A failed entry is not retried by the timer.
    await clock.advance(60 * 60_000);
    expect(transport.sentIds()).toEqual(['a1', 'a2']);

    await outbox.retry('a1');
    await settle();
    expect(transport.sentIds()).toEqual(['a1', 'a2', 'a1']);
    expect(transport.sent[2]).toMatchObject({ txnId: 'a1', attempts: 2 });
    expect(entry('a1')?.failure).toBeUndefined();
    transport.succeed('a1');
    await settle();
    expect(outbox.entries()).toEqual([]);
  });

  it('does not come back on a network return', async () => {
    const { outbox, transport } = setup();
    await outbox.add(msg('a1'));
    await settle();
    transport.fail('a1', new HttpFailure(413));
    await settle();
    outbox.setNetworkAvailable(false);
    outbox.setNetworkAvailable(true);
    await settle();
    expect(transport.sent).toHaveLength(1);
    expect(outbox.entries()[0]).toMatchObject({ state: 'failed', failure: 'too-large' });
  });

  it('remove deletes a failed entry from persistence and discards its data', async () => {
    const { outbox, transport, persistence, log } = setup();
    await outbox.add(msg('a1'));
    await settle();
    transport.fail('a1', new HttpFailure(403));
    await settle();
    await outbox.remove('a1');
    expect(outbox.entries()).toEqual([]);
    expect(persistence.stored.has('a1')).toBe(false);
    expect(log.slice(-2)).toEqual(['remove a1', 'discard a1']);
    expect(transport.discarded.map((e) => e.txnId)).toEqual(['a1']);
  });

  it('remove refuses an entry in flight, but removes a queued one behind it', async () => {
    const { outbox, transport, persistence } = setup();
    await outbox.add(msg('a1'));
    await outbox.add(msg('a2'));
    await settle();
    expect(transport.inFlight()).toEqual(['a1']);

    await outbox.remove('a1');
    expect(outbox.entries().map((e) => e.txnId)).toEqual(['a1', 'a2']);
    expect(persistence.stored.has('a1')).toBe(true);
    expect(transport.discarded).toEqual([]);

    await outbox.remove('a2');
    expect(outbox.entries().map((e) => e.txnId)).toEqual(['a1']);
    expect(persistence.stored.has('a2')).toBe(false);

    transport.succeed('a1');
    await settle();
    expect(transport.sentIds()).toEqual(['a1']);
  });

  it('remove of an unknown txnId does nothing', async () => {
    const { outbox, log } = setup();
    await outbox.start();
    await outbox.remove('nope');
    expect(log).toEqual([]);
  });
});

describe('Outbox restart recovery', () => {
  const stored = (overrides: Partial<OutboxEntry>): OutboxEntry => ({
    ...msg('a1'),
    composedAt: 500,
    sequence: 4,
    state: 'queued',
    attempts: 0,
    nextAttemptAt: 500,
    ...overrides,
  });

  it('sends an entry left "sending" again with the same txnId after start()', async () => {
    const { outbox, transport, persistence, log } = setup({
      initial: [stored({ txnId: 'lost-answer', state: 'sending', attempts: 1, nextAttemptAt: 999_999_999 })],
    });
    expect(transport.sent).toEqual([]);
    await outbox.start();
    await settle();
    expect(log.slice(0, 2)).toEqual(['save lost-answer queued', 'send lost-answer']);
    expect(transport.sent).toHaveLength(1);
    expect(transport.sent[0]).toMatchObject({ txnId: 'lost-answer', attempts: 2, content: { body: 'body of a1' } });
    transport.succeed('lost-answer');
    await settle();
    expect(persistence.stored.size).toBe(0);
  });

  it('keeps failed entries failed and numbers new entries after the stored ones', async () => {
    const { outbox, transport, entry } = setup({
      initial: [stored({ txnId: 'f', state: 'failed', failure: 'forbidden', sequence: 7 })],
    });
    await outbox.start();
    await settle();
    expect(transport.sent).toEqual([]);
    expect(outbox.waiting()).toBe(0);
    await outbox.add(msg('new'));
    expect(entry('new')?.sequence).toBe(8);
  });

  it('sends nothing before start() and loads only once', async () => {
    const { outbox, transport, persistence } = setup({ initial: [stored({})] });
    const load = vi.spyOn(persistence, 'load');
    outbox.setNetworkAvailable(false);
    outbox.setNetworkAvailable(true);
    await settle();
    expect(transport.sent).toEqual([]);
    await Promise.all([outbox.start(), outbox.start()]);
    await outbox.add(msg('a2'));
    expect(load).toHaveBeenCalledTimes(1);
  });
});

describe('Outbox observers and lifecycle', () => {
  it('bumps version and notifies subscribers on every change; unsubscribe stops notifications', async () => {
    const { outbox, transport } = setup();
    const listener = vi.fn();
    const unsubscribe = outbox.subscribe(listener);
    await outbox.start();
    const afterStart = outbox.version;
    expect(afterStart).toBeGreaterThan(0);
    expect(listener).toHaveBeenCalledTimes(afterStart);

    await outbox.add(msg('a1'));
    await settle();
    expect(outbox.version).toBeGreaterThan(afterStart);
    expect(listener).toHaveBeenCalledTimes(outbox.version);

    unsubscribe();
    const calls = listener.mock.calls.length;
    const before = outbox.version;
    transport.succeed('a1');
    await settle();
    expect(outbox.version).toBeGreaterThan(before);
    expect(listener).toHaveBeenCalledTimes(calls);
  });

  it('waiting() counts queued and in-flight entries, not failed ones', async () => {
    const { outbox, transport } = setup();
    await outbox.add(msg('a1'));
    await outbox.add(msg('a2'));
    await outbox.add(msg('b1', '!b:hs'));
    await settle();
    expect(outbox.waiting()).toBe(3);
    transport.fail('b1', new HttpFailure(404));
    await settle();
    expect(outbox.waiting()).toBe(2);
    expect(outbox.entries()).toHaveLength(3);
  });

  it('stop() clears the retry timer and sends nothing more', async () => {
    const { outbox, transport, clock } = setup();
    const listener = vi.fn();
    outbox.subscribe(listener);
    await outbox.add(msg('a1'));
    await settle();
    transport.fail('a1', networkDown());
    await settle();
    expect(clock.pending()).toHaveLength(1);

    outbox.stop();
    expect(clock.pending()).toEqual([]);
    const notified = listener.mock.calls.length;
    await clock.advance(60 * 60_000);
    outbox.setNetworkAvailable(false);
    outbox.setNetworkAvailable(true);
    await outbox.add(msg('a2'));
    await settle();
    expect(transport.sent).toHaveLength(1);
    expect(listener).toHaveBeenCalledTimes(notified);
  });

  it('stop() during a send leaves the entry on disk for the next run', async () => {
    const { outbox, transport, persistence } = setup();
    await outbox.add(msg('a1'));
    await settle();
    outbox.stop();
    transport.succeed('a1');
    await settle();
    // In flight is not written to disk: the entry is there as queued and goes again after restart.
    expect(persistence.stored.get('a1')).toMatchObject({ txnId: 'a1', state: 'queued' });
  });
});

// Regression tests for defects found while writing these tests (now fixed).
describe('Outbox regressions', () => {
  it('keeps both entries when two add() calls overlap (slow persistence)', async () => {
    const { outbox, persistence } = setup();
    await outbox.start();
    persistence.holdSaves = true;
    const first = outbox.add(msg('a1'));
    const second = outbox.add(msg('b1', '!b:hs'));
    await settle();
    persistence.releaseAll();
    await Promise.all([first, second]);
    await settle();
    // Both are on disk; the second add() overwrote the in-memory state computed by the first.
    expect(persistence.stored.size).toBe(2);
    expect(
      outbox
        .entries()
        .map((e) => e.txnId)
        .sort(),
    ).toEqual(['a1', 'b1']);
  });

  it('does not resurrect a sent entry when an add() overlaps its send (room stays blocked)', async () => {
    const { outbox, persistence, transport } = setup();
    await outbox.add(msg('a1'));
    await settle();
    expect(transport.inFlight()).toEqual(['a1']);
    persistence.holdSaves = true;
    const adding = outbox.add(msg('a2'));
    await settle();
    transport.succeed('a1');
    await settle();
    persistence.releaseAll();
    await adding;
    await settle();
    // a1 is back in memory as 'sending' with nothing in flight, so a2 is never sent.
    expect(outbox.entries().map((e) => e.txnId)).toEqual(['a2']);
    expect(transport.sentIds()).toEqual(['a1', 'a2']);
  });

  it('arms no timer while the only queued entries wait behind one in flight (no 0 ms spin)', async () => {
    const { outbox, transport, clock } = setup();
    await outbox.add(msg('a1'));
    await outbox.add(msg('a2'));
    await settle();
    expect(transport.inFlight()).toEqual(['a1']);
    // nextWakeUp() counts a2 (due since it was composed) although it cannot be sent before a1 ends,
    // so the outbox re-arms a 0 ms timer, forever, for as long as a1 is in flight.
    expect(clock.pending()).toEqual([]);
    await clock.advance(0, 20);
  });

  it('arms the retry timer for the backoff, not 0 ms, when a later entry of the room is queued', async () => {
    const { outbox, transport, clock } = setup({ random: 0.5 });
    await outbox.add(msg('a1'));
    await outbox.add(msg('a2'));
    await settle();
    transport.fail('a1', networkDown());
    await settle();
    // a2 looks due to nextWakeUp(), so the timer fires at once and re-arms itself until a1's 500 ms
    // backoff ends: a busy loop (about every 4 ms with real timers, for up to a minute at the cap).
    expect(clock.pending()).toEqual([BASE_MS / 2]);
    expect(await clock.advance(BASE_MS / 2, 20)).toBe(1);
    expect(transport.sentIds()).toEqual(['a1', 'a1']);
  });
});

describe('Outbox.cancel', () => {
  it('removes an entry still waiting, and drops what belongs to it', async () => {
    const { outbox, transport, persistence } = setup();
    outbox.setNetworkAvailable(false);
    await outbox.add(msg('c1'));
    expect(await outbox.cancel('c1')).toBe(true);
    expect(outbox.entries()).toEqual([]);
    expect(transport.discarded.map((e) => e.txnId)).toEqual(['c1']);
    expect(persistence.stored.has('c1')).toBe(false);
  });

  it('stops an entry in flight when the transport can, and removes it instead of retrying it', async () => {
    const { outbox, transport, persistence } = setup();
    const cancel = vi.fn(() => true);
    transport.cancel = cancel;
    await outbox.add(msg('c2'));
    await settle();
    expect(transport.inFlight()).toEqual(['c2']);
    expect(await outbox.cancel('c2')).toBe(true);
    expect(cancel).toHaveBeenCalledOnce();
    transport.fail('c2', new Error('aborted'));
    await settle();
    expect(outbox.entries()).toEqual([]);
    expect(persistence.stored.has('c2')).toBe(false);
    expect(transport.sentIds()).toEqual(['c2']);
  });

  it('says it is too late when the transport cannot stop the send, and the entry goes as usual', async () => {
    const { outbox, transport } = setup();
    transport.cancel = () => false;
    await outbox.add(msg('c3'));
    await settle();
    expect(await outbox.cancel('c3')).toBe(false);
    transport.succeed('c3');
    await settle();
    expect(outbox.entries()).toEqual([]);
  });
});
