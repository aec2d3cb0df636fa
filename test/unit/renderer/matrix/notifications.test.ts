import { MatrixEvent, type Room } from 'matrix-js-sdk';
import { describe, expect, it } from 'vitest';
import { shouldNotify, type NotifyContext } from '../../../../src/renderer/matrix/notifications.ts';

const room = { roomId: '!r:hs', name: 'Budget' } as unknown as Room;
const message = (sender: string) =>
  new MatrixEvent({ type: 'm.room.message', sender, room_id: room.roomId, content: { msgtype: 'm.text', body: 'hi' } });
const ctx: NotifyContext = { myUserId: '@me:hs', pushNotify: true, openRoomId: null, windowFocused: true, isLiveEvent: true };

describe('shouldNotify', () => {
  it('follows the push rules: a muted room (no notify action) raises nothing', () => {
    expect(shouldNotify(message('@them:hs'), room, ctx)).toBe(true);
    expect(shouldNotify(message('@them:hs'), room, { ...ctx, pushNotify: false })).toBe(false);
  });

  it('never for my own messages, replayed history, or the room in view in a focused window', () => {
    expect(shouldNotify(message('@me:hs'), room, ctx)).toBe(false);
    expect(shouldNotify(message('@them:hs'), room, { ...ctx, isLiveEvent: false })).toBe(false);
    expect(shouldNotify(message('@them:hs'), room, { ...ctx, openRoomId: room.roomId })).toBe(false);
    expect(shouldNotify(message('@them:hs'), room, { ...ctx, openRoomId: room.roomId, windowFocused: false })).toBe(true);
  });
});
