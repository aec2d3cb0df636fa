// Which incoming events deserve a desktop notification: those the person's push rules say notify
// (their choice in Settings → Notifications and per room, shared with their other clients: a muted
// room raises none), never my own, never history replayed by the initial sync, never the room I am
// looking at in a focused window.
import { EventType, type MatrixEvent, type Room } from 'matrix-js-sdk';

export interface NotifyContext {
  myUserId: string;
  /** The push rules' verdict on the event (for an encrypted one, on its decrypted content). */
  pushNotify: boolean;
  openRoomId: string | null;
  windowFocused: boolean;
  isLiveEvent: boolean;
}

export function shouldNotify(event: MatrixEvent, room: Room, ctx: NotifyContext): boolean {
  if (!ctx.isLiveEvent) return false;
  if (event.getType() !== (EventType.RoomMessage as string)) return false;
  if (event.getSender() === ctx.myUserId) return false;
  if (event.isRelation('m.replace')) return false;
  if (ctx.windowFocused && ctx.openRoomId === room.roomId) return false;
  return ctx.pushNotify;
}

export function notificationText(event: MatrixEvent, room: Room): { title: string; body: string } {
  const body: unknown = event.getContent().body;
  const sender = event.sender?.name ?? event.getSender() ?? '';
  const text = typeof body === 'string' ? body.slice(0, 200) : '';
  return { title: room.name, body: `${sender}: ${text}` };
}
