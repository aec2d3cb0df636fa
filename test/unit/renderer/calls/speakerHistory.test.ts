import { describe, expect, it } from 'vitest';
import { keepPresent, noteSpeaker } from '../../../../src/renderer/calls/speakerHistory.ts';

describe('speaker history', () => {
  it('keeps the last speakers, most recent first, up to the limit', () => {
    let h: readonly string[] = [];
    for (const id of ['a', 'b', 'c', 'd']) h = noteSpeaker(h, id, 3);
    expect(h).toEqual(['d', 'c', 'b']);
  });

  it('moves a returning speaker to the front without growing the list', () => {
    expect(noteSpeaker(['b', 'a'], 'a', 4)).toEqual(['a', 'b']);
  });

  it('changes nothing on silence or when the same person goes on talking', () => {
    const h = ['a', 'b'];
    expect(noteSpeaker(h, null, 4)).toBe(h);
    expect(noteSpeaker(h, 'a', 4)).toBe(h);
  });

  it('forgets those who left, and returns the same list when nobody did', () => {
    const h = ['a', 'b', 'c'];
    expect(keepPresent(h, new Set(['a', 'c']))).toEqual(['a', 'c']);
    expect(keepPresent(h, new Set(['a', 'b', 'c', 'd']))).toBe(h);
  });
});
