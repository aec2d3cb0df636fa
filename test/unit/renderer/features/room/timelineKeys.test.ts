import { describe, expect, it } from 'vitest';
import { rovingTarget, tabStopIndex } from '../../../../../src/renderer/features/room/timelineKeys.ts';

describe('moving between messages with the keyboard', () => {
  it('goes up and down one message, and stops at the ends', () => {
    expect(rovingTarget('ArrowUp', 5, 10)).toBe(4);
    expect(rovingTarget('ArrowDown', 5, 10)).toBe(6);
    expect(rovingTarget('ArrowUp', 0, 10)).toBe(0);
    expect(rovingTarget('ArrowDown', 9, 10)).toBe(9);
  });

  it('goes to the first and last loaded message with Home and End', () => {
    expect(rovingTarget('Home', 5, 10)).toBe(0);
    expect(rovingTarget('End', 5, 10)).toBe(9);
  });

  it('leaves other keys, and an empty list, alone', () => {
    expect(rovingTarget('Tab', 5, 10)).toBeNull();
    expect(rovingTarget('a', 5, 10)).toBeNull();
    expect(rovingTarget('ArrowUp', 0, 0)).toBeNull();
  });
});

describe('the message holding the tab stop', () => {
  it('is the newest until one is focused', () => {
    expect(tabStopIndex(-1, 10, 0, 9)).toBe(9);
    expect(tabStopIndex(4, 10, 0, 9)).toBe(4);
  });

  it('is the nearest drawn row when the focused one has scrolled out', () => {
    expect(tabStopIndex(2, 100, 40, 60)).toBe(40);
    expect(tabStopIndex(-1, 100, 40, 60)).toBe(60);
    expect(tabStopIndex(50, 100, 40, 60)).toBe(50);
  });

  it('is nothing in an empty list, and a message beyond the list is forgotten', () => {
    expect(tabStopIndex(-1, 0, undefined, undefined)).toBe(-1);
    expect(tabStopIndex(12, 10, undefined, undefined)).toBe(9);
  });
});
