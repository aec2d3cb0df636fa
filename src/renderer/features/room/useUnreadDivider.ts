import type { Room } from 'matrix-js-sdk';
import { useState } from 'react';
import { useClient } from '../../app/SessionContext.ts';
import { firstUnreadEventId, laterMarker, markerLoaded, type MarkerCandidate } from '../../matrix/readMarker.ts';
import { isShownEvent } from '../../matrix/timeline.ts';
import { useMarkerAtOpen } from './useTypingAndReceipts.ts';

type Decision = { decided: false } | { decided: true; eventId: string | null };

/**
 * Where the "New messages" line goes: above the first event someone else sent after the read marker
 * as it was when the room was opened. Decided once, as soon as the marker's event is loaded, then kept
 * while the room stays open: messages read as they arrive never get the line.
 */
export function useUnreadDivider(room: Room): string | null {
  const me = useClient().getSafeUserId();
  const { marker: fullyRead, receipt } = useMarkerAtOpen(room);
  const marker = fullyRead ?? receipt;
  const [decision, setDecision] = useState<Decision>({ decided: false });
  // Looked at on each render until decided (React's "adjust state while rendering"): the room view
  // renders again whenever its timeline changes, so a page of history bringing the marker is seen.
  if (!decision.decided && marker) {
    const events: MarkerCandidate[] = room
      .getLiveTimeline()
      .getEvents()
      .map((e) => ({
        eventId: e.getId(),
        mine: e.getSender() === me,
        shown: isShownEvent(e),
      }));
    // Events load from the newest back: once the marker is loaded, a later receipt is too.
    if (markerLoaded(events, marker))
      setDecision({ decided: true, eventId: firstUnreadEventId(events, laterMarker(events, marker, receipt)) });
  }
  return decision.decided ? decision.eventId : null;
}
