// The durable outbox's state machine, pure: what is queued, what may be sent now, and what happens
// on success or failure. Storage (IndexedDB, encrypted) and sending (matrix-js-sdk) live elsewhere
// and drive this. Invariants:
// - each entry keeps the transaction id fixed when it was composed, so a retry is deduplicated by the
//   homeserver and every message arrives exactly once;
// - within a room, entries are sent one at a time in composition order; a permanently failed entry
//   no longer blocks the ones after it;
// - nothing is dropped: only the user deletes an entry.
import { backoffDelay, type BackoffOptions } from './backoff.ts';
import { classifySendError, type PermanentReason, type SendError } from './classify.ts';

export type OutboxKind = 'message' | 'reply' | 'edit' | 'reaction' | 'redaction' | 'file';

export interface OutboxEntry {
  txnId: string;
  roomId: string;
  kind: OutboxKind;
  eventType: string;
  content: Readonly<Record<string, unknown>>;
  /** For redactions: the event being redacted. */
  redacts?: string;
  composedAt: number;
  /** Orders entries composed in the same millisecond. */
  sequence: number;
  state: 'queued' | 'sending' | 'failed';
  attempts: number;
  nextAttemptAt: number;
  failure?: PermanentReason;
  /** The last try found the room not ready yet: the room's arrival ends the wait (retryRoomNow). */
  waitingForRoom?: boolean;
}

export interface OutboxState {
  entries: readonly OutboxEntry[];
  nextSequence: number;
}

export const EMPTY_OUTBOX: OutboxState = { entries: [], nextSequence: 0 };

export type NewEntry = Pick<OutboxEntry, 'txnId' | 'roomId' | 'kind' | 'eventType' | 'content' | 'redacts'>;

export function enqueue(state: OutboxState, entry: NewEntry, now: number): OutboxState {
  if (state.entries.some((e) => e.txnId === entry.txnId)) return state;
  const created: OutboxEntry = {
    ...entry,
    composedAt: now,
    sequence: state.nextSequence,
    state: 'queued',
    attempts: 0,
    nextAttemptAt: now,
  };
  return { entries: [...state.entries, created], nextSequence: state.nextSequence + 1 };
}

function byComposition(a: OutboxEntry, b: OutboxEntry): number {
  return a.composedAt - b.composedAt || a.sequence - b.sequence;
}

/** Per room, the oldest entry not failed: the only one that may be in flight or sent next. */
function roomHeads(state: OutboxState): Map<string, OutboxEntry> {
  const heads = new Map<string, OutboxEntry>();
  for (const entry of [...state.entries].sort(byComposition)) {
    if (entry.state === 'failed' || heads.has(entry.roomId)) continue;
    heads.set(entry.roomId, entry);
  }
  return heads;
}

/** Entries to send now: per room, the oldest entry not failed, if it is due and not already in flight. */
export function dueEntries(state: OutboxState, now: number): OutboxEntry[] {
  return [...roomHeads(state).values()].filter((e) => e.state === 'queued' && e.nextAttemptAt <= now);
}

export function markSending(state: OutboxState, txnId: string): OutboxState {
  return update(state, txnId, (e) => ({ ...e, state: 'sending', attempts: e.attempts + 1 }));
}

export function markSent(state: OutboxState, txnId: string): OutboxState {
  return { ...state, entries: state.entries.filter((e) => e.txnId !== txnId) };
}

export function markFailed(
  state: OutboxState,
  txnId: string,
  error: SendError,
  now: number,
  backoff: BackoffOptions,
): OutboxState {
  const verdict = classifySendError(error);
  return update(state, txnId, (e) => {
    if (verdict.kind === 'permanent') return { ...e, state: 'failed', failure: verdict.reason };
    // attempts counts this failed try: the first failure waits up to baseMs.
    const delay = verdict.retryAfterMs ?? backoffDelay(e.attempts - 1, backoff);
    return { ...e, state: 'queued', nextAttemptAt: now + delay, waitingForRoom: error.roomNotReady === true ? true : undefined };
  });
}

/** The network came back: everything queued is due at once (no waiting out the backoff). */
export function retryAllNow(state: OutboxState, now: number): OutboxState {
  return { ...state, entries: state.entries.map((e) => (e.state === 'queued' ? { ...e, nextAttemptAt: now } : e)) };
}

/**
 * What a room's entries were waiting for has happened (sync brought the room after it was created or
 * joined): those whose last try found the room not ready are due now instead of after their backoff.
 * Waits with another cause (a rate limit's Retry-After, a server error's backoff) are left alone.
 * Unchanged state when nothing in that room was waiting for it, so callers can skip the write.
 */
export function retryRoomNow(state: OutboxState, roomId: string, now: number): OutboxState {
  const waiting = (e: OutboxEntry): boolean =>
    e.roomId === roomId && e.state === 'queued' && e.waitingForRoom === true && e.nextAttemptAt > now;
  if (!state.entries.some(waiting)) return state;
  return { ...state, entries: state.entries.map((e) => (waiting(e) ? { ...e, nextAttemptAt: now } : e)) };
}

/** The user chose Retry on a failed entry. */
export function retryEntry(state: OutboxState, txnId: string, now: number): OutboxState {
  return update(state, txnId, (e) =>
    e.state === 'failed' ? { ...e, state: 'queued', failure: undefined, nextAttemptAt: now } : e,
  );
}

/** The user chose Delete; the only way an entry leaves without being sent. */
export function removeEntry(state: OutboxState, txnId: string): OutboxState {
  return markSent(state, txnId);
}

/** After a restart, an entry that was in flight may or may not have arrived: send it again, same txnId. */
export function recoverAfterRestart(state: OutboxState, now: number): OutboxState {
  return {
    ...state,
    entries: state.entries.map((e) => (e.state === 'sending' ? { ...e, state: 'queued', nextAttemptAt: now } : e)),
  };
}

export function waitingCount(state: OutboxState): number {
  return state.entries.filter((e) => e.state !== 'failed').length;
}

/**
 * When the next entry becomes due, for scheduling a timer; null when nothing can be sent before an
 * answer comes back. Only each room's head counts: an entry behind another waits for it, not for time.
 */
export function nextWakeUp(state: OutboxState): number | null {
  const times = [...roomHeads(state).values()].filter((e) => e.state === 'queued').map((e) => e.nextAttemptAt);
  return times.length ? Math.min(...times) : null;
}

function update(state: OutboxState, txnId: string, change: (entry: OutboxEntry) => OutboxEntry): OutboxState {
  return { ...state, entries: state.entries.map((e) => (e.txnId === txnId ? change(e) : e)) };
}
