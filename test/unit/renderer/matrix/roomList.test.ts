import type { MatrixClient, Room } from 'matrix-js-sdk';
import { describe, expect, it } from 'vitest';
import {
  directRoomIds,
  listRooms,
  sortRooms,
  summarizeRoom,
  withCachedRooms,
  type RoomSummary,
} from '../../../../src/renderer/matrix/roomList.ts';

function summary(roomId: string, overrides: Partial<RoomSummary> = {}): RoomSummary {
  return { roomId, name: roomId, kind: 'room', unread: 0, mentions: 0, lastActivity: 0, ...overrides };
}

function ids(rooms: RoomSummary[]): string[] {
  return rooms.map((r) => r.roomId);
}

describe('sortRooms', () => {
  it('puts invites first, then the most recent activity first', () => {
    const rooms = [
      summary('old', { lastActivity: 100 }),
      summary('invite-old', { kind: 'invite', lastActivity: 50 }),
      summary('new', { lastActivity: 300 }),
      summary('dm', { kind: 'dm', lastActivity: 200 }),
      summary('invite-new', { kind: 'invite', lastActivity: 400 }),
    ];
    expect(ids(sortRooms(rooms))).toEqual(['invite-new', 'invite-old', 'new', 'dm', 'old']);
  });

  it('an invite older than every room still comes first', () => {
    const rooms = [summary('busy', { lastActivity: Date.now() }), summary('invite', { kind: 'invite', lastActivity: 0 })];
    expect(ids(sortRooms(rooms))).toEqual(['invite', 'busy']);
  });

  it('breaks recency ties by name', () => {
    const rooms = [
      summary('c', { name: 'Charlie', lastActivity: 10 }),
      summary('a', { name: 'alpha', lastActivity: 10 }),
      summary('b', { name: 'Bravo', lastActivity: 10 }),
      summary('z', { name: 'Zulu', lastActivity: 11 }),
    ];
    expect(ids(sortRooms(rooms))).toEqual(['z', 'a', 'b', 'c']);
  });

  it('breaks ties by name among invites too', () => {
    const rooms = [summary('2', { kind: 'invite', name: 'Beta' }), summary('1', { kind: 'invite', name: 'Alpha' })];
    expect(ids(sortRooms(rooms))).toEqual(['1', '2']);
  });

  it('does not mutate its input and is deterministic', () => {
    const rooms = [summary('a', { lastActivity: 1 }), summary('b', { lastActivity: 2 }), summary('i', { kind: 'invite' })];
    const before = ids(rooms);
    const sorted = sortRooms(rooms);
    expect(ids(rooms)).toEqual(before);
    expect(sorted).not.toBe(rooms);
    expect(ids(sortRooms([...rooms].reverse()))).toEqual(ids(sorted));
  });

  it('handles empty and single lists', () => {
    expect(sortRooms([])).toEqual([]);
    expect(ids(sortRooms([summary('only')]))).toEqual(['only']);
  });
});

interface FakeRoomSpec {
  roomId: string;
  name?: string;
  membership: string;
  total?: number;
  highlight?: number;
  lastActive?: number;
  messages?: { sender: string; body: string }[];
  avatar?: string;
  tags?: Record<string, object>;
}

function fakeRoom(spec: FakeRoomSpec): Room {
  const room = {
    roomId: spec.roomId,
    name: spec.name ?? '',
    getMyMembership: () => spec.membership,
    getUnreadNotificationCount: (type?: string) => (type === 'highlight' ? (spec.highlight ?? 0) : (spec.total ?? 0)),
    getLastActiveTimestamp: () => spec.lastActive ?? 0,
    hasUserReadEvent: () => false,
    getAccountData: () => undefined,
    getMxcAvatarUrl: () => spec.avatar ?? null,
    getAvatarFallbackMember: () => undefined,
    tags: spec.tags ?? {},
    getLiveTimeline: () => ({
      getEvents: () =>
        (spec.messages ?? []).map(({ sender, body }) => ({
          getType: () => 'm.room.message',
          getContent: () => ({ msgtype: 'm.text', body }),
          sender: { name: sender },
          getSender: () => `@${sender}:x`,
          getId: () => `$${body}`,
          isRedacted: () => false,
          isState: () => false,
          getWireContent: () => ({ msgtype: 'm.text', body }),
        })),
    }),
  };
  return room as unknown as Room;
}

function fakeClient(rooms: Room[], direct: Record<string, string[]> | undefined): MatrixClient {
  const client = {
    getRooms: () => rooms,
    getSafeUserId: () => '@me:x',
    // Every message notifies; none highlights.
    getPushActionsForEvent: () => ({ notify: true, tweaks: {} }),
    getAccountData: (type: string) => (type === 'm.direct' && direct ? { getContent: () => direct } : undefined),
  };
  return client as unknown as MatrixClient;
}

describe('summarizeRoom', () => {
  it('previews the latest message with its sender', () => {
    const room = fakeRoom({
      roomId: '!a:x',
      name: 'Équipe',
      membership: 'join',
      messages: [
        { sender: 'Carole', body: 'Bonjour' },
        { sender: 'Pablo', body: 'Réunion à 10 h' },
      ],
    });
    expect(summarizeRoom(room, new Set())?.preview).toBe('Pablo: Réunion à 10 h');
  });

  it("carries the room's avatar when it has one", () => {
    const room = fakeRoom({ roomId: '!a:x', name: 'Équipe', membership: 'join', avatar: 'mxc://hs/abc' });
    expect(summarizeRoom(room, new Set())?.avatarMxc).toBe('mxc://hs/abc');
  });

  it('summarises a joined room with its counts', () => {
    const room = fakeRoom({ roomId: '!a:x', name: 'Équipe', membership: 'join', total: 5, highlight: 2, lastActive: 42 });
    expect(summarizeRoom(room, new Set())).toEqual({
      roomId: '!a:x',
      name: 'Équipe',
      kind: 'room',
      unread: 5,
      mentions: 2,
      lastActivity: 42,
    });
  });

  it('marks direct chats and invites', () => {
    const direct = new Set(['!dm:x', '!inv:x']);
    expect(summarizeRoom(fakeRoom({ roomId: '!dm:x', membership: 'join' }), direct)?.kind).toBe('dm');
    // An invite is an invite, even when m.direct already lists it.
    expect(summarizeRoom(fakeRoom({ roomId: '!inv:x', membership: 'invite' }), direct)?.kind).toBe('invite');
  });

  it('falls back to the room id when the room has no name', () => {
    expect(summarizeRoom(fakeRoom({ roomId: '!noname:x', membership: 'join' }), new Set())?.name).toBe('!noname:x');
  });

  it.each(['leave', 'ban', 'knock', ''])('drops rooms with membership %j', (membership) => {
    expect(summarizeRoom(fakeRoom({ roomId: '!r:x', membership }), new Set())).toBeNull();
  });
});

describe('directRoomIds and listRooms', () => {
  it('flattens m.direct into a set of room ids', () => {
    const client = fakeClient([], { '@a:x': ['!1:x', '!2:x'], '@b:x': ['!2:x', '!3:x'] });
    expect([...directRoomIds(client)].sort()).toEqual(['!1:x', '!2:x', '!3:x']);
  });

  it('copes with no m.direct account data', () => {
    expect(directRoomIds(fakeClient([], undefined)).size).toBe(0);
  });

  it('lists joined and invited rooms, sorted, without left ones', () => {
    const client = fakeClient(
      [
        fakeRoom({ roomId: '!old:x', name: 'Old', membership: 'join', lastActive: 1 }),
        fakeRoom({ roomId: '!left:x', name: 'Left', membership: 'leave', lastActive: 999 }),
        fakeRoom({ roomId: '!dm:x', name: 'Alice', membership: 'join', lastActive: 5 }),
        fakeRoom({ roomId: '!inv:x', name: 'Invite', membership: 'invite', lastActive: 0 }),
      ],
      { '@alice:x': ['!dm:x'] },
    );
    const rooms = listRooms(client);
    expect(rooms.map((r) => [r.roomId, r.kind])).toEqual([
      ['!inv:x', 'invite'],
      ['!dm:x', 'dm'],
      ['!old:x', 'room'],
    ]);
  });
});

describe('listRooms: counts and tags', () => {
  it('counts unread messages on this device where the server says 0 (sliding sync)', () => {
    const room = fakeRoom({
      roomId: '!b:x',
      name: 'B',
      membership: 'join',
      messages: [
        { sender: 'bob', body: 'one' },
        { sender: 'bob', body: 'two' },
      ],
    });
    const [summary] = listRooms(fakeClient([room], undefined));
    expect(summary).toMatchObject({ unread: 2, mentions: 0 });
  });

  it('carries the favourite and low-priority tags', () => {
    const rooms = listRooms(
      fakeClient(
        [
          fakeRoom({ roomId: '!f:x', membership: 'join', tags: { 'm.favourite': { order: 0.5 } }, lastActive: 2 }),
          fakeRoom({ roomId: '!l:x', membership: 'join', tags: { 'm.lowpriority': {} }, lastActive: 1 }),
          fakeRoom({ roomId: '!n:x', membership: 'join', tags: { 'u.work': {} } }),
        ],
        undefined,
      ),
    );
    expect(rooms.map((r) => [r.roomId, r.favourite, r.lowPriority])).toEqual([
      ['!f:x', true, undefined],
      ['!l:x', undefined, true],
      ['!n:x', undefined, undefined],
    ]);
  });
});

describe('withCachedRooms', () => {
  const live = [summary('!new', { lastActivity: 50 }), summary('!b', { lastActivity: 30, unread: 2 })];
  const cached = [
    summary('!a', { lastActivity: 40 }),
    summary('!b', { lastActivity: 20 }),
    summary('!left', { lastActivity: 15 }),
    summary('!old', { lastActivity: 10 }),
  ];
  const growing = (total: number | null, known: string[]) => ({
    total,
    knownCount: known.length,
    knows: (roomId: string) => known.includes(roomId),
  });

  it('while the sliding list is growing, fills in cached rooms not loaded yet, in their place by recency', () => {
    const merged = withCachedRooms(live, cached, growing(10, ['!new', '!b']));
    expect(ids([...merged])).toEqual(['!new', '!a', '!b', '!left', '!old']);
    // A room the live list has is shown as it is now, not as the cache knew it.
    expect(merged.find((r) => r.roomId === '!b')).toMatchObject({ unread: 2, lastActivity: 30 });
  });

  it('never brings back from the cache a room the client has but does not list (left, kicked, banned)', () => {
    expect(ids([...withCachedRooms(live, cached, growing(10, ['!new', '!b', '!left']))])).toEqual(['!new', '!a', '!b', '!old']);
  });

  it('shows the live list alone once the client has as many rooms as the list holds, kicked ones included', () => {
    // The server counts a room I was kicked from; the live list does not show it, the client has it.
    expect(withCachedRooms(live, cached, growing(3, ['!new', '!b', '!kicked']))).toBe(live);
  });

  it('shows the live list alone under classic sync, or without a cache', () => {
    expect(withCachedRooms(live, cached, growing(null, ['!new', '!b']))).toBe(live);
    expect(withCachedRooms(live, [], growing(10, ['!new', '!b']))).toBe(live);
  });
});
