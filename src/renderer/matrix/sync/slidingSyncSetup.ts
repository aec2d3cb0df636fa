// The simplified sliding sync (MSC4186) connection, built on matrix-js-sdk's own `SlidingSync`: it
// speaks the simplified endpoint (`/_matrix/client/unstable/org.matrix.simplified_msc3575/sync`), and
// `client.startClient({ slidingSync })` wraps it in `SlidingSyncSdk`, which registers the e2ee,
// to_device, account_data, receipts, typing and sticky-events extensions itself (registering them
// again would throw). What Relais adds: the room list and its growing window, the names of every room
// (roomNamesFetch.ts), one subscription for the open room, and the fix-ups in slidingSyncFixups.ts.
import { EventType, type MatrixClient } from 'matrix-js-sdk';
import {
  MSC3575_STATE_KEY_LAZY,
  MSC3575_STATE_KEY_ME,
  MSC3575_WILDCARD,
  SlidingSync,
  SlidingSyncEvent,
  SlidingSyncState,
  type MSC3575List,
  type MSC3575RoomSubscription,
} from 'matrix-js-sdk/lib/sliding-sync.js';
import { backgroundRangeEnd, nextRangeEnd, PAGE_SIZE } from './listWindow.ts';
import { releaseLeftTimelines } from './releaseTimelines.ts';
import { fetchRoomNames } from './roomNamesFetch.ts';

export const ROOM_LIST_KEY = 'rooms';
/** Long-poll timeout, as for classic /sync: the server answers at once when something happens. */
const POLL_TIMEOUT_MS = 30_000;
/**
 * The background growth of the list starts this long after the first answer: the first page is drawn,
 * and encryption's first tasks run, before a hundred more rooms arrive to be processed.
 */
export const BACKGROUND_START_DELAY_MS = 1_000;

/**
 * One list of every room (joined and invited; MSC4186 always sorts by recency), with what a room-list
 * row shows: the name (or the heroes, for DMs), the avatar, the last event with its sender, whether it
 * is encrypted, and my membership. Unread counts come with every room.
 */
export function roomListParams(end: number): MSC3575List {
  return {
    ranges: [[0, end]],
    timeline_limit: 1,
    required_state: [
      [EventType.RoomName, ''],
      [EventType.RoomAvatar, ''],
      [EventType.RoomCanonicalAlias, ''],
      [EventType.RoomEncryption, ''],
      [EventType.RoomCreate, ''],
      [EventType.RoomTombstone, ''],
      [EventType.RoomMember, MSC3575_STATE_KEY_ME],
      [EventType.RoomMember, MSC3575_STATE_KEY_LAZY],
      // Who is in a call (MatrixRTC membership), so a room shows "In the call" before it is opened.
      ['org.matrix.msc3401.call.member', MSC3575_WILDCARD],
      [EventType.RoomPowerLevels, ''],
    ],
  };
}

/**
 * The open room: all of its state, members included, and enough history to fill the timeline;
 * scrolling back paginates from there.
 */
export const OPEN_ROOM_SUBSCRIPTION: MSC3575RoomSubscription = {
  timeline_limit: 30,
  // Every member, invited ones included: sending in an encrypted room shares its keys with exactly the
  // members this client knows, so lazy members would leave someone just invited unable to read.
  required_state: [[MSC3575_WILDCARD, MSC3575_WILDCARD]],
};

/** What the UI drives: the part of the list it wants, and the room it has open. */
export interface SlidingSyncController {
  readonly slidingSync: SlidingSync;
  /** The user scrolled: ask for more of the list if that needs it. */
  updateWindow(view: { lastVisibleIndex: number }): void;
  /** The room on screen (null: none): subscribed with its timeline, the previous one released. */
  setOpenRoom(roomId: string | null): void;
  /** The range end asked for so far, and the list size the server last gave (null before). */
  window(): { requestedEnd: number; total: number | null };
}

export function createSlidingSync(client: MatrixClient): SlidingSyncController {
  let requestedEnd = PAGE_SIZE - 1;
  let total: number | null = null;
  let view = { lastVisibleIndex: -1 };
  const slidingSync = new SlidingSync(
    client.baseUrl,
    new Map([[ROOM_LIST_KEY, roomListParams(requestedEnd)]]),
    OPEN_ROOM_SUBSCRIPTION,
    client,
    POLL_TIMEOUT_MS,
  );

  let growing: 'not yet' | 'waiting' | 'on' = 'not yet';
  // Fewer than the subscription resends on reopening, so reopening always starts the timeline again.
  const releases = releaseLeftTimelines(client, (OPEN_ROOM_SUBSCRIPTION.timeline_limit ?? 1) - 1);

  const apply = () => {
    const wanted = nextRangeEnd({ ...view, total, requestedEnd });
    const end = growing === 'on' ? Math.max(wanted, backgroundRangeEnd(requestedEnd, total)) : wanted;
    if (end === requestedEnd) return;
    requestedEnd = end;
    // Only the range changed: the SDK resends it without the sticky list parameters.
    slidingSync.setListRanges(ROOM_LIST_KEY, [[0, end]]);
  };

  slidingSync.on(SlidingSyncEvent.Lifecycle, (state, response) => {
    if (!response) return;
    // The size is taken as soon as the answer arrives, before its rooms are processed (with awaits in
    // between): the room list, redrawn meanwhile, must know the list is not whole yet.
    const count = response.lists[ROOM_LIST_KEY]?.count;
    if (typeof count === 'number') total = count;
    if (state !== SlidingSyncState.Complete) return;
    if (growing === 'not yet') {
      growing = 'waiting';
      // The first page is on its way to the screen: now the names of every room, on their own
      // connection, so the filter finds any room long before the live list could bring it.
      fetchRoomNames(client);
      setTimeout(() => {
        // Not for a client stopped meanwhile (signed out within the first second).
        if (!client.clientRunning) return;
        growing = 'on';
        apply();
      }, BACKGROUND_START_DELAY_MS);
    }
    // A scroll made before the first answer was waiting for the list's size; each answer brings the
    // next batch of the growth: one request at a time, never more than the list holds.
    apply();
  });

  return {
    slidingSync,
    updateWindow(next) {
      view = next;
      apply();
    },
    setOpenRoom(roomId) {
      releases.opened(roomId);
      const current = slidingSync.getRoomSubscriptions();
      if (roomId === null ? current.size === 0 : current.size === 1 && current.has(roomId)) return;
      slidingSync.modifyRoomSubscriptions(new Set(roomId === null ? [] : [roomId]));
    },
    window: () => ({ requestedEnd, total }),
  };
}
