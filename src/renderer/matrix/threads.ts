// Threads (m.thread, MSC3440) as plain data: which event belongs to which thread, what a thread's
// summary says (replies, latest, who took part, unread), the room's threads by latest activity, and
// the relation a reply carries. Pure; matrix/threadEvents.ts reads these facts out of the SDK.

export const THREAD_REL_TYPE = 'm.thread';

/** The root a `m.relates_to` block puts its event under, or null for anything not in a thread. */
export function threadRootOfRelation(relatesTo: unknown): string | null {
  if (typeof relatesTo !== 'object' || relatesTo === null) return null;
  const relation = relatesTo as { rel_type?: unknown; event_id?: unknown };
  return relation.rel_type === THREAD_REL_TYPE && typeof relation.event_id === 'string' ? relation.event_id : null;
}

/** The thread of some event content (an outbox entry's, before it has an id). */
export function threadRootOfContent(content: Readonly<Record<string, unknown>>): string | null {
  return threadRootOfRelation(content['m.relates_to']);
}

/** The room's own "Waiting to be sent" area leaves out what waits in a thread (shown in the thread). */
export function mainTimelineEntries<T extends { content: Readonly<Record<string, unknown>> }>(entries: readonly T[]): T[] {
  return entries.filter((entry) => threadRootOfContent(entry.content) === null);
}

/** What waits in the outbox for one thread. */
export function threadEntries<T extends { content: Readonly<Record<string, unknown>> }>(
  entries: readonly T[],
  rootId: string,
): T[] {
  return entries.filter((entry) => threadRootOfContent(entry.content) === rootId);
}

/**
 * A reply in a thread, as the spec shapes it. Clients without threads show it as a reply to the
 * thread's latest event (`is_falling_back`); a reply to one message of the thread names that message
 * and is not a fallback.
 */
export function threadRelation(rootId: string, latestEventId: string, replyToEventId: string | null) {
  return {
    rel_type: THREAD_REL_TYPE,
    event_id: rootId,
    is_falling_back: replyToEventId === null,
    'm.in_reply_to': { event_id: replyToEventId ?? latestEventId },
  };
}

/** A quoted reply only when it is a real one: a thread's fallback reply is not shown as a quote. */
export function isFallbackReply(relatesTo: unknown): boolean {
  if (threadRootOfRelation(relatesTo) === null) return false;
  return (relatesTo as { is_falling_back?: unknown }).is_falling_back !== false;
}

/** What a summary needs to know of one reply in a thread. */
export interface ThreadReplyFacts {
  eventId: string;
  rootId: string;
  sender: string;
  senderName: string;
  timestamp: number;
  /** My receipt (threaded for this thread, or unthreaded) covers it. */
  read: boolean;
  mine: boolean;
}

export interface ThreadSummary {
  rootId: string;
  replyCount: number;
  latest: { eventId: string; sender: string; senderName: string; timestamp: number };
  /** Who replied, by name, in the order they first did. */
  participants: string[];
  /** Replies from others after the last one I read or wrote. */
  unread: number;
}

/**
 * One summary per thread root, from its replies (oldest first, as the timeline holds them). A reply
 * I wrote means I read the thread up to it, as in the room's own count.
 */
export function summariseThreads(replies: readonly ThreadReplyFacts[]): Map<string, ThreadSummary> {
  const byRoot = new Map<string, ThreadReplyFacts[]>();
  for (const reply of replies) byRoot.set(reply.rootId, [...(byRoot.get(reply.rootId) ?? []), reply]);
  const summaries = new Map<string, ThreadSummary>();
  for (const [rootId, thread] of byRoot) {
    const latest = thread[thread.length - 1];
    if (!latest) continue;
    summaries.set(rootId, {
      rootId,
      replyCount: thread.length,
      latest: { eventId: latest.eventId, sender: latest.sender, senderName: latest.senderName, timestamp: latest.timestamp },
      participants: [...new Set(thread.map((r) => r.senderName))],
      unread: unreadIn(thread),
    });
  }
  return summaries;
}

function unreadIn(thread: readonly ThreadReplyFacts[]): number {
  let unread = 0;
  for (const reply of [...thread].reverse()) {
    if (reply.read || reply.mine) return unread;
    unread++;
  }
  return unread;
}

/** The room's threads, the most recently active first. */
export function threadsByActivity(summaries: Iterable<ThreadSummary>): ThreadSummary[] {
  return [...summaries].sort((a, b) => b.latest.timestamp - a.latest.timestamp);
}

/** How many threads have replies I have not read (the header button's badge). */
export function unreadThreadCount(summaries: Iterable<ThreadSummary>): number {
  let count = 0;
  for (const summary of summaries) if (summary.unread > 0) count++;
  return count;
}
