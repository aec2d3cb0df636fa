import { describe, expect, it } from 'vitest';
import { tabIndexForKey } from '../../../../src/renderer/ui/tabKeys.ts';

describe('tabIndexForKey', () => {
  it('steps with either arrow pair and wraps at both ends', () => {
    expect(tabIndexForKey('ArrowDown', 0, 3)).toBe(1);
    expect(tabIndexForKey('ArrowRight', 2, 3)).toBe(0);
    expect(tabIndexForKey('ArrowUp', 0, 3)).toBe(2);
    expect(tabIndexForKey('ArrowLeft', 1, 3)).toBe(0);
  });

  it('goes to the first and last tab with Home and End', () => {
    expect(tabIndexForKey('Home', 2, 5)).toBe(0);
    expect(tabIndexForKey('End', 0, 5)).toBe(4);
  });

  it('leaves other keys, and an empty list, alone', () => {
    expect(tabIndexForKey('Enter', 1, 3)).toBeNull();
    expect(tabIndexForKey('a', 1, 3)).toBeNull();
    expect(tabIndexForKey('ArrowDown', 0, 0)).toBeNull();
  });
});
