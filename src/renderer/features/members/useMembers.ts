// The room's members for the Members panel, kept current as people join, leave, are invited or change
// role. Members are loaded from the server first if the sync left them out (lazy loading).
import { EventTimeline, EventType, RoomEvent, type Room } from 'matrix-js-sdk';
import { useEffect, useMemo, useState } from 'react';
import { useClient } from '../../app/SessionContext.ts';
import { moderationLevels, type MemberEntry } from '../../matrix/members.ts';
import { useRoomVersion } from '../room/useRoomEvents.ts';

// Membership and power-level changes arrive as state events on the timeline.
const MEMBER_CHANGES = { events: [RoomEvent.Timeline, RoomEvent.CurrentStateUpdated, RoomEvent.MyMembership] as const };

export function useMembers(room: Room) {
  const client = useClient();
  const me = client.getSafeUserId();
  const version = useRoomVersion(room, MEMBER_CHANGES);
  // Bumped once the whole member list has been fetched (lazy loading gave only some).
  const [loaded, setLoaded] = useState(0);
  useEffect(() => {
    let live = true;
    room.loadMembersIfNeeded().then(
      () => live && setLoaded((n) => n + 1),
      () => undefined, // offline: the members the sync gave
    );
    return () => {
      live = false;
    };
  }, [room]);
  return useMemo(() => {
    const members: MemberEntry[] = room
      .getMembers()
      .filter((m) => m.membership === 'join' || m.membership === 'invite')
      .map((m) => ({
        userId: m.userId,
        name: m.name,
        avatarMxc: m.getMxcAvatarUrl() ?? null,
        powerLevel: m.powerLevel,
        membership: m.membership === 'invite' ? 'invite' : 'join',
      }));
    const powerLevels = room
      .getLiveTimeline()
      .getState(EventTimeline.FORWARDS)
      ?.getStateEvents(EventType.RoomPowerLevels, '')
      ?.getContent();
    return { members, levels: moderationLevels(powerLevels, me) };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- version is what tells the members changed
  }, [room, me, version, loaded]);
}
