// Which rooms give back their timeline, when, and how much of it they keep. Pure, unit tested;
// releaseTimelines.ts acts on it.
//
// An opened room holds its history (a screenful from its subscription, plus whatever was scrolled
// through) and keeps it after it is left: across fifty rooms opened in a session that is most of the
// growth of the renderer's memory. A room not on screen needs only what its list row shows (the last
// message's line, the unread counts) and, for sliding sync to bring its history back in order when it
// is reopened, its last event. Reopening resends the room's latest events (the timeline limit goes up
// from the list's 1 to the subscription's), which do not continue a trimmed timeline, so the live
// timeline starts again from them with a pagination token (slidingSyncFixups.ts): history comes back.

/** Long enough that going back and forth between two rooms keeps both whole. */
export const RELEASE_DELAY_MS = 10_000;

export interface TimelineFacts {
  /** Events in the live timeline. */
  count: number;
  /** The index of the oldest event the unread counts read (unreadCounts.ts, unreadNeedsFrom). */
  unreadFrom: number;
  /** The index of the oldest event the list's preview line needs (roomList.ts, previewNeedsFrom). */
  previewFrom: number;
  /** A local echo is in the timeline (being sent, or failed): its place is not settled yet. */
  pending: boolean;
  /**
   * The most events to keep: fewer than reopening resends, so that the resent events never simply
   * continue the trimmed timeline (which has no way back to older history of its own).
   */
  maxKept: number;
}

/**
 * How many of the latest events a left room keeps, or null to leave its timeline as it is (nothing
 * to gain, a message still being sent, or what the list needs reaches too far back).
 */
export function eventsToKeep(facts: TimelineFacts): number | null {
  const { count, unreadFrom, previewFrom, pending, maxKept } = facts;
  if (pending || count <= 1) return null;
  // Always the last event: it dates the room's activity, and sliceContinues reads it on reopening.
  const from = Math.max(0, Math.min(unreadFrom, previewFrom, count - 1));
  const kept = count - from;
  return kept >= count || kept > maxKept ? null : kept;
}

/** Rooms left behind, with when each was left; the open room is never among them. */
export class ReleaseSchedule {
  private readonly leftAt = new Map<string, number>();
  private open: string | null = null;
  private readonly delayMs: number;

  constructor(delayMs: number = RELEASE_DELAY_MS) {
    this.delayMs = delayMs;
  }

  /** The room on screen changed (null: none): the previous one starts its delay, the new one is kept. */
  opened(roomId: string | null, now: number): void {
    if (roomId === this.open) return;
    if (this.open !== null) this.leftAt.set(this.open, now);
    this.open = roomId;
    if (roomId !== null) this.leftAt.delete(roomId);
  }

  /** The rooms whose delay has passed, taken off the schedule (each is released once per leaving). */
  due(now: number): string[] {
    const due = [...this.leftAt].filter(([, at]) => now - at >= this.delayMs).map(([roomId]) => roomId);
    for (const roomId of due) this.leftAt.delete(roomId);
    return due;
  }

  /** When the next room is due, or null when none waits. */
  nextDueAt(): number | null {
    const times = [...this.leftAt.values()];
    return times.length === 0 ? null : Math.min(...times) + this.delayMs;
  }
}
