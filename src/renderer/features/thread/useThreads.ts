import { RoomEvent, type Room } from 'matrix-js-sdk';
import { useMemo } from 'react';
import { useClient } from '../../app/SessionContext.ts';
import { roomThreadSummaries } from '../../matrix/threadEvents.ts';
import { buildThreadTimeline, type TimelineItem } from '../../matrix/timeline.ts';
import type { ThreadSummary } from '../../matrix/threads.ts';
import { useRoomVersion } from '../room/useRoomEvents.ts';

/** Replies arrive, are sent, deleted or decrypted; receipts change what is unread. */
const THREAD_EVENTS = [
  RoomEvent.Timeline,
  RoomEvent.LocalEchoUpdated,
  RoomEvent.Redaction,
  RoomEvent.TimelineReset,
  RoomEvent.Receipt,
] as const;
const THREAD_CHANGES = { events: THREAD_EVENTS, decrypted: true };

/** The room's threads (from its loaded timeline), by root, kept up to date. */
export function useThreadSummaries(room: Room): Map<string, ThreadSummary> {
  const me = useClient().getSafeUserId();
  const version = useRoomVersion(room, THREAD_CHANGES);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- version is what tells the room changed
  return useMemo(() => roomThreadSummaries(room, me), [room, me, version]);
}

/** One thread's root and replies, kept up to date. */
export function useThreadTimeline(room: Room, rootId: string): { root: TimelineItem | null; replies: TimelineItem[] } {
  const me = useClient().getSafeUserId();
  const version = useRoomVersion(room, THREAD_CHANGES);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- version is what tells the room changed
  return useMemo(() => buildThreadTimeline(room, me, rootId), [room, me, rootId, version]);
}
