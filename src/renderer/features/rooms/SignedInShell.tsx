import { RoomEvent } from 'matrix-js-sdk';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOpenRoomId } from '../../app/useHashRoute.ts';
import type { Session } from '../../matrix/session.ts';
import { SearchDialog } from '../search/SearchDialog.tsx';
import { useConnectivity, useOutboxWaiting } from '../room/useOutbox.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { LanguageSwitcher } from '../../ui/LanguageSwitcher.tsx';
import { Logo } from '../../ui/Logo.tsx';
import { InvitationView, RoomView } from '../room/RoomView.tsx';
import { CallBar } from '../call/CallBar.tsx';
import { NewRoomDialog } from './NewRoomDialog.tsx';
import { NewDirectMessageDialog } from './NewDirectMessageDialog.tsx';
import { RecoverySetup } from './RecoverySetup.tsx';
import { JoinTeamsDialog } from '../teams/JoinTeamsDialog.tsx';
import { SettingsDialog } from '../settings/SettingsDialog.tsx';
import { VerificationDialog } from '../verification/VerificationDialog.tsx';
import { useVerification } from '../verification/useVerification.ts';
import { usePlatform } from '../../app/PlatformContext.ts';
import { RoomList } from './RoomList.tsx';
import { useDesktopNotifications } from './useDesktopNotifications.ts';
import { useRoomList } from './useRoomList.ts';
import { useAvatarCache } from './useAvatarCache.ts';
import { useOpenRoomSubscription, useSyncWindow } from './useSyncWindow.ts';

export interface SignedInShellProps {
  session: Session;
  notice: string | null;
  onSignOut: () => void;
}

export function SignedInShell({ session, notice, onSignOut }: SignedInShellProps) {
  const { t } = useTranslation();
  const rooms = useRoomList(session.client, session.cachedRooms);
  const avatars = useAvatarCache(session.client);
  const status = useConnectivity(session.connectivity);
  const waiting = useOutboxWaiting(session.outbox);
  const [searching, setSearching] = useState(false);
  const [confirmingSignOut, setConfirmingSignOut] = useState(false);
  const [creating, setCreating] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [startingDm, setStartingDm] = useState(false);
  const verification = useVerification(session.client);
  const [teamsDialog, setTeamsDialog] = useState<{ text: string; key: number } | null>(null);
  const platform = usePlatform();
  // A Teams link handed over by the OS opens the same dialog, pre-filled.
  useEffect(() => platform.onTeamsLink((link) => setTeamsDialog({ text: link, key: Date.now() })), [platform]);
  const openRoomId = useOpenRoomId();
  const openSummary = rooms.find((r) => r.roomId === openRoomId) ?? null;
  const room = openRoomId ? session.client.getRoom(openRoomId) : null;
  useMembershipRefresh(session, openRoomId);
  useDesktopNotifications(session.client, openRoomId);
  useOpenRoomSubscription(session.client, openRoomId);
  const onListView = useSyncWindow(session.client);

  return (
    <div className="shell">
      <header className="shell-header">
        <div className="brand-lockup small">
          <Logo size={28} />
          <span className="brand-name">{t('app.name')}</span>
        </div>
        <p className={`status status-${status}`} role="status">
          <span className="status-dot" aria-hidden="true" />
          {t(`session.status.${status}`)}
          {waiting > 0 ? <span className="status-waiting">· {t('outbox.waitingCount', { count: waiting })}</span> : null}
        </p>
        <div className="shell-header-end">
          <span className="muted small">{t('session.signedInAs', { userId: session.credentials.userId })}</span>
          <LanguageSwitcher />
          <button type="button" className="button button-secondary" onClick={() => setSettingsOpen(true)}>
            {t('settings.open')}
          </button>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => (session.outbox.entries().length > 0 ? setConfirmingSignOut(true) : onSignOut())}
          >
            {t('session.signOut')}
          </button>
        </div>
      </header>
      {/* Always present, so the body stays in the stretching third row of the grid. */}
      <div className="banner-slot">
        {notice ? (
          <p className="banner" role="status">
            {notice}
          </p>
        ) : null}
        <RecoverySetup session={session} />
        <CallBar client={session.client} openRoomId={openRoomId} />
      </div>
      <div className="shell-body">
        <div className="sidebar">
          <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
            {t('rooms.newRoom')}
          </button>
          <button type="button" className="button button-secondary" onClick={() => setStartingDm(true)}>
            {t('dm.new')}
          </button>
          <button type="button" className="button button-secondary" onClick={() => setSearching(true)}>
            {t('search.open')}
          </button>
          <RoomList rooms={rooms} activeRoomId={openRoomId} onView={onListView} avatars={avatars} />
          <button type="button" className="button button-secondary" onClick={() => setTeamsDialog({ text: '', key: Date.now() })}>
            {t('teams.joinMenu')}
          </button>
        </div>
        <main className={room && openSummary ? 'shell-main shell-main-room' : 'shell-main'}>
          {room && openSummary?.kind === 'invite' ? (
            <InvitationView client={session.client} room={room} />
          ) : room && openSummary ? (
            <RoomView
              key={room.roomId}
              client={session.client}
              room={room}
              sender={{ outbox: session.outbox, blobs: session.blobs, client: session.client }}
              connectivity={status}
              onVerify={(userId) => void verification.start(userId, room.roomId)}
            />
          ) : openSummary ? (
            // Listed from the cache, not brought by sync yet (the list is still growing): it comes with
            // the room's subscription, in a moment.
            <p className="welcome muted" role="status" aria-busy="true">
              {t('rooms.opening', { name: openSummary.name })}
            </p>
          ) : (
            <div className="welcome">
              <Logo size={64} />
              <h1>{t('session.welcome')}</h1>
              <p className="muted">{t('session.welcomeHint')}</p>
            </div>
          )}
        </main>
      </div>
      <NewRoomDialog client={session.client} open={creating} onClose={() => setCreating(false)} />
      <SettingsDialog open={settingsOpen} onClose={() => setSettingsOpen(false)} />
      <VerificationDialog controller={verification} />
      <NewDirectMessageDialog client={session.client} open={startingDm} onClose={() => setStartingDm(false)} />
      <SearchDialog client={session.client} search={session.search} open={searching} onClose={() => setSearching(false)} />
      <Dialog title={t('outbox.signOutTitle')} open={confirmingSignOut} onClose={() => setConfirmingSignOut(false)}>
        <p>{t('outbox.signOutWarning', { count: session.outbox.entries().length })}</p>
        <div className="dialog-actions">
          <button type="button" className="button button-secondary" onClick={() => setConfirmingSignOut(false)}>
            {t('common.cancel')}
          </button>
          <button type="button" className="button button-primary inline" onClick={onSignOut}>
            {t('outbox.signOutAnyway')}
          </button>
        </div>
      </Dialog>
      {teamsDialog ? (
        <JoinTeamsDialog key={teamsDialog.key} open initialText={teamsDialog.text} onClose={() => setTeamsDialog(null)} />
      ) : null}
    </div>
  );
}

/** Re-render when my membership of the open room changes (invite accepted, room left). */
function useMembershipRefresh(session: Session, roomId: string | null): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    const bump = () => setTick((n) => n + 1);
    session.client.on(RoomEvent.MyMembership, bump);
    return () => {
      session.client.off(RoomEvent.MyMembership, bump);
    };
  }, [session, roomId]);
}
