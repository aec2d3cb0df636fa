// The SDK side of threads: reads the facts matrix/threads.ts works on out of a room's live timeline.
// Relais runs matrix-js-sdk without `threadSupport`, so every thread reply stays in the room's live
// timeline (in both sync modes) and is sorted out here, by its `m.relates_to` (kept in clear in
// encrypted rooms, so a reply is placed before it is decrypted).
import { EventStatus, type MatrixEvent, type Room } from 'matrix-js-sdk';
import type { LiveThreads } from './threadList.ts';
import { summariseThreads, threadRootOfRelation, type ThreadReplyFacts, type ThreadSummary } from './threads.ts';

/** The thread an event replies in, or null for the main timeline (thread roots included). */
export function threadRootIdOf(event: MatrixEvent): string | null {
  if (event.isState()) return null;
  return threadRootOfRelation(event.getWireContent()['m.relates_to']);
}

export function isMainTimelineEvent(event: MatrixEvent): boolean {
  return threadRootIdOf(event) === null;
}

/** Sent by the server (a local echo still on its way is the outbox's to show). */
function isSent(event: MatrixEvent): boolean {
  return event.status === null || event.status === EventStatus.SENT;
}

export function threadReplyFacts(room: Room, myUserId: string, events: readonly MatrixEvent[]): ThreadReplyFacts[] {
  const facts: ThreadReplyFacts[] = [];
  for (const event of events) {
    const rootId = threadRootIdOf(event);
    const eventId = event.getId();
    if (!rootId || !eventId || !isSent(event) || event.isRedacted()) continue;
    const sender = event.getSender() ?? '';
    const mine = sender === myUserId;
    facts.push({
      eventId,
      rootId,
      sender,
      senderName: event.sender?.name ?? sender,
      timestamp: event.getTs(),
      mine,
      read: !mine && room.hasUserReadEvent(myUserId, eventId),
    });
  }
  return facts;
}

/** Every thread the room's loaded timeline holds replies of, by root. */
export function roomThreadSummaries(room: Room, myUserId: string): Map<string, ThreadSummary> {
  return summariseThreads(threadReplyFacts(room, myUserId, room.getLiveTimeline().getEvents()));
}

/** The threads of the loaded timeline as the thread list merges them: replies, summaries, and the roots I sent. */
export function roomLiveThreads(room: Room, myUserId: string): LiveThreads {
  const replies = threadReplyFacts(room, myUserId, room.getLiveTimeline().getEvents());
  const summaries = summariseThreads(replies);
  const myRoots = new Set([...summaries.keys()].filter((rootId) => room.findEventById(rootId)?.getSender() === myUserId));
  return { replies, summaries, myRoots };
}

/** The newest event of a thread a reply may point at: its latest sent reply, else its root. */
export function latestThreadEventId(room: Room, rootId: string): string {
  const events = room.getLiveTimeline().getEvents();
  for (const event of [...events].reverse()) {
    const id = event.getId();
    if (id && isSent(event) && threadRootIdOf(event) === rootId) return id;
  }
  return rootId;
}

/** The thread's newest reply from the server, for the threaded read receipt. */
export function latestThreadReply(room: Room, rootId: string): MatrixEvent | null {
  const events = room.getLiveTimeline().getEvents();
  for (const event of [...events].reverse()) {
    if (isSent(event) && event.getId()?.startsWith('$') && threadRootIdOf(event) === rootId) return event;
  }
  return null;
}
