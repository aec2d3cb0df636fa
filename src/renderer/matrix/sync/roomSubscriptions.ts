// Synapse's simplified sliding sync (MSC4186) keeps no room subscription from one request to the next:
// each request must carry them all (matrix-rust-sdk learned the same). matrix-js-sdk 43's SlidingSync
// still follows the older proxy's sticky rules and sends a subscription once, in the request after it
// was made. From the next request on, the open room was synced with the room list's settings (its last
// event only): two messages arriving in one answer showed only the second, and a room joined from an
// open invitation arrived with the join alone, what came before it hidden behind it.
import type { MatrixClient } from 'matrix-js-sdk';
import type { MSC3575RoomSubscription, MSC3575SlidingSyncRequest, SlidingSync } from 'matrix-js-sdk/lib/sliding-sync.js';

/** The request with every current subscription in it, whatever the SDK put there. */
export function withRoomSubscriptions(
  request: MSC3575SlidingSyncRequest,
  roomIds: ReadonlySet<string>,
  subscription: MSC3575RoomSubscription,
): MSC3575SlidingSyncRequest {
  // What the SDK put there is replaced; MSC4186 has no `unsubscribe_rooms`: a room left out is dropped.
  const rest = { ...request };
  delete rest.room_subscriptions;
  delete rest.unsubscribe_rooms;
  if (roomIds.size === 0) return rest;
  return { ...rest, room_subscriptions: Object.fromEntries([...roomIds].map((roomId) => [roomId, subscription])) };
}

/**
 * Makes every sliding sync request of this client carry the connection's current room subscriptions.
 * Returns the undo.
 */
export function resendRoomSubscriptions(
  client: MatrixClient,
  slidingSync: SlidingSync,
  subscription: MSC3575RoomSubscription,
): () => void {
  const send = client.slidingSync.bind(client);
  client.slidingSync = (request, proxyBaseUrl, abortSignal) =>
    send(withRoomSubscriptions(request, slidingSync.getRoomSubscriptions(), subscription), proxyBaseUrl, abortSignal);
  // Back to the prototype's method.
  return () => Reflect.deleteProperty(client, 'slidingSync');
}
