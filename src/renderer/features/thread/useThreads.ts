import { RoomEvent, type MatrixEvent, type Room } from 'matrix-js-sdk';
import { useEffect, useMemo, useState } from 'react';
import { rendererLogger } from '../../platform/log.ts';
import { fetchThreadHistory } from '../../matrix/threadHistory.ts';
import { useClient } from '../../app/SessionContext.ts';
import { roomLiveThreads } from '../../matrix/threadEvents.ts';
import type { LiveThreads } from '../../matrix/threadList.ts';
import { buildThreadTimeline, type TimelineItem } from '../../matrix/timeline.ts';
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

/** The room's threads as its loaded timeline holds them (replies, summaries by root), kept up to date. */
export function useLiveThreads(room: Room): LiveThreads {
  const me = useClient().getSafeUserId();
  const version = useRoomVersion(room, THREAD_CHANGES);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- version is what tells the room changed
  return useMemo(() => roomLiveThreads(room, me), [room, me, version]);
}

/** One thread's root and replies, kept up to date; asked of the server when its root is not loaded. */
export function useThreadTimeline(room: Room, rootId: string): { root: TimelineItem | null; replies: TimelineItem[] } {
  const client = useClient();
  const me = client.getSafeUserId();
  const version = useRoomVersion(room, THREAD_CHANGES);
  const [fetched, setFetched] = useState<{ rootId: string; events: MatrixEvent[] } | null>(null);
  useEffect(() => {
    if (room.findEventById(rootId)) return;
    let current = true;
    fetchThreadHistory(client, room, rootId).then((events) => {
      if (current) setFetched({ rootId, events });
    }, rendererLogger('threads').swallow('fetching a thread not loaded'));
    return () => {
      current = false;
    };
  }, [client, room, rootId]);
  const events = fetched?.rootId === rootId ? fetched.events : NONE;
  // eslint-disable-next-line react-hooks/exhaustive-deps -- version is what tells the room changed
  return useMemo(() => buildThreadTimeline(room, me, rootId, events), [room, me, rootId, events, version]);
}

const NONE: readonly MatrixEvent[] = [];
