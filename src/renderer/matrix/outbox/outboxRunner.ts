// Runs the durable outbox: persists every change before acting on it, sends what the state machine
// says is due, schedules retries, and flushes at once when the network comes back. The rules (order,
// fixed transaction ids, which failures are permanent) live in the pure outboxState.ts beside it; the
// storage and the Matrix transport are injected, so this runs the same in tests and in the app.
import { DEFAULT_BACKOFF, type BackoffOptions } from './backoff.ts';
import type { SendError } from './classify.ts';
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
  type OutboxEntry,
  type OutboxState,
} from './outboxState.ts';
import { rendererLogger } from '../../platform/log.ts';

const log = rendererLogger('outbox');

export interface OutboxPersistence {
  load(): Promise<OutboxEntry[]>;
  save(entry: OutboxEntry): Promise<void>;
  remove(txnId: string): Promise<void>;
}

export interface OutboxTransport {
  /** Sends one entry; throws on failure (the error is classified by toSendError). */
  send(entry: OutboxEntry): Promise<void>;
  /** Called when the user deletes an entry, to drop what belongs to it (a queued file's bytes). */
  discard?(entry: OutboxEntry): Promise<void>;
  /** Stops an entry in flight if it still can be (a file still uploading); false when too late. */
  cancel?(entry: OutboxEntry): boolean;
  /** Whether a send failed because it was cancelled (the entry then goes, it is not retried). */
  isCancellation?(error: unknown): boolean;
}

export interface OutboxOptions {
  persistence: OutboxPersistence;
  transport: OutboxTransport;
  toSendError: (error: unknown) => SendError;
  now?: () => number;
  backoff?: BackoffOptions;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export class Outbox {
  private state: OutboxState = EMPTY_OUTBOX;
  private readonly options: Required<OutboxOptions>;
  private readonly listeners = new Set<() => void>();
  private networkAvailable = true;
  private timer: unknown = null;
  private stopped = false;
  private started: Promise<void> | null = null;
  private adding: Promise<void> = Promise.resolve();
  /** Entries in flight the user cancelled: removed when their send stops, whatever the error. */
  private readonly cancelled = new Set<string>();
  /** Bumped on every change, so views can subscribe with useSyncExternalStore. */
  version = 0;

  constructor(options: OutboxOptions) {
    this.options = {
      now: () => Date.now(),
      backoff: { ...DEFAULT_BACKOFF, random: Math.random },
      setTimer: (callback, ms) => setTimeout(callback, ms),
      clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
      ...options,
    };
  }

  /** Loads what the last run left; anything that was in flight is sent again with the same txnId. */
  start(): Promise<void> {
    this.started ??= (async () => {
      const stored = await this.options.persistence.load();
      const nextSequence = stored.reduce((max, e) => Math.max(max, e.sequence + 1), 0);
      const loaded: OutboxState = { entries: stored, nextSequence };
      this.state = recoverAfterRestart(loaded, this.options.now());
      await Promise.all(
        this.state.entries.filter((e, i) => e !== loaded.entries[i]).map((e) => this.options.persistence.save(e)),
      );
      this.changed();
    })().catch((error: unknown) => {
      // A failed load (database busy) must not poison every later add: try again next time.
      this.started = null;
      throw error;
    });
    return this.started;
  }

  entries(): readonly OutboxEntry[] {
    return this.state.entries;
  }

  entriesFor(roomId: string): OutboxEntry[] {
    return this.state.entries
      .filter((e) => e.roomId === roomId)
      .sort((a, b) => a.composedAt - b.composedAt || a.sequence - b.sequence);
  }

  waiting(): number {
    return waitingCount(this.state);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Queues an operation; it is on disk before this resolves, so closing the app cannot lose it. */
  add(entry: NewEntry): Promise<void> {
    // One add at a time, so each gets its own sequence number; sends may change the state meanwhile,
    // so the new entry is put into the state as it is after the write, not as it was before.
    const added = this.adding.then(async () => {
      await this.start();
      const created = enqueue(this.state, entry, this.options.now()).entries.find((e) => e.txnId === entry.txnId);
      if (!created || this.state.entries.some((e) => e.txnId === entry.txnId)) return;
      await this.options.persistence.save(created);
      this.state = {
        entries: [...this.state.entries, created],
        nextSequence: Math.max(this.state.nextSequence, created.sequence + 1),
      };
      this.changed();
    });
    this.adding = added.catch(() => undefined);
    return added;
  }

  async retry(txnId: string): Promise<void> {
    const retried = retryEntry(this.state, txnId, this.options.now()).entries.find((e) => e.txnId === txnId);
    if (!retried || retried.state !== 'queued') return;
    await this.options.persistence.save(retried);
    this.state = retryEntry(this.state, txnId, this.options.now());
    this.changed();
  }

  async remove(txnId: string): Promise<void> {
    const entry = this.state.entries.find((e) => e.txnId === txnId);
    if (!entry || entry.state === 'sending') return; // in flight: it may already have arrived
    await this.options.persistence.remove(txnId);
    await this.options.transport.discard?.(entry);
    this.state = removeEntry(this.state, txnId);
    this.changed();
  }

  /**
   * The user cancels an entry: one waiting is removed; one in flight is stopped if the transport
   * still can (a file uploading) and removed when its send ends. False when it is too late.
   */
  async cancel(txnId: string): Promise<boolean> {
    const entry = this.state.entries.find((e) => e.txnId === txnId);
    if (!entry) return false;
    if (entry.state !== 'sending') {
      await this.remove(txnId);
      return true;
    }
    if (!this.options.transport.cancel?.(entry)) return false;
    this.cancelled.add(txnId);
    return true;
  }

  /** The network came back (or went away). Coming back sends everything queued at once. */
  setNetworkAvailable(available: boolean): void {
    const cameBack = available && !this.networkAvailable;
    this.networkAvailable = available;
    if (cameBack) this.state = retryAllNow(this.state, this.options.now());
    this.pump();
  }

  /** The room's entries were waiting for it to be known (just created or joined): send them now. */
  roomArrived(roomId: string): void {
    const next = retryRoomNow(this.state, roomId, this.options.now());
    if (next === this.state) return;
    this.state = next;
    this.changed();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.options.clearTimer(this.timer);
    this.listeners.clear();
  }

  private changed(): void {
    this.notify();
    this.pump();
  }

  private pump(): void {
    if (this.stopped || !this.started) return;
    if (this.networkAvailable) {
      for (const entry of dueEntries(this.state, this.options.now())) void this.sendOne(entry);
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.timer !== null) this.options.clearTimer(this.timer);
    this.timer = null;
    const wake = nextWakeUp(this.state);
    if (wake === null || !this.networkAvailable) return;
    this.timer = this.options.setTimer(
      () => {
        this.timer = null;
        this.pump();
      },
      Math.max(0, wake - this.options.now()),
    );
  }

  private async sendOne(entry: OutboxEntry): Promise<void> {
    // "Sending" is not written to disk: after a restart an entry is sent again with the same txnId
    // whether it was queued or in flight, so the write would cost a round trip and change nothing.
    this.state = markSending(this.state, entry.txnId);
    const sending = this.state.entries.find((e) => e.txnId === entry.txnId) ?? entry;
    this.notify();
    try {
      await this.options.transport.send(sending);
      if (this.stopped) return;
      this.cancelled.delete(entry.txnId);
      this.state = markSent(this.state, entry.txnId);
      // The room's next entry goes at once; removing this one from disk follows. Should the app stop
      // in between, the entry is sent again after restart and the homeserver deduplicates it.
      this.changed();
      await this.options.persistence.remove(entry.txnId).catch(log.swallow('removing a sent message from the outbox store'));
      await this.options.transport.discard?.(entry);
    } catch (error) {
      if (this.stopped) return;
      if (this.cancelled.delete(entry.txnId) || this.options.transport.isCancellation?.(error)) {
        await this.options.persistence.remove(entry.txnId).catch(log.swallow('removing a cancelled entry from the outbox store'));
        await this.options.transport.discard?.(entry);
        this.state = removeEntry(this.state, entry.txnId);
        this.changed();
        return;
      }
      this.state = markFailed(this.state, entry.txnId, this.options.toSendError(error), this.options.now(), this.options.backoff);
      const failed = this.state.entries.find((e) => e.txnId === entry.txnId);
      // What failed and what happens next, never the content: the console is what support gets.
      log.warn(
        `${entry.kind} ${entry.txnId} failed (${error instanceof Error ? error.name : 'error'}: ${describeError(error)}); ` +
          (failed?.state === 'failed'
            ? 'stopped'
            : `retry in ${Math.max(0, (failed?.nextAttemptAt ?? 0) - this.options.now())} ms`),
      );
      if (failed) await this.options.persistence.save(failed).catch(log.swallow('saving a failed message in the outbox store'));
      this.changed();
    }
  }

  private notify(): void {
    this.version += 1;
    for (const listener of this.listeners) listener();
  }
}

/** The error's status and code, or the SDK's message for local failures; no event content is in either. */
function describeError(error: unknown): string {
  const { httpStatus, errcode } = (error ?? {}) as { httpStatus?: unknown; errcode?: unknown };
  if (typeof httpStatus === 'number') return `HTTP ${httpStatus}${typeof errcode === 'string' ? ` ${errcode}` : ''}`;
  return error instanceof Error ? error.message.slice(0, 200) : 'unknown';
}
