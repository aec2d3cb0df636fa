// The main area: the open room, an invitation, a room still on its way, or the welcome screen.
// Memoised on plain values and the Room object: the room list changing (a message in another room)
// re-renders the shell and the sidebar, not the open room.
import type { Room } from 'matrix-js-sdk';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { InvitationView, RoomView } from '../../features/room/RoomView.tsx';
import { Logo } from '../../ui/Logo.tsx';

export interface ShellMainProps {
  /** The open room once sync has brought it; null before, or when none is open. */
  room: Room | null;
  /** How the room list knows the open room: joined, invited, or not listed. */
  listedAs: 'joined' | 'invite' | null;
  /** The open room's name in the list, while it is on its way. */
  listedName: string | null;
  /** Must keep its identity across renders (the memo compares it). */
  onVerify: (userId: string, roomId: string) => void;
}

export const ShellMain = memo(function ShellMain({ room, listedAs, listedName, onVerify }: ShellMainProps) {
  const { t } = useTranslation();
  let content;
  if (room && listedAs === 'invite') content = <InvitationView room={room} />;
  else if (room && listedAs) {
    content = <RoomView key={room.roomId} room={room} onVerify={(userId) => onVerify(userId, room.roomId)} />;
  } else if (listedAs) {
    // Listed from the cache, not brought by sync yet (the list is still growing): it comes with the
    // room's subscription, in a moment.
    content = (
      <p className="welcome muted" role="status" aria-busy="true">
        {t('rooms.opening', { name: listedName ?? '' })}
      </p>
    );
  } else {
    content = (
      <div className="welcome">
        <Logo size={64} />
        <h1>{t('session.welcome')}</h1>
        <p className="muted">{t('session.welcomeHint')}</p>
      </div>
    );
  }
  return <main className={room && listedAs ? 'shell-main shell-main-room' : 'shell-main'}>{content}</main>;
});
