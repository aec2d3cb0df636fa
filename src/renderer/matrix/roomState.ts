import { EventTimeline, type Room, type RoomState } from 'matrix-js-sdk';

/** The room's state now, at the live end of its timeline (what the deprecated `room.currentState` was). */
export function roomState(room: Room): RoomState | undefined {
  return room.getLiveTimeline().getState(EventTimeline.FORWARDS);
}
