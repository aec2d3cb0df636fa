// The room's thread list as the "Threads" panel shows it: the server's list (GET /rooms/{id}/threads,
// which knows threads whose root is far back in history), paged, merged with what the live timeline
// holds (a thread started or answered since the list was fetched shows without fetching again).
// Pure: matrix/threadListFetch.ts asks the server, features/thread/useThreadList.ts drives this.
import type { ThreadReplyFacts, ThreadSummary } from './threads.ts';

/** "All threads" or "My threads" (those I started or replied in), the server's `include` values. */
export type ThreadListFilter = 'all' | 'participated';

/** One thread as the server's list describes it: its root and the bundled `m.thread` summary. */
export interface ServerThread {
  rootId: string;
  root: { sender: string; senderName: string; timestamp: number; body: string | null };
  replyCount: number;
  latest: { eventId: string; sender: string; senderName: string; timestamp: number };
  participated: boolean;
}

/** What the bundled `m.thread` aggregation of a root event says, read defensively (it is the server's JSON). */
export interface ThreadAggregation {
  count: number;
  latest: { eventId: string; sender: string; timestamp: number } | null;
  participated: boolean;
}

export function readThreadAggregation(unsigned: unknown): ThreadAggregation | null {
  const relations = (unsigned as { 'm.relations'?: unknown } | null | undefined)?.['m.relations'];
  const thread = (relations as { 'm.thread'?: unknown } | null | undefined)?.['m.thread'];
  if (typeof thread !== 'object' || thread === null) return null;
  const { count, latest_event: latest, current_user_participated: participated } = thread as Record<string, unknown>;
  const event = typeof latest === 'object' && latest !== null ? (latest as Record<string, unknown>) : null;
  const eventId = event?.['event_id'];
  const sender = event?.['sender'];
  const timestamp = event?.['origin_server_ts'];
  return {
    count: typeof count === 'number' && count >= 0 ? count : 0,
    latest:
      typeof eventId === 'string' && typeof sender === 'string' && typeof timestamp === 'number'
        ? { eventId, sender, timestamp }
        : null,
    participated: participated === true,
  };
}

/**
 * Paging through the server's list for one filter. `nextBatch` null with `loadedOnce` means the
 * whole list is here; `failed` means the last page could not be fetched (offline, an error): the
 * list shows what is known and says it may be incomplete.
 */
export interface ThreadListPaging {
  filter: ThreadListFilter;
  threads: readonly ServerThread[];
  nextBatch: string | null;
  loadedOnce: boolean;
  loading: boolean;
  failed: boolean;
}

export function startPaging(filter: ThreadListFilter): ThreadListPaging {
  return { filter, threads: [], nextBatch: null, loadedOnce: false, loading: true, failed: false };
}

/** The next page is being asked for (Load more, or Retry after a failure). */
export function pageRequested(paging: ThreadListPaging): ThreadListPaging {
  return { ...paging, loading: true, failed: false };
}

/** A page arrived for `filter`; one for a filter no longer shown is dropped. A thread listed twice keeps its newer facts. */
export function pageLoaded(
  paging: ThreadListPaging,
  filter: ThreadListFilter,
  threads: readonly ServerThread[],
  nextBatch: string | null,
): ThreadListPaging {
  if (filter !== paging.filter) return paging;
  const byRoot = new Map(paging.threads.map((thread) => [thread.rootId, thread]));
  for (const thread of threads) {
    const known = byRoot.get(thread.rootId);
    if (!known || known.latest.timestamp <= thread.latest.timestamp) byRoot.set(thread.rootId, thread);
  }
  return { filter, threads: [...byRoot.values()], nextBatch, loadedOnce: true, loading: false, failed: false };
}

export function pageFailed(paging: ThreadListPaging, filter: ThreadListFilter): ThreadListPaging {
  if (filter !== paging.filter) return paging;
  return { ...paging, loading: false, failed: true };
}

/** Whether "Load more" has something to fetch. */
export function hasMore(paging: ThreadListPaging): boolean {
  return paging.loadedOnce && paging.nextBatch !== null;
}

/** Until the first page and after a failure, the list is what the timeline knows: maybe not all. */
export function mayBeIncomplete(paging: ThreadListPaging): boolean {
  return paging.failed || (!paging.loadedOnce && !paging.loading);
}

/** One entry of the panel's list. */
export interface ListedThread {
  rootId: string;
  /** The root as the server listed it; null for a thread only the timeline knows (its root is in the timeline). */
  root: ServerThread['root'] | null;
  replyCount: number;
  latest: ThreadSummary['latest'];
  unread: number;
}

export interface LiveThreads {
  /** The replies the loaded timeline holds, oldest first. */
  replies: readonly ThreadReplyFacts[];
  summaries: ReadonlyMap<string, ThreadSummary>;
  /** Roots in the timeline that I sent (a thread I started is mine before anyone replies). */
  myRoots: ReadonlySet<string>;
}

/**
 * The server's threads and the timeline's, one entry per root, the most recently active first. A
 * thread the server listed keeps its count, plus the replies the timeline holds that came after the
 * server's latest; a thread only the timeline knows comes from it (with "My threads", only if I took part).
 */
export function mergeThreadLists(server: readonly ServerThread[], live: LiveThreads, filter: ThreadListFilter): ListedThread[] {
  const merged = new Map<string, ListedThread>();
  for (const thread of server) {
    const summary = live.summaries.get(thread.rootId);
    const newer = summary ? repliesAfter(live.replies, thread.rootId, thread.latest) : [];
    const last = newer[newer.length - 1];
    merged.set(thread.rootId, {
      rootId: thread.rootId,
      root: thread.root,
      replyCount: thread.replyCount + newer.length,
      latest: last
        ? { eventId: last.eventId, sender: last.sender, senderName: last.senderName, timestamp: last.timestamp }
        : thread.latest,
      unread: summary?.unread ?? 0,
    });
  }
  for (const summary of live.summaries.values()) {
    if (merged.has(summary.rootId)) continue;
    if (filter === 'participated' && !tookPart(live, summary.rootId)) continue;
    merged.set(summary.rootId, {
      rootId: summary.rootId,
      root: null,
      replyCount: summary.replyCount,
      latest: summary.latest,
      unread: summary.unread,
    });
  }
  return [...merged.values()].sort((a, b) => b.latest.timestamp - a.latest.timestamp);
}

function tookPart(live: LiveThreads, rootId: string): boolean {
  return live.myRoots.has(rootId) || live.replies.some((reply) => reply.rootId === rootId && reply.mine);
}

/** The thread's replies in the timeline after the server's latest (by id when the timeline holds it, else by time). */
function repliesAfter(replies: readonly ThreadReplyFacts[], rootId: string, latest: ServerThread['latest']): ThreadReplyFacts[] {
  const thread = replies.filter((reply) => reply.rootId === rootId);
  const index = thread.findIndex((reply) => reply.eventId === latest.eventId);
  if (index >= 0) return thread.slice(index + 1);
  return thread.filter((reply) => reply.timestamp > latest.timestamp);
}
