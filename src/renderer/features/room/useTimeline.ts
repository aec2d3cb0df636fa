import { RoomEvent, type Room } from 'matrix-js-sdk';
import { useMemo } from 'react';
import { useClient } from '../../app/SessionContext.ts';
import { buildTimeline, type TimelineItem } from '../../matrix/timeline.ts';
import { useRoomVersion } from './useRoomEvents.ts';

/** What changes the items shown: events added, sent, redacted, the timeline started again, decryption. */
const TIMELINE_EVENTS = [RoomEvent.Timeline, RoomEvent.LocalEchoUpdated, RoomEvent.Redaction, RoomEvent.TimelineReset] as const;
const TIMELINE_CHANGES = { events: TIMELINE_EVENTS, decrypted: true };

/** The room's timeline items, rebuilt (at most once a frame) when this room's timeline changes. */
export function useTimeline(room: Room): TimelineItem[] {
  const myUserId = useClient().getSafeUserId();
  const version = useRoomVersion(room, TIMELINE_CHANGES);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- version is what tells the room changed
  return useMemo(() => buildTimeline(room, myUserId), [room, myUserId, version]);
}
