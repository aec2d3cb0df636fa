import { describe, expect, it } from 'vitest';
import type { RoomSummary } from '../../../../src/renderer/matrix/roomList.ts';
import { groupRooms, sectionOf } from '../../../../src/renderer/matrix/roomSections.ts';

function room(roomId: string, overrides: Partial<RoomSummary> = {}): RoomSummary {
  return { roomId, name: roomId, kind: 'room', unread: 0, mentions: 0, lastActivity: 0, ...overrides };
}

describe('sectionOf', () => {
  it('puts each kind of room in its section', () => {
    expect(sectionOf(room('r'))).toBe('rooms');
    expect(sectionOf(room('d', { kind: 'dm' }))).toBe('people');
    expect(sectionOf(room('i', { kind: 'invite' }))).toBe('invites');
    expect(sectionOf(room('f', { favourite: true }))).toBe('favourites');
    expect(sectionOf(room('l', { lowPriority: true }))).toBe('lowPriority');
  });

  it('lets a tag beat being a direct message, and an invitation beat any tag', () => {
    expect(sectionOf(room('d', { kind: 'dm', favourite: true }))).toBe('favourites');
    expect(sectionOf(room('d', { kind: 'dm', lowPriority: true }))).toBe('lowPriority');
    expect(sectionOf(room('i', { kind: 'invite', favourite: true }))).toBe('invites');
    // Both tags (set by two clients): favourite wins, as it is the one the user sees first.
    expect(sectionOf(room('b', { favourite: true, lowPriority: true }))).toBe('favourites');
  });
});

describe('groupRooms', () => {
  it('gives the non-empty sections in display order, each by latest activity', () => {
    const sections = groupRooms([
      room('old', { lastActivity: 1 }),
      room('low', { lowPriority: true, lastActivity: 99 }),
      room('dm-old', { kind: 'dm', lastActivity: 2 }),
      room('new', { lastActivity: 50 }),
      room('fav', { favourite: true, lastActivity: 0 }),
      room('dm-new', { kind: 'dm', lastActivity: 40 }),
      room('inv', { kind: 'invite' }),
    ]);
    expect(sections.map((s) => [s.id, s.rooms.map((r) => r.roomId)])).toEqual([
      ['invites', ['inv']],
      ['favourites', ['fav']],
      ['people', ['dm-new', 'dm-old']],
      ['rooms', ['new', 'old']],
      ['lowPriority', ['low']],
    ]);
  });

  it('leaves out empty sections, and has none for no rooms', () => {
    expect(groupRooms([room('a')]).map((s) => s.id)).toEqual(['rooms']);
    expect(groupRooms([])).toEqual([]);
  });
});
