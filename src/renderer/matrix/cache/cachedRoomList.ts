// The room list read straight from the last session's cached sync, for the first second of a start:
// encryption (a WebAssembly module and its store) takes a few seconds to open, and the SDK can only
// start after it. Until then the list comes from here, then the SDK's own takes over. Names follow the
// spec's room-name order (m.room.name, canonical alias, heroes), which is what the SDK shows too.
import type { RoomSummary } from '../roomList.ts';
import { sortRooms } from '../roomList.ts';
import { messagePreview } from '../messagePreview.ts';

interface RawEvent {
  type?: string;
  state_key?: string;
  sender?: string;
  origin_server_ts?: number;
  content?: Record<string, unknown>;
  unsigned?: { redacted_because?: unknown };
}

interface JoinedRoomData {
  state?: { events?: RawEvent[] };
  'org.matrix.msc4222.state_after'?: { events?: RawEvent[] };
  timeline?: { events?: RawEvent[] };
  unread_notifications?: { notification_count?: number; highlight_count?: number };
  summary?: { 'm.heroes'?: string[] };
}

interface InvitedRoomData {
  invite_state?: { events?: RawEvent[] };
}

export interface CachedSyncData {
  roomsData: { join?: Record<string, JoinedRoomData>; invite?: Record<string, InvitedRoomData> };
  accountData: RawEvent[];
}

export function roomListFromCache(data: CachedSyncData, myUserId: string): RoomSummary[] {
  const directContent: Record<string, unknown> = data.accountData.find((e) => e.type === 'm.direct')?.content ?? {};
  const direct = new Set(
    Object.values(directContent)
      .flatMap((ids): unknown[] => (Array.isArray(ids) ? (ids as unknown[]) : []))
      .filter((id): id is string => typeof id === 'string'),
  );
  const rooms: RoomSummary[] = [];
  for (const [roomId, room] of Object.entries(data.roomsData.join ?? {})) {
    const events = [
      ...(room.state?.events ?? []),
      ...(room['org.matrix.msc4222.state_after']?.events ?? []),
      ...(room.timeline?.events ?? []),
    ];
    const timestamps = (room.timeline?.events ?? []).map((e) => e.origin_server_ts ?? 0);
    const preview = messagePreview(
      (room.timeline?.events ?? []).map((e) => ({
        type: e.type ?? '',
        content: e.content ?? {},
        senderName: displayName(events, e.sender ?? ''),
        redacted: Boolean(e.unsigned?.redacted_because),
      })),
    );
    rooms.push({
      roomId,
      name: roomName(roomId, events, room.summary?.['m.heroes'] ?? [], myUserId),
      kind: direct.has(roomId) ? 'dm' : 'room',
      unread: room.unread_notifications?.notification_count ?? 0,
      mentions: room.unread_notifications?.highlight_count ?? 0,
      lastActivity: timestamps.length ? Math.max(...timestamps) : 0,
      ...(preview === undefined ? {} : { preview }),
      ...avatarOf(events),
    });
  }
  for (const [roomId, room] of Object.entries(data.roomsData.invite ?? {})) {
    const events = room.invite_state?.events ?? [];
    rooms.push({ roomId, name: roomName(roomId, events, [], myUserId), kind: 'invite', unread: 0, mentions: 0, lastActivity: 0 });
  }
  return sortRooms(rooms);
}

function avatarOf(events: readonly RawEvent[]): { avatarMxc?: string } {
  const url = [...events].reverse().find((e) => e.type === 'm.room.avatar' && e.state_key === '')?.content?.['url'];
  return typeof url === 'string' && url.startsWith('mxc://') ? { avatarMxc: url } : {};
}

function displayName(events: readonly RawEvent[], userId: string): string {
  const member = [...events].reverse().find((e) => e.type === 'm.room.member' && e.state_key === userId);
  const name = member?.content?.['displayname'];
  return typeof name === 'string' && name ? name : userId;
}

function roomName(roomId: string, events: readonly RawEvent[], heroes: readonly string[], myUserId: string): string {
  // Later events win: the timeline can change the name after the state snapshot.
  const latest = (type: string, stateKey = '') =>
    [...events].reverse().find((e) => e.type === type && e.state_key === stateKey)?.content;
  const name = latest('m.room.name')?.name;
  if (typeof name === 'string' && name.trim()) return name;
  const alias = latest('m.room.canonical_alias')?.alias;
  if (typeof alias === 'string' && alias) return alias;
  const others = (heroes.length ? heroes : events.filter((e) => e.type === 'm.room.member').map((e) => e.state_key ?? ''))
    .filter((id, i, all) => id && id !== myUserId && all.indexOf(id) === i)
    .slice(0, 5);
  const names = others.map((id) => {
    const displayName = latest('m.room.member', id)?.displayname;
    return typeof displayName === 'string' && displayName ? displayName : id;
  });
  return names.length ? names.join(', ') : roomId;
}
