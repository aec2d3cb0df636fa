import type { Room } from 'matrix-js-sdk';
import { describe, expect, it } from 'vitest';
import { roomsToBackfill } from '../../../../../src/renderer/matrix/sync/unreadAtStart.ts';

const room = (roomId: string, membership = 'join') => ({ roomId, getMyMembership: () => membership }) as unknown as Room;

describe('counting unread messages exactly at sign-in', () => {
  const rooms = [room('!read'), room('!unread'), room('!invite', 'invite'), room('!tried'), room('!noToken'), room('!more')];
  const lowerBound = new Set(['!unread', '!invite', '!tried', '!noToken', '!more']);
  const token = (r: Room) => (r.roomId === '!noToken' ? null : `t-${r.roomId}`);

  it('fetches earlier events only for joined rooms whose count is a lower bound, once each', () => {
    const picked = roomsToBackfill(rooms, new Set(['!tried']), (r) => lowerBound.has(r.roomId), token, 10);
    expect(picked).toEqual([
      { roomId: '!unread', token: 't-!unread' },
      { roomId: '!more', token: 't-!more' },
    ]);
  });

  it('stops at the budget', () => {
    expect(roomsToBackfill(rooms, new Set(), (r) => lowerBound.has(r.roomId), token, 1)).toEqual([
      { roomId: '!unread', token: 't-!unread' },
    ]);
    expect(roomsToBackfill(rooms, new Set(), () => true, token, 0)).toEqual([]);
  });
});
