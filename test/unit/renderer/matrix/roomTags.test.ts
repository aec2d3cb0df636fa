import { describe, expect, it, vi } from 'vitest';
import { moveRoom, placeOf, tagChanges } from '../../../../src/renderer/matrix/roomTags.ts';

describe('room tags', () => {
  it('reads where a room is listed, favourite first if both are set', () => {
    expect(placeOf({})).toBe('normal');
    expect(placeOf({ 'm.lowpriority': {} })).toBe('lowPriority');
    expect(placeOf({ 'm.favourite': {}, 'm.lowpriority': {} })).toBe('favourite');
  });

  it('adds the wanted tag and removes the other one, as Element does', () => {
    expect(tagChanges({ 'm.lowpriority': {} }, 'favourite')).toEqual({ add: ['m.favourite'], remove: ['m.lowpriority'] });
    expect(tagChanges({ 'm.favourite': {}, 'u.work': {} }, 'normal')).toEqual({ add: [], remove: ['m.favourite'] });
    expect(tagChanges({ 'm.favourite': {} }, 'favourite')).toEqual({ add: [], remove: [] });
  });

  it('removes before adding', async () => {
    const calls: string[] = [];
    const client = {
      setRoomTag: vi.fn((_room: string, tag: string) => (calls.push(`set ${tag}`), Promise.resolve({}))),
      deleteRoomTag: vi.fn((_room: string, tag: string) => (calls.push(`delete ${tag}`), Promise.resolve({}))),
    };
    await moveRoom(client, '!r:hs', { 'm.favourite': {} }, 'lowPriority');
    expect(calls).toEqual(['delete m.favourite', 'set m.lowpriority']);
  });
});
