// The read-up-to marker (m.fully_read): where the "New messages" line goes when a room is opened,
// and what to move the marker and the read receipt to as the person reads.
import type { MatrixEvent } from 'matrix-js-sdk';

/** What the "New messages" line needs to know of each event of the live timeline. */
export interface MarkerCandidate {
  eventId: string | undefined;
  mine: boolean;
  /** Drawn as a row of its own (a message, encrypted or not; a membership change). */
  shown: boolean;
}

/**
 * The first event after the marker that is drawn and that someone else sent, or null when there is
 * none (all read, no marker, or the marker not among the events loaded yet). Decided on the events,
 * not the rows: a message still being decrypted is not a row yet but is unread all the same.
 */
export function firstUnreadEventId(events: readonly MarkerCandidate[], markerEventId: string | null): string | null {
  if (!markerEventId) return null;
  const markerAt = events.findIndex((e) => e.eventId === markerEventId);
  if (markerAt < 0) return null;
  return events.slice(markerAt + 1).find((e) => e.shown && !e.mine && e.eventId)?.eventId ?? null;
}

/** Whether the marker is among the events loaded: until it is, where the unread part starts is unknown. */
export function markerLoaded(events: readonly MarkerCandidate[], markerEventId: string): boolean {
  return events.some((e) => e.eventId === markerEventId);
}

/**
 * Of the m.fully_read marker and one's own read receipt, the one further down the loaded events.
 * The client's copy of m.fully_read can lag behind the server's (a sync answer sent before the last
 * move may arrive after it), while the receipt moves with it: taking the later of the two keeps an
 * already-read message from being counted as new. When either is not loaded, the marker stands.
 */
export function laterMarker(
  events: readonly Pick<MarkerCandidate, 'eventId'>[],
  markerEventId: string | null,
  receiptEventId: string | null,
): string | null {
  if (!markerEventId) return receiptEventId;
  if (!receiptEventId) return markerEventId;
  const markerAt = events.findIndex((e) => e.eventId === markerEventId);
  const receiptAt = events.findIndex((e) => e.eventId === receiptEventId);
  return markerAt >= 0 && receiptAt > markerAt ? receiptEventId : markerEventId;
}

/** The marker's event id in the m.fully_read content, when it has the right shape. */
export function markerEventIdOf(content: Record<string, unknown> | undefined): string | null {
  const eventId = content?.event_id;
  return typeof eventId === 'string' && eventId.length > 0 ? eventId : null;
}

export interface ReadTargets {
  /** The newest event the server has (m.fully_read moves there). */
  fullyRead: MatrixEvent;
  /** The newest event someone else sent (a receipt on one's own message says nothing). */
  receipt: MatrixEvent | null;
}

/** Where the marker and the receipt go when everything loaded has been seen; null for an empty room. */
export function readTargets(events: readonly MatrixEvent[], myUserId: string): ReadTargets | null {
  // Local echoes (status set) have no server id yet: the server would refuse a marker on them.
  const sent = events.filter((e) => e.getId() && !e.status && !e.getId()?.startsWith('~'));
  const fullyRead = sent[sent.length - 1];
  if (!fullyRead) return null;
  const receipt = [...sent].reverse().find((e) => e.getSender() !== myUserId) ?? null;
  return { fullyRead, receipt };
}
