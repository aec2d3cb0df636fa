import { describe, expect, it } from 'vitest';
import { adjacentRoomId, adjacentUnreadRoomId } from '../../../../../src/renderer/app/shell/roomNavigation.ts';

const rooms = [
  { roomId: '!a', unread: 0 },
  { roomId: '!b', unread: 2 },
  { roomId: '!c', unread: 0 },
  { roomId: '!d', unread: 1 },
];

describe('moving between rooms from the keyboard', () => {
  it('goes to the next and previous room in list order, wrapping around', () => {
    expect(adjacentRoomId(rooms, '!a', 1)).toBe('!b');
    expect(adjacentRoomId(rooms, '!d', 1)).toBe('!a');
    expect(adjacentRoomId(rooms, '!a', -1)).toBe('!d');
  });

  it('starts at either end when no room (or an unlisted one) is open', () => {
    expect(adjacentRoomId(rooms, null, 1)).toBe('!a');
    expect(adjacentRoomId(rooms, '!gone', -1)).toBe('!d');
    expect(adjacentRoomId([], null, 1)).toBeNull();
  });

  it('skips to the next room with unread messages, never the open one', () => {
    expect(adjacentUnreadRoomId(rooms, '!a', 1)).toBe('!b');
    expect(adjacentUnreadRoomId(rooms, '!b', 1)).toBe('!d');
    expect(adjacentUnreadRoomId(rooms, '!d', 1)).toBe('!b');
    expect(adjacentUnreadRoomId(rooms, '!b', -1)).toBe('!d');
    expect(adjacentUnreadRoomId(rooms, null, 1)).toBe('!b');
    expect(adjacentUnreadRoomId(rooms, null, -1)).toBe('!d');
  });

  it('answers null when nothing else is unread', () => {
    expect(adjacentUnreadRoomId([{ roomId: '!a', unread: 3 }], '!a', 1)).toBeNull();
    expect(adjacentUnreadRoomId([{ roomId: '!a', unread: 0 }], null, 1)).toBeNull();
  });
});
