// The membership view on its own: pushed events in, joined state and removals out.
import { describe, expect, it } from 'vitest';
import { MembershipView, type PushedEvent } from '../../../../sfu/src/membership/view.ts';

const ROOM = '!call:example.org';
const ALICE = '@alice:example.org';
const ADMIN = '@admin:example.org';

const member = (userId: string, membership: string, sender = userId, content: Record<string, unknown> = {}): PushedEvent => ({
  type: 'm.room.member',
  room_id: ROOM,
  sender,
  state_key: userId,
  content: { membership, ...content },
});
const message = (sender: string, room = ROOM): PushedEvent => ({ type: 'm.room.message', room_id: room, sender, content: {} });

describe('membership view', () => {
  it('joins with the display name of the room state, and reports the change', () => {
    const view = new MembershipView({ maxRooms: 10 });
    const changes = view.apply([member(ALICE, 'join', ALICE, { displayname: 'Alice Martin', avatar_url: 'mxc://x/y' })]);
    expect(changes).toEqual([
      { roomId: ROOM, userId: ALICE, before: 'unknown', after: expect.objectContaining({ state: 'joined' }) as unknown },
    ]);
    expect(view.get(ROOM, ALICE)).toMatchObject({ state: 'joined', displayName: 'Alice Martin', avatarUrl: 'mxc://x/y' });
  });

  it('tells a kick (leave sent by someone else), a ban and an own leave apart', () => {
    const view = new MembershipView({ maxRooms: 10 });
    view.apply([member(ALICE, 'join')]);
    expect(view.apply([member(ALICE, 'leave', ADMIN)])[0]?.after).toMatchObject({
      state: 'not-joined',
      reason: 'kicked',
      by: ADMIN,
    });
    view.apply([member(ALICE, 'join')]);
    expect(view.apply([member(ALICE, 'ban', ADMIN)])[0]?.after).toMatchObject({ reason: 'banned', by: ADMIN });
    view.apply([member(ALICE, 'leave', ADMIN), member(ALICE, 'invite', ADMIN), member(ALICE, 'join')]);
    expect(view.apply([member(ALICE, 'leave')])[0]?.after).toMatchObject({ reason: 'left-room' });
    expect(view.get(ROOM, ALICE)?.by).toBeUndefined();
  });

  it('counts any event a user sent as proof they were joined, unless a membership seen says otherwise', () => {
    const view = new MembershipView({ maxRooms: 10 });
    expect(view.apply([message(ALICE)])).toHaveLength(1);
    expect(view.get(ROOM, ALICE)?.state).toBe('joined');
    view.apply([member(ALICE, 'leave', ADMIN)]);
    expect(view.apply([message(ALICE)])).toEqual([]);
    expect(view.get(ROOM, ALICE)?.state).toBe('not-joined');
    // The kicker is proven joined by the kick itself.
    expect(view.get(ROOM, ADMIN)?.state).toBe('joined');
  });

  it('only reports changes of joined state (a new display name is not one)', () => {
    const view = new MembershipView({ maxRooms: 10 });
    view.apply([member(ALICE, 'join')]);
    expect(view.apply([member(ALICE, 'join', ALICE, { displayname: 'A. Martin' })])).toEqual([]);
    expect(view.get(ROOM, ALICE)?.displayName).toBe('A. Martin');
  });

  it('remembers a removal from a call until the user joins the room again', () => {
    const view = new MembershipView({ maxRooms: 10 });
    view.apply([member(ALICE, 'join'), member(ALICE, 'leave', ADMIN)]);
    view.markRemovedFromCall(ROOM, ALICE);
    expect(view.get(ROOM, ALICE)?.removedFromCall).toBe(true);
    view.apply([member(ALICE, 'invite', ADMIN)]);
    view.apply([member(ALICE, 'join')]);
    expect(view.get(ROOM, ALICE)).toMatchObject({ state: 'joined' });
    expect(view.get(ROOM, ALICE)?.removedFromCall).toBeUndefined();
  });

  it('records only the users of its homeserver', () => {
    const view = new MembershipView({ maxRooms: 10, tracksUser: (userId) => userId.endsWith(':example.org') });
    view.apply([member('@eve:elsewhere.example', 'join'), message('@eve:elsewhere.example')]);
    expect(view.get(ROOM, '@eve:elsewhere.example')).toBeUndefined();
  });

  it('forgets the least recently updated rooms beyond its bound, and survives a snapshot round trip', () => {
    const view = new MembershipView({ maxRooms: 2 });
    view.apply([message(ALICE, '!one:x'), message(ALICE, '!two:x')]);
    view.touch('!one:x');
    view.apply([message(ALICE, '!three:x')]);
    expect(view.roomCount).toBe(2);
    expect(view.get('!two:x', ALICE)).toBeUndefined();
    const restored = new MembershipView({ maxRooms: 2 }, JSON.parse(JSON.stringify(view.snapshot())) as never);
    expect(restored.get('!one:x', ALICE)?.state).toBe('joined');
    expect(restored.get('!three:x', ALICE)?.state).toBe('joined');
  });
});
