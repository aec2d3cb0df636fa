import { describe, expect, it } from 'vitest';
import { isHistorySlice, sliceContinues } from '../../../../../src/renderer/matrix/sync/timelineSlice.ts';

const base = { name: '', required_state: [], timeline: [] };

describe('isHistorySlice', () => {
  it('a first look, a gap, or the latest events resent for a bigger window', () => {
    expect(isHistorySlice({ ...base, initial: true })).toBe(true);
    expect(isHistorySlice({ ...base, limited: true })).toBe(true);
    expect(isHistorySlice({ ...base, unstable_expanded_timeline: true, limited: false })).toBe(true);
  });

  it('not what is new since the last answer', () => {
    expect(isHistorySlice(base)).toBe(false);
    expect(isHistorySlice({ ...base, initial: false, limited: false })).toBe(false);
  });
});

describe('sliceContinues', () => {
  it('nothing held, or nothing sent: nothing can be misplaced', () => {
    expect(sliceContinues([], ['$a', '$b'])).toBe(true);
    expect(sliceContinues(['$a'], [])).toBe(true);
  });

  it('the slice starts with the last events held, then only new ones: appending is right', () => {
    expect(sliceContinues(['$a', '$b', '$c'], ['$b', '$c', '$d', '$e'])).toBe(true);
    expect(sliceContinues(['$a', '$b'], ['$a', '$b'])).toBe(true);
  });

  it('the room of the list, known by its last event, opened: older events come before it', () => {
    // Held: the last event, from the room list. Sent: the room's history up to that event.
    expect(sliceContinues(['$join'], ['$create', '$invite', '$one', '$two', '$join'])).toBe(false);
  });

  it('a gap behind the slice: none of it held', () => {
    expect(sliceContinues(['$a', '$b'], ['$x', '$y'])).toBe(false);
  });

  it('a gap inside what is held: events missing between two held ones', () => {
    // Two messages arrived in one answer while only the last could be sent.
    expect(sliceContinues(['$first', '$c'], ['$first', '$a', '$b', '$c'])).toBe(false);
  });

  it('the held events the slice starts with are not the last ones held', () => {
    expect(sliceContinues(['$a', '$b', '$c'], ['$a', '$b', '$d'])).toBe(false);
    expect(sliceContinues(['$b', '$a'], ['$a', '$b', '$c'])).toBe(false);
  });
});
