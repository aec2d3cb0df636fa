import { describe, expect, it } from 'vitest';
import {
  BACKGROUND_BATCH,
  BACKGROUND_LIMIT,
  backgroundRangeEnd,
  lastVisibleRow,
  nextRangeEnd,
  PAGE_SIZE,
  PREFETCH_ROWS,
} from '../../../../../src/renderer/matrix/sync/listWindow.ts';

const start = { lastVisibleIndex: -1, total: null, requestedEnd: -1 };

describe('nextRangeEnd', () => {
  it('asks for the first page before anything is shown', () => {
    expect(nextRangeEnd(start)).toBe(PAGE_SIZE - 1);
  });

  it('keeps the first page while the visible rows are far from its end', () => {
    expect(nextRangeEnd({ ...start, lastVisibleIndex: 8, total: 300, requestedEnd: 19 })).toBe(19);
  });

  it('loads the next page when the last visible row nears the end of what is loaded', () => {
    expect(nextRangeEnd({ ...start, lastVisibleIndex: 19 - PREFETCH_ROWS, total: 300, requestedEnd: 19 })).toBe(39);
    expect(nextRangeEnd({ ...start, lastVisibleIndex: 19, total: 300, requestedEnd: 19 })).toBe(39);
  });

  it('loads whole pages past a long scroll, in one request', () => {
    expect(nextRangeEnd({ ...start, lastVisibleIndex: 95, total: 300, requestedEnd: 39 })).toBe(119);
  });

  it('never asks past the end of the list', () => {
    expect(nextRangeEnd({ ...start, lastVisibleIndex: 40, total: 45, requestedEnd: 39 })).toBe(44);
    expect(nextRangeEnd({ ...start, lastVisibleIndex: 44, total: 45, requestedEnd: 44 })).toBe(44);
  });

  it('never shrinks what was asked for, so rooms on screen stay live', () => {
    expect(nextRangeEnd({ ...start, lastVisibleIndex: 0, total: 300, requestedEnd: 119 })).toBe(119);
    // The list got shorter (rooms left): the range stays, the server just returns fewer.
    expect(nextRangeEnd({ ...start, lastVisibleIndex: 0, total: 10, requestedEnd: 59 })).toBe(59);
  });

  it('keeps a full first page on a small account', () => {
    expect(nextRangeEnd({ ...start, lastVisibleIndex: 4, total: 5, requestedEnd: 19 })).toBe(19);
  });

  it('does not grow for a scroll made before the list size is known beyond the next pages', () => {
    expect(nextRangeEnd({ ...start, lastVisibleIndex: 25, requestedEnd: 19 })).toBe(39);
  });
});

describe('lastVisibleRow', () => {
  const tops = [0, 40, 80, 120, 160];

  it('finds the last row starting above the bottom of the viewport', () => {
    expect(lastVisibleRow(tops, 100)).toBe(2);
    expect(lastVisibleRow(tops, 120)).toBe(2);
    expect(lastVisibleRow(tops, 121)).toBe(3);
  });

  it('returns -1 for no rows, or rows all below the viewport', () => {
    expect(lastVisibleRow([], 500)).toBe(-1);
    expect(lastVisibleRow([600, 640], 500)).toBe(-1);
  });

  it('returns the last row when all fit', () => {
    expect(lastVisibleRow(tops, 10_000)).toBe(4);
  });
});

describe('backgroundRangeEnd', () => {
  it('adds one batch at a time, up to the last room of the list', () => {
    expect(backgroundRangeEnd(19, 450)).toBe(19 + BACKGROUND_BATCH);
    expect(backgroundRangeEnd(419, 450)).toBe(449);
  });

  it('stops at the limit on a large account: the names list knows the rest', () => {
    expect(backgroundRangeEnd(419, 3_000)).toBe(BACKGROUND_LIMIT - 1);
    expect(backgroundRangeEnd(BACKGROUND_LIMIT - 1, 3_000)).toBe(BACKGROUND_LIMIT - 1);
  });

  it('never shrinks a range the user scrolled past the limit', () => {
    expect(backgroundRangeEnd(799, 3_000)).toBe(799);
  });

  it('asks nothing more once the whole list is loaded, or before its size is known', () => {
    expect(backgroundRangeEnd(449, 450)).toBe(449);
    expect(backgroundRangeEnd(19, 12)).toBe(19);
    expect(backgroundRangeEnd(19, null)).toBe(19);
  });
});
