// Where matrix-js-sdk 43's SlidingSyncSdk differs from classic SyncApi in ways the rest of Relais
// relies on, put right from the outside so the SDK stays unpatched.
import { ClientEvent, EventTimeline, KnownMembership, RoomEvent, type MatrixClient, type MatrixEvent } from 'matrix-js-sdk';
import { SlidingSyncEvent, SlidingSyncState, type SlidingSync } from 'matrix-js-sdk/lib/sliding-sync.js';
import { rendererLogger } from '../../platform/log.ts';

/**
 * 1. SlidingSyncSdk maps timeline events with `decrypt: false` (to spare large accounts) and only
 *    decrypts each room's "critical" events. The timeline hides events still encrypted until they are
 *    decrypted, and notifications wait for the Decrypted event: without this, encrypted messages would
 *    never show or notify. Decrypting on arrival costs one event per list room (timeline_limit 1) plus
 *    the open room's history, which classic sync decrypts anyway. `decryptEventIfNeeded` is a no-op
 *    for events already decrypted or being decrypted.
 * 2. SlidingSyncSdk marks every non-invite room it processes as joined (`updateMyMembership(Join)`),
 *    even one I just left or was banned from: once a response is processed, membership is set from
 *    the room's own state, as classic sync does from its `leave` section.
 */
export function applySlidingSyncFixups(client: MatrixClient, slidingSync: SlidingSync): () => void {
  const decrypt = (event: MatrixEvent) => {
    if (event.isEncrypted())
      void client.decryptEventIfNeeded(event).catch(rendererLogger('sync').swallow('decrypting an event', 'debug'));
  };
  client.on(RoomEvent.Timeline, decrypt);

  const onLifecycle = (state: SlidingSyncState, response: { rooms: Record<string, unknown> } | null) => {
    if (state !== SlidingSyncState.Complete || !response) return;
    const me = client.getSafeUserId();
    for (const roomId of Object.keys(response.rooms)) {
      const room = client.getRoom(roomId);
      const membership = room?.getLiveTimeline().getState(EventTimeline.FORWARDS)?.getMember(me)?.membership;
      if (room && (membership === KnownMembership.Leave || membership === KnownMembership.Ban)) {
        room.updateMyMembership(membership);
        client.emit(ClientEvent.Room, room);
      }
    }
  };
  slidingSync.on(SlidingSyncEvent.Lifecycle, onLifecycle);
  return () => {
    client.off(RoomEvent.Timeline, decrypt);
    slidingSync.off(SlidingSyncEvent.Lifecycle, onLifecycle);
  };
}
