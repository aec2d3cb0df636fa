// The room's Members side panel, as RoomView places it (the same slot as the thread panels): the list,
// or one person's card.
import type { Room } from 'matrix-js-sdk';
import type { AvatarCache } from '../../matrix/avatars.ts';
import type { useThreadPanel } from '../thread/useThreadPanel.ts';
import { MembersPanel } from './MembersPanel.tsx';
import { PersonCard } from './PersonCard.tsx';
import { useMembers } from './useMembers.ts';

export interface RoomMembersProps {
  room: Room;
  panel: ReturnType<typeof useThreadPanel>;
  avatars: AvatarCache | undefined;
  onInvite: () => void;
  onVerify: (userId: string) => void;
}

export function RoomMembers({ room, panel, avatars, onInvite, onVerify }: RoomMembersProps) {
  const { state } = panel;
  const { members, levels } = useMembers(room);
  if (state.kind !== 'members' && state.kind !== 'person') return null;
  const person = state.kind === 'person' ? members.find((member) => member.userId === state.userId) : undefined;
  // The list, also when the person chosen has gone from the room meanwhile (removed, left).
  if (!person)
    return (
      <MembersPanel
        room={room}
        members={members}
        avatars={avatars}
        onInvite={onInvite}
        onOpenPerson={panel.openPerson}
        onClose={panel.close}
      />
    );
  return (
    <PersonCard
      key={person.userId}
      room={room}
      person={person}
      levels={levels}
      avatars={avatars}
      onVerify={onVerify}
      onBack={panel.backToMembers}
      onClose={panel.close}
    />
  );
}
