// The shell's one dialog host: every app-level dialog is rendered here, open when the shell's dialog
// state names it (see useShellDialog). Dialogs that belong to a room (Invite) stay in the room view.
import { useTranslation } from 'react-i18next';
import { useSession } from '../SessionContext.ts';
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

export interface ShellDialogsProps {
  dialog: ShellDialog | null;
  onClose: () => void;
  onSignOut: () => void;
  /** For "Switch room". */
  rooms: readonly RoomSummary[];
  keyboard: KeyboardPlatform;
}

export function ShellDialogs({ dialog, onClose, onSignOut, rooms, keyboard }: ShellDialogsProps) {
  const kind = dialog?.kind ?? null;
  return (
    <>
      <NewRoomDialog open={kind === 'new-room'} onClose={onClose} />
      <SettingsDialog open={kind === 'settings'} onClose={onClose} />
      <NewDirectMessageDialog open={kind === 'new-direct-message'} onClose={onClose} />
      <SearchDialog open={kind === 'search'} onClose={onClose} />
      <ShortcutsDialog open={kind === 'shortcuts'} onClose={onClose} platform={keyboard} />
      {kind === 'switch-room' ? <SwitchRoomDialog open onClose={onClose} rooms={rooms} /> : null}
      <ConfirmSignOutDialog open={kind === 'confirm-sign-out'} onClose={onClose} onSignOut={onSignOut} />
      {dialog?.kind === 'join-teams' ? (
        <JoinTeamsDialog key={dialog.key} open initialText={dialog.text} onClose={onClose} />
      ) : null}
    </>
  );
}

/** Signing out with messages still waiting to be sent: they would be lost, so ask first. */
function ConfirmSignOutDialog({ open, onClose, onSignOut }: { open: boolean; onClose: () => void; onSignOut: () => void }) {
  const { t } = useTranslation();
  const { outbox } = useSession();
  return (
    <Dialog title={t('outbox.signOutTitle')} open={open} onClose={onClose}>
      <p>{t('outbox.signOutWarning', { count: outbox.entries().length })}</p>
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="button" className="button button-primary inline" onClick={onSignOut}>
          {t('outbox.signOutAnyway')}
        </button>
      </div>
    </Dialog>
  );
}
