// Connects what the room list shows to the sliding sync connection (no-ops under classic /sync, which
// has every room already): the list reports its last visible row and filter, the shell its open room.
import type { MatrixClient } from 'matrix-js-sdk';
import { useCallback, useEffect, type RefObject } from 'react';
import { lastVisibleRow } from '../../matrix/sync/listWindow.ts';
import { slidingSyncOf } from '../../matrix/sync/startSync.ts';

export interface ListView {
  lastVisibleIndex: number;
}

/** A callback for the room list: hands its view to sliding sync, which loads further ranges. */
export function useSyncWindow(client: MatrixClient): (view: ListView) => void {
  return useCallback((view: ListView) => slidingSyncOf(client)?.updateWindow(view), [client]);
}

/** Subscribes the open room (full state, a screenful of history) while it is open. */
export function useOpenRoomSubscription(client: MatrixClient, roomId: string | null): void {
  useEffect(() => {
    slidingSyncOf(client)?.setOpenRoom(roomId);
  }, [client, roomId]);
}

/**
 * Reports the list's last visible row on scroll, resize, filter and list changes (once per frame at most).
 * `scroller` bounds what is visible; rows are the `[data-room-row]` elements under `list`, in display
 * order across its sections. Sections reorder rooms (favourites first), so the index is how many
 * rooms are on screen rather than a position in the server's list: the range only grows, and what it
 * needs to know is how far down the user has come.
 */
export function useListViewport(
  scroller: RefObject<HTMLElement | null>,
  list: RefObject<HTMLElement | null>,
  filter: string,
  rowCount: number,
  onView: ((view: ListView) => void) | undefined,
): void {
  useEffect(() => {
    const element = scroller.current;
    if (!onView || !element) return;
    let frame = 0;
    const measure = () => {
      frame = 0;
      const rows = [...(list.current?.querySelectorAll('[data-room-row]') ?? [])].map((row) => row.getBoundingClientRect().top);
      const bottom = Math.min(element.getBoundingClientRect().bottom, window.innerHeight);
      onView({ lastVisibleIndex: lastVisibleRow(rows, bottom) });
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(measure);
    };
    schedule();
    // Captured at the window: whichever ancestor scrolls (the list, the sidebar, the page), it counts.
    window.addEventListener('scroll', schedule, { capture: true, passive: true });
    window.addEventListener('resize', schedule);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', schedule, { capture: true });
      window.removeEventListener('resize', schedule);
    };
  }, [scroller, list, filter, rowCount, onView]);
}
