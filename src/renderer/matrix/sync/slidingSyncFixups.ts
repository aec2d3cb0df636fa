// Where matrix-js-sdk 43's SlidingSyncSdk differs from classic SyncApi in ways the rest of Relais
// relies on, put right from the outside so the SDK stays unpatched.
import { ClientEvent, EventTimeline, KnownMembership, RoomEvent, type MatrixClient, type MatrixEvent } from 'matrix-js-sdk';
import { SlidingSyncEvent, SlidingSyncState, type SlidingSync } from 'matrix-js-sdk/lib/sliding-sync.js';
import { rendererLogger } from '../../platform/log.ts';
import { isHistorySlice, sliceContinues, type SlidingRoomData } from './timelineSlice.ts';

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
 * 3. SlidingSyncSdk appends a room's timeline to what it holds unless the answer is `initial` or
 *    `limited`, and even then puts every unknown event older than a known one at the start. Synapse
 *    resends a room's latest events when the timeline limit goes up (the room of the list, known by
 *    its last event, is opened), as neither: the room showed its newest message, then its whole
 *    history below it ("… joined" under the message, "peggy joined" above "peggy was invited"). When
 *    an answer's slice of history does not simply continue the live timeline, the live timeline
 *    starts again from that slice before the SDK adds it (classic sync does the same after a gap);
 *    events held from before the slice come back by scrolling up.
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

  const onRoomData = (roomId: string, data: SlidingRoomData) => {
    const room = client.getRoom(roomId);
    if (!room || data.invite_state || !isHistorySlice(data)) return;
    // Sent events only: a local echo still sending has no place in the server's order yet.
    const held = room
      .getLiveTimeline()
      .getEvents()
      .filter((event) => event.status === null)
      .map((event) => event.getId() ?? '');
    const slice = data.timeline.map((event) => event.event_id);
    if (!sliceContinues(held, slice)) room.resetLiveTimeline(data.prev_batch ?? null, null);
  };
  // Ahead of SlidingSyncSdk's own listener, which reads the live timeline as soon as it is called.
  slidingSync.prependListener(SlidingSyncEvent.RoomData, onRoomData);
  return () => {
    client.off(RoomEvent.Timeline, decrypt);
    slidingSync.off(SlidingSyncEvent.Lifecycle, onLifecycle);
    slidingSync.off(SlidingSyncEvent.RoomData, onRoomData);
  };
}
