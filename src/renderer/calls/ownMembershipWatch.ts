// Watches my own m.room.member in the call's room through the SDK's live state, wherever the UI is:
// a kick, a ban, or my leaving on another device ends the call (see removal.ts).
import { RoomEvent, RoomStateEvent, type MatrixClient, type MatrixEvent, type Room } from 'matrix-js-sdk';
import { removalOf } from './removal.ts';
import type { Removal } from './callState.ts';

export function watchOwnMembership(
  client: MatrixClient,
  roomId: string,
  onRemoved: (removal: Removal, by: string) => void,
): () => void {
  const me = client.getSafeUserId();
  let fired = false;
  const report = (membership: string, sender: string) => {
    const removal = removalOf({ membership, sender, me });
    if (removal === null || fired) return;
    fired = true;
    onRemoved(removal, sender);
  };
  const onState = (event: MatrixEvent) => {
    if (event.getRoomId() !== roomId || event.getType() !== 'm.room.member' || event.getStateKey() !== me) return;
    report(event.getContent<{ membership?: string }>().membership ?? '', event.getSender() ?? '');
  };
  // Some sync paths (a room moving to "leave" in classic sync) update the room without a state
  // event we see above: the SDK's own-membership signal covers those.
  const onMyMembership = (room: Room, membership: string) => {
    if (room.roomId !== roomId) return;
    const event = room.getMember(me)?.events.member;
    report(membership, event?.getSender() ?? me);
  };
  client.on(RoomStateEvent.Events, onState);
  client.on(RoomEvent.MyMembership, onMyMembership);
  return () => {
    client.off(RoomStateEvent.Events, onState);
    client.off(RoomEvent.MyMembership, onMyMembership);
  };
}
