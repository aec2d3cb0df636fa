// The signed-in app: header, banners, sidebar (room list) and main area (the open room), and one
// host for the app-level dialogs. The session comes from SessionContext (App provides it with the
// call provider); the parts read what they need from it rather than through props.
import { RoomEvent } from 'matrix-js-sdk';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePlatform } from '../PlatformContext.ts';
import { useSession } from '../SessionContext.ts';
import { useOpenRoomId } from '../useHashRoute.ts';
import { CallBar } from '../../features/call/CallBar.tsx';
import { RecoveryBanner, RecoveryDialog, useRecovery } from '../../features/rooms/RecoverySetup.tsx';
import { useDesktopNotifications } from '../../features/rooms/useDesktopNotifications.ts';
import { useRoomList } from '../../features/rooms/useRoomList.ts';
import { useUnreadIndicators } from '../../features/rooms/useUnreadIndicators.ts';
import { useOpenRoomSubscription } from '../../features/rooms/useSyncWindow.ts';
import { VerificationDialog } from '../../features/verification/VerificationDialog.tsx';
import { useVerification } from '../../features/verification/useVerification.ts';
import { rendererLogger } from '../../platform/log.ts';
import { ShellDialogs } from './ShellDialogs.tsx';
import { ShellHeader } from './ShellHeader.tsx';
import { ShellMain } from './ShellMain.tsx';
import { ShellSidebar } from './ShellSidebar.tsx';
import { useRoomsPanel } from './useRoomsPanel.ts';
import { keyboardPlatform } from './shortcuts.ts';
import { useShellShortcuts } from './useShellShortcuts.ts';
import { useShellDialog } from './useShellDialog.ts';
import { signOutRisks } from './signOutRisks.ts';
import './shell.css';

export interface SignedInShellProps {
  notice: string | null;
  onSignOut: () => void;
}

export function SignedInShell({ notice, onSignOut }: SignedInShellProps) {
  const session = useSession();
  const { client } = session;
  const { rooms, stillLoading } = useRoomList(client, session.cachedRooms);
  useUnreadIndicators(rooms);
  const dialogs = useShellDialog();
  const { open: openDialog } = dialogs;
  const verification = useVerification(client);
  // The controller is a new object each render; the main area's memo needs one onVerify throughout.
  const latestVerification = useRef(verification);
  useEffect(() => {
    latestVerification.current = verification;
  });
  const platform = usePlatform();
  // A Teams link handed over by the OS opens the same dialog, pre-filled.
  useEffect(
    () => platform.onTeamsLink((link) => openDialog({ kind: 'join-teams', text: link, key: Date.now() })),
    [platform, openDialog],
  );
  const openRoomId = useOpenRoomId();
  const openSummary = rooms.find((r) => r.roomId === openRoomId) ?? null;
  const room = openRoomId ? client.getRoom(openRoomId) : null;
  useMembershipRefresh(openRoomId);
  useDesktopNotifications(client, openRoomId);
  useOpenRoomSubscription(client, openRoomId);
  const recovery = useRecovery();
  // Sign out at once when nothing would be lost; otherwise say what would be, and offer the way out.
  const requestSignOut = () => {
    const risks = signOutRisks({
      unsentMessages: session.outbox.entries().length,
      keyBackupMissing: recovery.needed,
      hasEncryptedRooms: client.getRooms().some((r) => r.getMyMembership() === 'join' && r.hasEncryptionStateEvent()),
    });
    if (risks) openDialog({ kind: 'confirm-sign-out', risks });
    else onSignOut();
  };
  const roomsPanel = useRoomsPanel(openRoomId);
  const keyboard = keyboardPlatform(navigator.userAgent);
  useShellShortcuts(keyboard, rooms, openRoomId, openDialog);
  const { t } = useTranslation();
  const onVerify = useCallback((userId: string, roomId: string) => {
    void latestVerification.current.start(userId, roomId).catch(log.swallow('starting a verification'));
  }, []);

  return (
    <div className="shell" data-rooms={roomsPanel.narrow ? (roomsPanel.open ? 'panel-open' : 'panel-closed') : 'beside'}>
      {room && openSummary?.kind !== 'invite' ? (
        // Past the header, banners and room list in one key press (WCAG 2.4.1). A button, not a link:
        // the fragment is the app's route.
        <button type="button" className="skip-link" onClick={() => document.getElementById(COMPOSER_INPUT_ID)?.focus()}>
          {t('shortcuts.skipToComposer')}
        </button>
      ) : null}
      <ShellHeader openDialog={openDialog} onSignOut={requestSignOut} roomsPanel={roomsPanel} />
      {/* Always present, so the body stays in the stretching third row of the grid. */}
      <div className="banner-slot">
        {notice ? (
          <p className="banner" role="status">
            {notice}
          </p>
        ) : null}
        <RecoveryBanner recovery={recovery} />
        <CallBar openRoomId={openRoomId} />
      </div>
      <div className="shell-body">
        <ShellSidebar
          rooms={rooms}
          stillLoading={stillLoading}
          openRoomId={openRoomId}
          openDialog={openDialog}
          onRoomChosen={roomsPanel.close}
          onEscape={roomsPanel.narrow ? roomsPanel.close : undefined}
        />
        <ShellMain
          room={room}
          listedAs={openSummary ? (openSummary.kind === 'invite' ? 'invite' : 'joined') : null}
          listedName={openSummary?.name ?? null}
          onVerify={onVerify}
        />
      </div>
      <ShellDialogs
        dialog={dialogs.dialog}
        onClose={dialogs.close}
        onSignOut={onSignOut}
        onSetUpRecovery={() => {
          dialogs.close();
          recovery.openDialog();
        }}
        rooms={rooms}
        keyboard={keyboard}
      />
      <RecoveryDialog recovery={recovery} />
      <VerificationDialog controller={verification} />
    </div>
  );
}

const log = rendererLogger('shell');
/** The message field's id (Composer.tsx), where "Skip to composer" lands. */
const COMPOSER_INPUT_ID = 'composer-input';

/** Re-render when my membership of the open room changes (invite accepted, room left). */
function useMembershipRefresh(roomId: string | null): void {
  const { client } = useSession();
  const [, setTick] = useState(0);
  useEffect(() => {
    const bump = () => setTick((n) => n + 1);
    client.on(RoomEvent.MyMembership, bump);
    return () => {
      client.off(RoomEvent.MyMembership, bump);
    };
  }, [client, roomId]);
}
