// Gives back the history of rooms left behind (the policy, with why: timelineRelease.ts). Sliding
// sync only: there reopening a room brings its latest events back with a way to older ones, which
// classic /sync does not do for a room it already holds.
import type { MatrixClient, Room } from 'matrix-js-sdk';
import { previewNeedsFrom } from '../roomList.ts';
import { unreadNeedsFrom } from '../unreadCounts.ts';
import { eventsToKeep, ReleaseSchedule } from './timelineRelease.ts';

export interface TimelineReleases {
  /** The room on screen changed (null: none). */
  opened(roomId: string | null): void;
}

/** Releases each room's timeline some seconds after it is left, unless it is opened again first. */
export function releaseLeftTimelines(client: MatrixClient, maxKept: number): TimelineReleases {
  const schedule = new ReleaseSchedule();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const arm = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    const at = schedule.nextDueAt();
    if (at !== null) timer = setTimeout(run, Math.max(0, at - Date.now()));
  };
  const run = () => {
    timer = null;
    // A stopped session's client is dropped whole: nothing to give back.
    if (!client.clientRunning) return;
    for (const roomId of schedule.due(Date.now())) {
      const room = client.getRoom(roomId);
      if (room) releaseTimeline(client, room, maxKept);
    }
    arm();
  };
  return {
    opened(roomId) {
      schedule.opened(roomId, Date.now());
      arm();
    },
  };
}

/**
 * Trims the room's live timeline to the events its list row needs; true when it did. Only the main
 * timeline: threads keep theirs (the thread list shows their last replies).
 */
export function releaseTimeline(client: MatrixClient, room: Room, maxKept: number): boolean {
  const timelineSet = room.getUnfilteredTimelineSet();
  const events = timelineSet.getLiveTimeline().getEvents();
  const keep = eventsToKeep({
    count: events.length,
    unreadFrom: unreadNeedsFrom(client, room),
    previewFrom: previewNeedsFrom(room),
    pending: events.some((event) => event.status !== null),
    maxKept,
  });
  if (keep === null) return false;
  const kept = events.slice(-keep);
  // No forward token: every other timeline of the set (older history fetched around a permalink)
  // goes with it. The room's state moves to the new live timeline unchanged.
  timelineSet.resetLiveTimeline(undefined, undefined);
  // Put back as history is (newest first, at the start), which listeners take for nothing new: no
  // notification, no unread. No back token: reopening starts the timeline again with one.
  timelineSet.addEventsToTimeline([...kept].reverse(), true, false, timelineSet.getLiveTimeline(), null);
  return true;
}
