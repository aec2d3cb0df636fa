// The room list as the UI shows it, derived from the client's rooms.
import type { MatrixClient, Room } from 'matrix-js-sdk';
import { EventType, NotificationCountType } from 'matrix-js-sdk';
import { messagePreview, previewSource, type PreviewableEvent } from './messagePreview.ts';
import { roomUnreadCounts, type UnreadCounts } from './unreadCounts.ts';

export type RoomKind = 'room' | 'dm' | 'invite';

export interface RoomSummary {
  roomId: string;
  name: string;
  kind: RoomKind;
  unread: number;
  mentions: number;
  lastActivity: number;
  /** The latest message as "name: text" (messagePreview.ts); absent when there is none to show. */
  preview?: string;
  /** mxc:// URI of the room's avatar (a DM's: the other person's); absent when there is none. */
  avatarMxc?: string;
  /** Tagged m.favourite (set on any of my devices); absent when not. */
  favourite?: true;
  /** Tagged m.lowpriority; absent when not. */
  lowPriority?: true;
  /**
   * Its place in the server's list, for a row known only from the names list (namedRooms.ts): it has
   * no timeline here to date its activity, so it is ranked by the server's order after dated rows.
   */
  rank?: number;
}

/** How far back the list looks for a message to preview (past reactions, edits, state changes). */
const PREVIEW_LOOKBACK = 20;

/** The counts matrix-js-sdk holds (the server's, fixed up for encrypted rooms). */
function sdkCounts(room: Room): UnreadCounts {
  return {
    unread: room.getUnreadNotificationCount(NotificationCountType.Total),
    mentions: room.getUnreadNotificationCount(NotificationCountType.Highlight),
  };
}

export function summarizeRoom(
  room: Room,
  directRoomIds: ReadonlySet<string>,
  countsOf: (room: Room) => UnreadCounts = sdkCounts,
): RoomSummary | null {
  const membership = room.getMyMembership();
  if (membership !== 'join' && membership !== 'invite') return null;
  // An invitation has no timeline of mine to count; it is listed under Invitations instead.
  const { unread, mentions } = membership === 'invite' ? { unread: 0, mentions: 0 } : countsOf(room);
  return {
    roomId: room.roomId,
    name: room.name || room.roomId,
    kind: membership === 'invite' ? 'invite' : directRoomIds.has(room.roomId) ? 'dm' : 'room',
    unread,
    mentions,
    lastActivity: room.getLastActiveTimestamp(),
    ...previewOf(room),
    ...avatarOf(room),
    ...tagsOf(room),
  };
}

function tagsOf(room: Room): Pick<RoomSummary, 'favourite' | 'lowPriority'> {
  const tags = room.tags;
  return {
    ...(tags['m.favourite'] ? { favourite: true as const } : {}),
    ...(tags['m.lowpriority'] ? { lowPriority: true as const } : {}),
  };
}

function avatarOf(room: Room): Pick<RoomSummary, 'avatarMxc'> {
  const mxc = room.getMxcAvatarUrl() ?? room.getAvatarFallbackMember()?.getMxcAvatarUrl();
  return mxc ? { avatarMxc: mxc } : {};
}

function previewOf(room: Room): Pick<RoomSummary, 'preview'> {
  const preview = messagePreview(previewWindow(room));
  return preview === undefined ? {} : { preview };
}

/** The last events of the live timeline as the preview reads them. */
function previewWindow(room: Room): PreviewableEvent[] {
  return room
    .getLiveTimeline()
    .getEvents()
    .slice(-PREVIEW_LOOKBACK)
    .map((event) => ({
      type: event.getType(),
      content: event.getContent(),
      senderName: event.sender?.name ?? event.getSender() ?? '',
      redacted: event.isRedacted(),
    }));
}

/**
 * The index in the live timeline of the oldest event the room's preview needs: the one it is read
 * from; the last event when none is (fewer events then show the same: nothing).
 */
export function previewNeedsFrom(room: Room): number {
  const count = room.getLiveTimeline().getEvents().length;
  const window = previewWindow(room);
  const source = previewSource(window);
  return source < 0 ? count - 1 : count - window.length + source;
}

export function directRoomIds(client: MatrixClient): Set<string> {
  const content = client.getAccountData(EventType.Direct)?.getContent<Record<string, string[]>>() ?? {};
  return new Set(Object.values(content).flat());
}

/** Invites first, then by most recent activity (the server's order for undated rows). */
export function sortRooms(rooms: readonly RoomSummary[]): RoomSummary[] {
  return [...rooms].sort((a, b) => {
    if ((a.kind === 'invite') !== (b.kind === 'invite')) return a.kind === 'invite' ? -1 : 1;
    return b.lastActivity - a.lastActivity || (a.rank ?? 0) - (b.rank ?? 0) || a.name.localeCompare(b.name);
  });
}

export function listRooms(client: MatrixClient): RoomSummary[] {
  const direct = directRoomIds(client);
  const countsOf = (room: Room) => roomUnreadCounts(client, room);
  return sortRooms(client.getRooms().flatMap((room) => summarizeRoom(room, direct, countsOf) ?? []));
}

/** What the client knows of a sliding sync list: its size (null under classic sync), and its rooms. */
export interface LiveListState {
  /** The number of rooms the server says the list holds; null under classic sync or before its answer. */
  total: number | null;
  /** Rooms the client has, whatever my membership (left, kicked and banned ones included). */
  knownCount: number;
  knows(roomId: string): boolean;
}

/**
 * While a sliding sync list is still growing (the first page came, the rest follows in the background),
 * the rooms it has not brought yet are shown as the last session's cache knew them, in their place by
 * recency, instead of vanishing for a few seconds and coming back. A room the client has, whatever my
 * membership in it now, is never taken from the cache: one left since is not listed again.
 */
export function withCachedRooms(
  live: readonly RoomSummary[],
  cached: readonly RoomSummary[],
  list: LiveListState,
): readonly RoomSummary[] {
  // The server's count includes rooms I was kicked or banned from, which the client knows but does
  // not list: compare it with every room the client has.
  if (list.total === null || list.knownCount >= list.total || cached.length === 0) return live;
  const missing = cached.filter((room) => !list.knows(room.roomId));
  return missing.length === 0 ? live : sortRooms([...live, ...missing]);
}
