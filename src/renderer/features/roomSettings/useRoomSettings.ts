// The open room's settings and what I may change, current with its state events.
import { EventTimeline, RoomEvent, type Room } from 'matrix-js-sdk';
import { useMemo } from 'react';
import { useClient } from '../../app/SessionContext.ts';
import {
  permissions,
  readRoomSettings,
  type Permissions,
  type RoomSettings,
  type StateContent,
} from '../../matrix/roomSettings.ts';
import { useRoomVersion } from '../room/useRoomEvents.ts';

const STATE_CHANGES = { events: [RoomEvent.CurrentStateUpdated, RoomEvent.Timeline, RoomEvent.Name] as const };

export interface RoomSettingsView {
  state: StateContent;
  settings: RoomSettings;
  allowed: Permissions;
}

export function stateContentOf(room: Room): StateContent {
  return (type) => {
    const event = room.getLiveTimeline().getState(EventTimeline.FORWARDS)?.getStateEvents(type, '');
    return event ? event.getContent() : null;
  };
}

export function useRoomSettings(room: Room): RoomSettingsView {
  const client = useClient();
  const version = useRoomVersion(room, STATE_CHANGES);
  return useMemo(() => {
    const state = stateContentOf(room);
    return { state, settings: readRoomSettings(state), allowed: permissions(state, client.getSafeUserId()) };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- version is what tells the state changed
  }, [room, client, version]);
}
