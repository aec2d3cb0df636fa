import { describe, expect, it } from 'vitest';
import {
  NAMES_LIST_KEY,
  NAMES_PAGE_SIZE,
  parseRoomNames,
  remainingPages,
  roomNamesRequest,
} from '../../../../../src/renderer/matrix/sync/roomNames.ts';

describe('roomNamesRequest', () => {
  it('asks for a range of the list with no timeline and no state, on its own connection', () => {
    expect(roomNamesRequest(1_000, 1_999)).toEqual({
      conn_id: 'relais-room-names',
      lists: { [NAMES_LIST_KEY]: { ranges: [[1_000, 1_999]], timeline_limit: 0, required_state: [] } },
    });
  });
});

describe('parseRoomNames', () => {
  const answer = {
    pos: '1',
    lists: { [NAMES_LIST_KEY]: { count: 3_000, ops: [{ op: 'SYNC', range: [0, 2], room_ids: ['!b:x', '!a:x', '!dm:x'] }] } },
    rooms: {
      '!a:x': { name: 'Budget 2027', bump_stamp: 10, notification_count: 2, highlight_count: 1, avatar: 'mxc://x/a' },
      '!b:x': { name: 'Équipe', bump_stamp: 20, notification_count: 0, highlight_count: 0 },
      '!dm:x': { heroes: [{ user_id: '@marianne:x', displayname: 'Marianne' }, { user_id: '@jules:x' }], bump_stamp: 5 },
    },
    extensions: {},
  };

  it('reads the size, names, avatars and counts, ranked in the server’s order from the page start', () => {
    const { total, rooms } = parseRoomNames(answer, 1_000);
    expect(total).toBe(3_000);
    expect(rooms).toEqual([
      { roomId: '!b:x', name: 'Équipe', invite: false, unread: 0, mentions: 0, rank: 1_000 },
      { roomId: '!a:x', name: 'Budget 2027', invite: false, unread: 2, mentions: 1, rank: 1_001, avatarMxc: 'mxc://x/a' },
      { roomId: '!dm:x', name: 'Marianne, @jules:x', invite: false, unread: 0, mentions: 0, rank: 1_002 },
    ]);
  });

  it('ranks by bump stamp when the server gives no order', () => {
    const { rooms } = parseRoomNames({ ...answer, lists: { [NAMES_LIST_KEY]: { count: 3 } } }, 0);
    expect(rooms.map((r) => r.roomId)).toEqual(['!b:x', '!a:x', '!dm:x']);
  });

  it('names an invitation from its stripped state, with no counts', () => {
    const { rooms } = parseRoomNames(
      {
        lists: { [NAMES_LIST_KEY]: { count: 1 } },
        rooms: {
          '!i:x': {
            notification_count: 4,
            invite_state: [{ type: 'm.room.name', state_key: '', content: { name: 'Comité' } }],
          },
        },
      },
      0,
    );
    expect(rooms).toEqual([{ roomId: '!i:x', name: 'Comité', invite: true, unread: 0, mentions: 0, rank: 0 }]);
  });

  it('falls back to the room ID, and survives a malformed answer', () => {
    expect(parseRoomNames({ rooms: { '!n:x': {} } }, 0).rooms[0]?.name).toBe('!n:x');
    expect(parseRoomNames({ rooms: { '!n:x': null } }, 0)).toEqual({ total: 0, rooms: [] });
    expect(parseRoomNames(null, 0)).toEqual({ total: 0, rooms: [] });
  });
});

describe('remainingPages', () => {
  it('covers the rest of the list in whole pages after the first', () => {
    expect(remainingPages(3_000)).toEqual([
      [NAMES_PAGE_SIZE, 2 * NAMES_PAGE_SIZE - 1],
      [2 * NAMES_PAGE_SIZE, 2_999],
    ]);
    expect(remainingPages(2_500, 1_000)).toEqual([
      [1_000, 1_999],
      [2_000, 2_499],
    ]);
  });

  it('asks nothing more when the first page held the whole list', () => {
    expect(remainingPages(NAMES_PAGE_SIZE)).toEqual([]);
    expect(remainingPages(12)).toEqual([]);
  });
});
