// Test doubles for the offline modules: a manual clock, an in-memory outbox persistence that logs
// every write, a transport whose sends are settled by the test, and an in-memory EncryptedDb.
//
// The DOM lib: encryptedDb.ts (imported here for its types) is renderer code that names IndexedDB and
// WebCrypto types, and tsconfig.node.json, which type-checks test/, has only the ES and Node libs.
import type { OutboxPersistence, OutboxTransport } from '../../../src/renderer/matrix/outbox/outboxRunner.ts';
import type { OutboxEntry } from '../../../src/renderer/matrix/outbox/outboxState.ts';
import type { EncryptedDb, StoreName } from '../../../src/renderer/storage/encryptedDb.ts';

/** Lets every pending promise callback run (the fakes below settle within a few microtasks). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

export interface Deferred<T = void> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

interface FakeTimer {
  id: number;
  at: number;
  ms: number;
  callback: () => void;
}

/** A clock and timer queue that only move when the test says so. */
export class FakeClock {
  time = 1_000_000;
  /** Every delay ever requested, in order. */
  readonly requested: number[] = [];
  private timers: FakeTimer[] = [];
  private nextId = 1;

  now = (): number => this.time;

  setTimer = (callback: () => void, ms: number): unknown => {
    const timer = { id: this.nextId++, at: this.time + ms, ms, callback };
    this.timers.push(timer);
    this.requested.push(ms);
    return timer.id;
  };

  clearTimer = (handle: unknown): void => {
    this.timers = this.timers.filter((t) => t.id !== handle);
  };

  /** Delays of the timers currently armed. */
  pending(): number[] {
    return this.timers.map((t) => t.at - this.time);
  }

  /**
   * Moves time forward by ms, firing every timer that falls due on the way (in time order), letting
   * promises settle after each. Throws after maxFirings, so a timer that re-arms itself at 0 ms
   * cannot hang the test.
   */
  async advance(ms: number, maxFirings = 100): Promise<number> {
    const target = this.time + ms;
    let fired = 0;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      if (++fired > maxFirings) throw new Error(`more than ${maxFirings} timers fired`);
      this.timers = this.timers.filter((t) => t !== due);
      this.time = Math.max(this.time, due.at);
      due.callback();
      await settle();
    }
    this.time = target;
    await settle();
    return fired;
  }
}

export type LogLine = string;

/** In-memory persistence; `log` records every write in order ("save txn state", "remove txn"). */
export class FakePersistence implements OutboxPersistence {
  readonly stored = new Map<string, OutboxEntry>();
  /** When set, save() waits for the test to release it (see `held`). */
  holdSaves = false;
  readonly held: Deferred[] = [];
  /** When set, save() rejects with this error. */
  failSaves: Error | null = null;

  readonly log: LogLine[];

  constructor(log: LogLine[] = [], initial: readonly OutboxEntry[] = []) {
    this.log = log;
    for (const entry of initial) this.stored.set(entry.txnId, structuredClone(entry));
  }

  load(): Promise<OutboxEntry[]> {
    return Promise.resolve([...this.stored.values()].map((e) => structuredClone(e)));
  }

  async save(entry: OutboxEntry): Promise<void> {
    if (this.failSaves) throw this.failSaves;
    const copy = structuredClone(entry);
    if (this.holdSaves) {
      const gate = deferred();
      this.held.push(gate);
      await gate.promise;
    }
    this.log.push(`save ${copy.txnId} ${copy.state}`);
    this.stored.set(copy.txnId, copy);
  }

  remove(txnId: string): Promise<void> {
    this.log.push(`remove ${txnId}`);
    this.stored.delete(txnId);
    return Promise.resolve();
  }

  releaseAll(): void {
    this.holdSaves = false;
    for (const gate of this.held.splice(0)) gate.resolve();
  }
}

/** A transport whose sends stay pending until the test resolves or rejects them. */
export class FakeTransport implements OutboxTransport {
  /** Every entry handed to send(), as it was then. */
  readonly sent: OutboxEntry[] = [];
  readonly discarded: OutboxEntry[] = [];
  /** Set by a test to let in-flight entries be cancelled (a file still uploading). */
  cancel?: (entry: OutboxEntry) => boolean;
  private readonly pendingSends = new Map<string, Deferred>();

  readonly log: LogLine[];

  constructor(log: LogLine[] = []) {
    this.log = log;
  }

  send(entry: OutboxEntry): Promise<void> {
    if (this.pendingSends.has(entry.txnId)) throw new Error(`${entry.txnId} sent twice concurrently`);
    this.sent.push(structuredClone(entry));
    this.log.push(`send ${entry.txnId}`);
    const d = deferred();
    this.pendingSends.set(entry.txnId, d);
    return d.promise;
  }

  discard(entry: OutboxEntry): Promise<void> {
    this.log.push(`discard ${entry.txnId}`);
    this.discarded.push(structuredClone(entry));
    return Promise.resolve();
  }

  inFlight(): string[] {
    return [...this.pendingSends.keys()].sort();
  }

  sentIds(): string[] {
    return this.sent.map((e) => e.txnId);
  }

  succeed(txnId: string): void {
    this.take(txnId).resolve();
  }

  fail(txnId: string, error: unknown): void {
    this.take(txnId).reject(error);
  }

  private take(txnId: string): Deferred {
    const d = this.pendingSends.get(txnId);
    if (!d) throw new Error(`${txnId} is not in flight`);
    this.pendingSends.delete(txnId);
    return d;
  }
}

/** An EncryptedDb kept in memory, with values deep-copied as the JSON round trip would. */
export class FakeEncryptedDb implements EncryptedDb {
  readonly stores = new Map<StoreName, Map<string, unknown>>();
  readonly calls: string[] = [];
  failGets: Error | null = null;
  closed = false;

  private store(name: StoreName): Map<string, unknown> {
    let store = this.stores.get(name);
    if (!store) {
      store = new Map();
      this.stores.set(name, store);
    }
    return store;
  }

  put(store: StoreName, key: string, value: unknown): Promise<void> {
    this.calls.push(`put ${store} ${key}`);
    this.store(store).set(key, JSON.parse(JSON.stringify(value)) as unknown);
    return Promise.resolve();
  }

  get(store: StoreName, key: string): Promise<unknown> {
    this.calls.push(`get ${store} ${key}`);
    if (this.failGets) return Promise.reject(this.failGets);
    const value = this.store(store).get(key);
    return Promise.resolve(value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown));
  }

  getAll(store: StoreName): Promise<{ key: string; value: unknown }[]> {
    return Promise.resolve([...this.store(store).entries()].map(([key, value]) => ({ key, value })));
  }

  putBytes(store: StoreName, key: string, bytes: ArrayBuffer): Promise<void> {
    this.store(store).set(key, bytes.slice(0));
    return Promise.resolve();
  }

  getBytes(store: StoreName, key: string): Promise<ArrayBuffer | undefined> {
    const value = this.store(store).get(key);
    return Promise.resolve(value instanceof ArrayBuffer ? value : undefined);
  }

  delete(store: StoreName, key: string): Promise<void> {
    this.calls.push(`delete ${store} ${key}`);
    this.store(store).delete(key);
    return Promise.resolve();
  }

  close(): void {
    this.closed = true;
  }
}
