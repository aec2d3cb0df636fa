// Which part of the server's room list to ask for, given what the user sees. Pure, unit tested.
//
// The list is asked for as one range [0, end] that only grows. Why not a true sliding window
// [first visible, last visible]: the UI sorts every room the client knows by recency, and rooms that
// leave a sliding-sync window stop receiving updates. A growing range keeps every room on screen live
// (new messages, unread counts), and a room that gets new activity moves to the top, back into the
// first page anyway. The first page is what a sidebar shows; further pages load as the user nears the
// end of what is loaded, and, once the first page is on screen, in the background by larger batches
// (as Element X's "growing" list does) up to BACKGROUND_LIMIT rooms.
//
// Past that limit the background stops: each live room costs the SDK a Room with its state and last
// event, which at thousands of rooms is most of the renderer's memory and many seconds of requests.
// The rooms past it are known from the names list (roomNames.ts): found by the filter, shown by name,
// and brought live when scrolled to or opened. A filter therefore never asks for more of the live
// list (Synapse cannot filter by name anyway: MSC4186's `room_name_like` raises NotImplementedError).

/** Rooms per page: about what a sidebar shows at once, so the first response fills the screen. */
export const PAGE_SIZE = 20;
/** Load the next page when the last visible row is this close to the end of what is loaded. */
export const PREFETCH_ROWS = 10;

export interface ListWindowInput {
  /** Index of the last room row on screen; -1 before anything is rendered. */
  lastVisibleIndex: number;
  /** How many rooms the server says the list holds; null before its first answer. */
  total: number | null;
  /** End (inclusive) of the range asked for so far; -1 before the first request. */
  requestedEnd: number;
}

/** The end (inclusive) of the range [0, end] to ask for next. Never less than `requestedEnd`. */
export function nextRangeEnd({ lastVisibleIndex, total, requestedEnd }: ListWindowInput): number {
  let end = Math.max(requestedEnd, PAGE_SIZE - 1);
  if (lastVisibleIndex >= end - PREFETCH_ROWS) {
    // Whole pages, enough that the last visible row is no longer near the end: one scroll gesture,
    // one request (and no request again until the user scrolls further).
    end = Math.max(end, Math.ceil((lastVisibleIndex + PREFETCH_ROWS + 2) / PAGE_SIZE) * PAGE_SIZE - 1);
  }
  // Nothing past the end of the list (the server would answer the same), but never shrink.
  if (total !== null) end = Math.max(requestedEnd, PAGE_SIZE - 1, Math.min(end, total - 1));
  return end;
}

/** Rooms added per background step: large enough that a few hundred rooms take a few requests. */
export const BACKGROUND_BATCH = 100;
/**
 * Where the background growth stops: above the few hundred rooms most accounts have (all of them live,
 * as before), well below the thousands that would fill the renderer's memory.
 */
export const BACKGROUND_LIMIT = 500;

/**
 * The end of the range the background growth asks for next: one batch more than asked so far, up to
 * the end of the list or BACKGROUND_LIMIT; `requestedEnd` itself when there or the size is unknown.
 */
export function backgroundRangeEnd(requestedEnd: number, total: number | null): number {
  if (total === null) return requestedEnd;
  const last = Math.min(total, BACKGROUND_LIMIT) - 1;
  return requestedEnd >= last ? requestedEnd : Math.min(last, requestedEnd + BACKGROUND_BATCH);
}

/** The index of the last row whose top is above the bottom of the viewport (rows sorted by top). */
export function lastVisibleRow(rowTops: readonly number[], viewportBottom: number): number {
  let low = 0;
  let high = rowTops.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if ((rowTops[mid] ?? Infinity) < viewportBottom) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}
