// A room's unread and mention counts, worked out on this device. Synapse's simplified sliding sync
// (MSC4186) sends `notification_count: 0` and `highlight_count: 0` for every room (it does not
// implement them), and matrix-js-sdk stores those zeros over its own counts at every answer: under
// the default sync mode the server's counts are always 0. So the counts come from the events the
// client holds after my read receipt, judged by my push rules, as Element X does; the server's count
// still wins where it knows more (classic /sync, history the client has not loaded).
import { NotificationCountType, type MatrixClient, type MatrixEvent, type Room } from 'matrix-js-sdk';
import { gapEventsOf } from './sync/unreadGaps.ts';
import { threadRootIdOf } from './threadEvents.ts';

/** What the count needs to know of one event of the live timeline. */
export interface UnreadEventFacts {
  /** My read receipt covers it (or a later event). */
  read: boolean;
  /** I sent it: what I wrote, I have read, and so everything before it. */
  mine: boolean;
  /** My push rules say it notifies. */
  notify: boolean;
  /** My push rules say it highlights (a mention of me, a keyword). */
  highlight: boolean;
}

export interface UnreadCounts {
  unread: number;
  mentions: number;
}

export interface LocalUnread extends UnreadCounts {
  /** The walk reached a read (or my own) event: the counts are exact, not a lower bound. */
  exact: boolean;
}

/**
 * Counts the notifying events after the last one I have read, walking back from the newest (events
 * oldest first). When the loaded timeline ends before a read event, the counts are a lower bound.
 */
export function countUnread(events: readonly UnreadEventFacts[]): LocalUnread {
  let unread = 0;
  let mentions = 0;
  for (const event of [...events].reverse()) {
    if (event.read || event.mine) return { unread, mentions, exact: true };
    if (event.notify) unread++;
    if (event.notify && event.highlight) mentions++;
  }
  return { unread, mentions, exact: events.length === 0 };
}

/**
 * The counts to show. Exact local counts win: right after "Mark as read" or opening the room the
 * server's counts stay stale until its next answer. Otherwise the larger of the two: the server counts
 * history this client never loaded, the client counts what sliding sync reports as 0.
 */
export function combineCounts(local: LocalUnread, server: UnreadCounts): UnreadCounts {
  if (local.exact) return { unread: local.unread, mentions: local.mentions };
  return { unread: Math.max(local.unread, server.unread), mentions: Math.max(local.mentions, server.mentions) };
}

/** How far back the walk goes: rooms rarely hold more live events than this, and it bounds the cost. */
const MAX_WALK = 200;

/** The counts of a joined room, from its live timeline, my receipt and my push rules. */
export function roomUnreadCounts(client: MatrixClient, room: Room): UnreadCounts {
  const server = {
    unread: room.getUnreadNotificationCount(NotificationCountType.Total),
    mentions: room.getUnreadNotificationCount(NotificationCountType.Highlight),
  };
  return combineCounts(localUnread(client, room), server);
}

/**
 * What the events this client holds say (with those fetched for gaps); `exact` when every walk met a
 * read one. The main timeline and each thread are read separately (a threaded receipt covers its
 * thread only), so each is counted on its own and the counts added: a room with an unread thread reply
 * stays unread until the thread is read.
 */
export function localUnread(client: MatrixClient, room: Room): LocalUnread {
  const me = client.getSafeUserId();
  const fullyRead = fullyReadEventId(room);
  const byThread = new Map<string | null, UnreadEventFacts[]>();
  for (const event of withGapEvents(room.getLiveTimeline().getEvents(), gapEventsOf(client, room.roomId)).slice(-MAX_WALK)) {
    const thread = threadRootIdOf(event);
    // The fully-read marker is the main timeline's: it says nothing of a thread.
    const facts = eventFacts(client, room, event, me, thread === null ? fullyRead : null);
    const list = byThread.get(thread);
    if (list) list.push(facts);
    else byThread.set(thread, [facts]);
  }
  return sumCounts([...byThread.values()].map(countUnread));
}

/** Counts added up; exact only when each is. */
export function sumCounts(counts: readonly LocalUnread[]): LocalUnread {
  return counts.reduce<LocalUnread>(
    (total, c) => ({ unread: total.unread + c.unread, mentions: total.mentions + c.mentions, exact: total.exact && c.exact }),
    { unread: 0, mentions: 0, exact: true },
  );
}

/**
 * The timeline with the events a sliding sync update skipped (unreadGaps.ts) put back where they
 * happened, by server time; events the timeline already holds are not counted twice.
 */
export function withGapEvents(timeline: readonly MatrixEvent[], gap: readonly MatrixEvent[]): MatrixEvent[] {
  if (gap.length === 0) return [...timeline];
  const held = new Set(timeline.map((event) => event.getId()));
  const missing = gap.filter((event) => !held.has(event.getId()));
  if (missing.length === 0) return [...timeline];
  // Stable sort: events with equal times keep the timeline's order.
  return [...timeline, ...missing].sort((a, b) => a.getTs() - b.getTs());
}

/**
 * My read marker (m.fully_read), which every client moves with the receipt. Sliding sync sends receipts
 * only for the events it delivers, so for a room whose receipt sits on an older event (fetched for a
 * gap) the marker is what says where I stopped reading.
 */
function fullyReadEventId(room: Room): string | null {
  const id: unknown = room.getAccountData('m.fully_read')?.getContent().event_id;
  return typeof id === 'string' ? id : null;
}

/**
 * The index of the oldest event the counts read (events oldest first, with the thread each is in):
 * each thread's walk stops at its last read or own event, so nothing before the earliest of those
 * stops counts. 0 when a thread has none: its walk reads everything.
 */
export function oldestCounted(events: readonly { thread: string | null; settled: boolean }[]): number {
  const lastSettled = new Map<string | null, number>();
  events.forEach((event, index) => {
    if (event.settled) lastSettled.set(event.thread, index);
    else if (!lastSettled.has(event.thread)) lastSettled.set(event.thread, -1);
  });
  return Math.max(0, Math.min(events.length, ...lastSettled.values()));
}

/**
 * The index in the live timeline of the oldest event the local counts need (oldestCounted): a
 * timeline trimmed to start there counts the same.
 */
export function unreadNeedsFrom(client: MatrixClient, room: Room): number {
  const me = client.getSafeUserId();
  const fullyRead = fullyReadEventId(room);
  const events = room.getLiveTimeline().getEvents();
  const walked = events.slice(-MAX_WALK).map((event) => {
    const thread = threadRootIdOf(event);
    const { read, mine } = readOrMine(room, event, me, thread === null ? fullyRead : null);
    return { thread, settled: read || mine };
  });
  return events.length - walked.length + oldestCounted(walked);
}

function readOrMine(room: Room, event: MatrixEvent, me: string, fullyRead: string | null): { read: boolean; mine: boolean } {
  const eventId = event.getId();
  const mine = event.getSender() === me;
  // A local echo has no server id yet; it is mine anyway.
  const read = !mine && eventId !== undefined && (eventId === fullyRead || room.hasUserReadEvent(me, eventId));
  return { read, mine };
}

function eventFacts(
  client: MatrixClient,
  room: Room,
  event: MatrixEvent,
  me: string,
  fullyRead: string | null,
): UnreadEventFacts {
  const { read, mine } = readOrMine(room, event, me, fullyRead);
  if (mine || read) return { read, mine, notify: false, highlight: false };
  // Cached per event by the SDK, and recalculated by it when an encrypted event is decrypted.
  const actions = client.getPushActionsForEvent(event);
  return { read, mine, notify: actions?.notify === true, highlight: actions?.tweaks.highlight === true };
}
