import { describe, expect, it } from 'vitest';
import { listStillLoading, mergeRoomList, namedRoomSummary, withFoundRooms } from '../../../../src/renderer/matrix/namedRooms.ts';
import type { RoomSummary } from '../../../../src/renderer/matrix/roomList.ts';
import type { NamedRoom } from '../../../../src/renderer/matrix/sync/roomNames.ts';

const row = (roomId: string, lastActivity: number, extra: Partial<RoomSummary> = {}): RoomSummary => ({
  roomId,
  name: roomId,
  kind: 'room',
  unread: 0,
  mentions: 0,
  lastActivity,
  ...extra,
});
const named = (roomId: string, rank: number, extra: Partial<NamedRoom> = {}): NamedRoom => ({
  roomId,
  name: `Name of ${roomId}`,
  invite: false,
  unread: 0,
  mentions: 0,
  rank,
  ...extra,
});
const namesOf = (rooms: NamedRoom[], complete: boolean) => ({ rooms: new Map(rooms.map((r) => [r.roomId, r])), complete });
const noDirect = new Set<string>();

describe('namedRoomSummary', () => {
  it('is an undated row ranked by the server, a DM when m.direct says so, an invitation when it is one', () => {
    expect(namedRoomSummary(named('!a', 7, { unread: 3, mentions: 1, avatarMxc: 'mxc://x/a' }), noDirect)).toEqual({
      roomId: '!a',
      name: 'Name of !a',
      kind: 'room',
      unread: 3,
      mentions: 1,
      lastActivity: 0,
      rank: 7,
      avatarMxc: 'mxc://x/a',
    });
    expect(namedRoomSummary(named('!d', 0), new Set(['!d'])).kind).toBe('dm');
    expect(namedRoomSummary(named('!i', 0, { invite: true }), new Set(['!i'])).kind).toBe('invite');
  });
});

describe('mergeRoomList', () => {
  // The live list brought the 2 most recent rooms of 5; the client knows only those.
  const live = [row('!1', 500), row('!2', 400)];
  const list = { total: 5, knownCount: 2, knows: (id: string) => id === '!1' || id === '!2' };

  it('lists every room the names list knows after the live ones, in the server’s order', () => {
    const names = namesOf([named('!1', 0), named('!2', 1), named('!5', 4), named('!3', 2), named('!4', 3)], false);
    const merged = mergeRoomList({ live, cached: [], list, names, direct: noDirect });
    expect(merged.map((r) => r.roomId)).toEqual(['!1', '!2', '!3', '!4', '!5']);
    // Live rows are the live ones, not their names-list copy.
    expect(merged[0]).toBe(live[0]);
  });

  it('prefers a cached row (it has a preview and a date) to a row by name', () => {
    const cachedRow = row('!3', 300, { preview: 'Alice: hi' });
    const merged = mergeRoomList({
      live,
      cached: [cachedRow],
      list,
      names: namesOf([named('!3', 2), named('!4', 3)], false),
      direct: noDirect,
    });
    expect(merged.map((r) => r.roomId)).toEqual(['!1', '!2', '!3', '!4']);
    expect(merged[2]).toBe(cachedRow);
  });

  it('drops a cached room the whole names list no longer holds (left since the last session)', () => {
    const merged = mergeRoomList({
      live,
      cached: [row('!gone', 300)],
      list,
      names: namesOf([named('!3', 2)], true),
      direct: noDirect,
    });
    expect(merged.map((r) => r.roomId)).toEqual(['!1', '!2', '!3']);
  });

  it('keeps cached rooms while the names list is incomplete, and never relists a room the client has', () => {
    const knowsLeft = { ...list, knows: (id: string) => ['!1', '!2', '!left'].includes(id) };
    const merged = mergeRoomList({
      live,
      cached: [row('!c', 300)],
      list: knowsLeft,
      names: namesOf([named('!left', 2)], false),
      direct: noDirect,
    });
    expect(merged.map((r) => r.roomId)).toEqual(['!1', '!2', '!c']);
  });

  it('is the live list under classic sync', () => {
    const classic = { total: null, knownCount: 2, knows: list.knows };
    expect(mergeRoomList({ live, cached: [row('!c', 1)], list: classic, names: null, direct: noDirect })).toBe(live);
  });
});

describe('listStillLoading', () => {
  const names = (complete: boolean) => namesOf([named('!a', 0)], complete);

  it('is loading under sliding sync until the names list or the live list is whole', () => {
    expect(listStillLoading({ sliding: true, names: null, list: { total: null, knownCount: 0 } })).toBe(true);
    expect(listStillLoading({ sliding: true, names: names(false), list: { total: 3_000, knownCount: 120 } })).toBe(true);
    expect(listStillLoading({ sliding: true, names: names(true), list: { total: 3_000, knownCount: 120 } })).toBe(false);
    expect(listStillLoading({ sliding: true, names: null, list: { total: 40, knownCount: 40 } })).toBe(false);
  });

  it('never is under classic sync, which brings every room at once', () => {
    expect(listStillLoading({ sliding: false, names: null, list: { total: null, knownCount: 0 } })).toBe(false);
  });
});

describe('withFoundRooms', () => {
  it('adds the rooms the server search found that the list lacks, after the dated rows', () => {
    const rooms = [row('!1', 500), row('!2', 400)];
    const found = [
      namedRoomSummary(named('!9', 1_000_000_000), noDirect),
      namedRoomSummary(named('!1', 1_000_000_001), noDirect),
    ];
    const merged = withFoundRooms(rooms, found);
    expect(merged.map((r) => r.roomId)).toEqual(['!1', '!2', '!9']);
    expect(merged[0]).toBe(rooms[0]);
    expect(withFoundRooms(rooms, [])).toBe(rooms);
  });
});
