// The shell's one dialog host: every app-level dialog is rendered here, open when the shell's dialog
// state names it (see useShellDialog). Dialogs that belong to a room (Invite) stay in the room view.
import { useTranslation } from 'react-i18next';
import { NewDirectMessageDialog } from '../../features/rooms/NewDirectMessageDialog.tsx';
import { NewRoomDialog } from '../../features/rooms/NewRoomDialog.tsx';
import { SwitchRoomDialog } from '../../features/rooms/SwitchRoomDialog.tsx';
import { SearchDialog } from '../../features/search/SearchDialog.tsx';
import { SettingsDialog } from '../../features/settings/SettingsDialog.tsx';
import { JoinTeamsDialog } from '../../features/teams/JoinTeamsDialog.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import type { RoomSummary } from '../../matrix/roomList.ts';
import type { KeyboardPlatform } from './shortcuts.ts';
import { ShortcutsDialog } from './ShortcutsDialog.tsx';
import type { ShellDialog } from './useShellDialog.ts';
import type { SignOutRisks } from './signOutRisks.ts';

export interface ShellDialogsProps {
  dialog: ShellDialog | null;
  onClose: () => void;
  onSignOut: () => void;
  /** From the sign-out warning: set up key backup instead of losing the keys. */
  onSetUpRecovery: () => void;
  /** For "Switch room". */
  rooms: readonly RoomSummary[];
  keyboard: KeyboardPlatform;
}

export function ShellDialogs({ dialog, onClose, onSignOut, onSetUpRecovery, rooms, keyboard }: ShellDialogsProps) {
  const kind = dialog?.kind ?? null;
  return (
    <>
      <NewRoomDialog open={kind === 'new-room'} onClose={onClose} />
      <SettingsDialog open={kind === 'settings'} onClose={onClose} />
      <NewDirectMessageDialog open={kind === 'new-direct-message'} onClose={onClose} />
      <SearchDialog open={kind === 'search'} onClose={onClose} />
      <ShortcutsDialog open={kind === 'shortcuts'} onClose={onClose} platform={keyboard} />
      {kind === 'switch-room' ? <SwitchRoomDialog open onClose={onClose} rooms={rooms} /> : null}
      {dialog?.kind === 'confirm-sign-out' ? (
        <ConfirmSignOutDialog risks={dialog.risks} onClose={onClose} onSignOut={onSignOut} onSetUpRecovery={onSetUpRecovery} />
      ) : null}
      {dialog?.kind === 'join-teams' ? (
        <JoinTeamsDialog key={dialog.key} open initialText={dialog.text} onClose={onClose} />
      ) : null}
    </>
  );
}

/**
 * Signing out would lose something (signOutRisks): say what, and offer the way to keep it first. Key
 * backup comes first when keys are at risk: "Set up recovery" is the primary action.
 */
function ConfirmSignOutDialog({
  risks,
  onClose,
  onSignOut,
  onSetUpRecovery,
}: {
  risks: SignOutRisks;
  onClose: () => void;
  onSignOut: () => void;
  onSetUpRecovery: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog title={t('signOut.title')} open onClose={onClose}>
      {risks.keysAtRisk ? <p>{t('signOut.keysAtRisk')}</p> : null}
      {risks.unsentMessages > 0 ? <p>{t('outbox.signOutWarning', { count: risks.unsentMessages })}</p> : null}
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className={risks.keysAtRisk ? 'button button-danger inline' : 'button button-primary inline'}
          onClick={onSignOut}
        >
          {t('outbox.signOutAnyway')}
        </button>
        {risks.keysAtRisk ? (
          <button type="button" className="button button-primary inline" onClick={onSetUpRecovery}>
            {t('recovery.setUp')}
          </button>
        ) : null}
      </div>
    </Dialog>
  );
}
