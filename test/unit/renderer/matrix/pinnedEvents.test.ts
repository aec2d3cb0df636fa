import { describe, expect, it } from 'vitest';
import {
  clampPosition,
  nextPosition,
  pinnedAt,
  pinnedIds,
  withoutPin,
  withPin,
} from '../../../../src/renderer/matrix/pinnedEvents.ts';

describe('pinned events', () => {
  it('reads valid ids once each, oldest pin first', () => {
    expect(pinnedIds({ pinned: ['$a', 3, '$b', '$a', 'nope'] })).toEqual(['$a', '$b']);
    expect(pinnedIds(undefined)).toEqual([]);
    expect(pinnedIds({ pinned: 'x' })).toEqual([]);
  });
  it('pins last and unpins', () => {
    expect(withPin(['$a', '$b'], '$a')).toEqual(['$b', '$a']);
    expect(withPin([], '$a')).toEqual(['$a']);
    expect(withoutPin(['$a', '$b'], '$a')).toEqual(['$b']);
  });
  it('shows the newest pin first and cycles to older ones, then round', () => {
    const ids = ['$old', '$mid', '$new'];
    expect(pinnedAt(ids, 0)).toBe('$new');
    expect(pinnedAt(ids, 1)).toBe('$mid');
    expect(pinnedAt(ids, 2)).toBe('$old');
    expect(nextPosition(2, 3)).toBe(0);
    expect(pinnedAt([], 0)).toBeNull();
  });
  it('goes back to the newest when the position falls out of the list', () => {
    expect(clampPosition(2, 2)).toBe(0);
    expect(clampPosition(1, 2)).toBe(1);
  });
});
