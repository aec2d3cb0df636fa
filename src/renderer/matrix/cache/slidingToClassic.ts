// The offline cache is a classic /sync accumulation (see cachedSyncStore.ts). Under sliding sync, each
// response is rewritten into the classic shape so the same accumulator keeps the room list, recent
// timelines, unread counts, receipts and account data (m.direct: which rooms are DMs) for the next
// cold start. Pure: a response in, a classic response out.
import type { IInvitedRoom, IJoinedRoom, ILeftRoom, IMinimalEvent, IStateEvent, ISyncResponse } from 'matrix-js-sdk';
import type { MSC3575RoomData, MSC3575SlidingSyncResponse } from 'matrix-js-sdk/lib/sliding-sync.js';
import { isHistorySlice, type SlidingRoomData } from '../sync/timelineSlice.ts';

interface AccountDataExtension {
  global?: IMinimalEvent[];
  rooms?: Record<string, IMinimalEvent[]>;
}

interface ReceiptsExtension {
  rooms?: Record<string, IMinimalEvent>;
}

type Membership = 'join' | 'invite' | 'leave';

export function slidingToClassic(response: MSC3575SlidingSyncResponse, myUserId: string): ISyncResponse {
  const accountData = (response.extensions['account_data'] ?? {}) as AccountDataExtension;
  const receipts = (response.extensions['receipts'] ?? {}) as ReceiptsExtension;
  const sync: ISyncResponse = {
    next_batch: response.pos,
    rooms: { join: {}, invite: {}, leave: {}, knock: {} },
    account_data: { events: accountData.global ?? [] },
  };
  const roomIds = new Set([
    ...Object.keys(response.rooms),
    ...Object.keys(accountData.rooms ?? {}),
    ...Object.keys(receipts.rooms ?? {}),
  ]);
  for (const roomId of roomIds) {
    const data = response.rooms[roomId];
    const roomAccountData = accountData.rooms?.[roomId] ?? [];
    const receipt = receipts.rooms?.[roomId];
    switch (data ? membershipOf(data, myUserId) : 'join') {
      case 'invite':
        sync.rooms.invite[roomId] = invitedRoom(data as MSC3575RoomData);
        break;
      case 'leave':
        sync.rooms.leave[roomId] = leftRoom(data as MSC3575RoomData, roomAccountData);
        break;
      case 'join':
        sync.rooms.join[roomId] = joinedRoom(data, roomAccountData, receipt ? [receipt] : []);
        break;
    }
  }
  return sync;
}

/** My membership as the response shows it; a room in the list without my member event is one I am in. */
export function membershipOf(data: MSC3575RoomData, myUserId: string): Membership {
  if (data.invite_state) return 'invite';
  const mine = [...data.required_state, ...data.timeline]
    .filter((event) => event.type === 'm.room.member' && (event as IStateEvent).state_key === myUserId)
    .at(-1);
  const membership = (mine?.content as { membership?: unknown } | undefined)?.membership;
  return membership === 'leave' || membership === 'ban' ? 'leave' : membership === 'invite' ? 'invite' : 'join';
}

/** A room with no room data in this response: only its receipts or account data changed. */
function joinedRoom(data: SlidingRoomData | undefined, accountData: IMinimalEvent[], ephemeral: IMinimalEvent[]): IJoinedRoom {
  const timeline = data?.timeline ?? [];
  return {
    summary: {
      'm.heroes': (data?.heroes ?? []).map((hero) => hero.user_id),
      ...(data?.joined_count !== undefined ? { 'm.joined_member_count': data.joined_count } : {}),
      ...(data?.invited_count !== undefined ? { 'm.invited_member_count': data.invited_count } : {}),
    },
    state: { events: data?.required_state ?? [] },
    timeline: {
      events: timeline,
      // A first look at a room, a gap, or a bigger window (the room was opened) is a fresh slice of its
      // history, not a continuation: it replaces the cached timeline instead of following it.
      limited: Boolean(data && isHistorySlice(data) && timeline.length > 0),
      prev_batch: data?.prev_batch ?? null,
    },
    ephemeral: { events: ephemeral },
    account_data: { events: accountData },
    unread_notifications: {
      ...(data?.notification_count !== undefined ? { notification_count: data.notification_count } : {}),
      ...(data?.highlight_count !== undefined ? { highlight_count: data.highlight_count } : {}),
    },
  };
}

function invitedRoom(data: MSC3575RoomData): IInvitedRoom {
  return {
    invite_state: {
      events: (data.invite_state ?? []).map(({ type, state_key, content, sender }) => ({ type, state_key, content, sender })),
    },
  };
}

function leftRoom(data: MSC3575RoomData, accountData: IMinimalEvent[]): ILeftRoom {
  return {
    state: { events: data.required_state },
    timeline: { events: data.timeline, limited: Boolean(data.limited), prev_batch: data.prev_batch ?? null },
    account_data: { events: accountData },
  };
}
