// The top bar: the "Rooms" button when the window is narrow, who is signed in, whether the app is
// online (and how many messages wait), language, Settings and Sign out.
import {
  LeftPanelCloseIcon,
  LeftPanelOpenIcon,
  SettingsIcon,
  SignOutIcon,
} from '@vector-im/compound-design-tokens/assets/web/icons';
import { useTranslation } from 'react-i18next';
import { useManagedSettings } from '../ManagedSettingsContext.ts';
import { useSession } from '../SessionContext.ts';
import { useConnectivity, useOutboxWaiting } from '../../features/room/useOutbox.ts';
import { LanguageSwitcher } from '../../ui/LanguageSwitcher.tsx';
import { Logo } from '../../ui/Logo.tsx';
import { OrganisationBrand } from '../../ui/OrganisationBrand.tsx';
import type { RoomsPanel } from './useRoomsPanel.ts';
import type { ShellDialog } from './useShellDialog.ts';

/** The sidebar's id, for the "Rooms" button's aria-controls. */
export const SIDEBAR_ID = 'shell-sidebar';
/** Where focus goes back to when Escape closes the room-list panel. */
export const ROOMS_TOGGLE_ID = 'shell-rooms-toggle';

export interface ShellHeaderProps {
  openDialog: (dialog: ShellDialog) => void;
  onSignOut: () => void;
  roomsPanel: Pick<RoomsPanel, 'narrow' | 'open' | 'toggle'>;
}

export function ShellHeader({ openDialog, onSignOut, roomsPanel }: ShellHeaderProps) {
  const { t } = useTranslation();
  const session = useSession();
  const status = useConnectivity(session.connectivity);
  const waiting = useOutboxWaiting(session.outbox);
  const PanelIcon = roomsPanel.open ? LeftPanelCloseIcon : LeftPanelOpenIcon;
  return (
    <header className="shell-header">
      {roomsPanel.narrow ? (
        <button
          type="button"
          id={ROOMS_TOGGLE_ID}
          className="button button-secondary button-icon-text"
          aria-expanded={roomsPanel.open}
          aria-controls={SIDEBAR_ID}
          onClick={roomsPanel.toggle}
        >
          <PanelIcon aria-hidden="true" className="button-icon" />
          {t('shell.roomsToggle')}
        </button>
      ) : null}
      <div className="brand-lockup small">
        <Logo size={28} />
        <span className="brand-name">{t('app.name')}</span>
      </div>
      <OrganisationBrand branding={useManagedSettings().branding} size={28} />
      <p className={`status status-${status}`} role="status">
        <span className="status-dot" aria-hidden="true" />
        {t(`session.status.${status}`)}
        {waiting > 0 ? <span className="status-waiting">· {t('outbox.waitingCount', { count: waiting })}</span> : null}
      </p>
      <div className="shell-header-end">
        <span className="muted small shell-signed-in-as">{t('session.signedInAs', { userId: session.credentials.userId })}</span>
        <div className="shell-header-language">
          <LanguageSwitcher />
        </div>
        <button
          type="button"
          className="button button-secondary button-icon-text"
          title={t('settings.open')}
          onClick={() => openDialog({ kind: 'settings' })}
        >
          <SettingsIcon aria-hidden="true" className="button-icon" />
          <span className="button-label">{t('settings.open')}</span>
        </button>
        <button
          type="button"
          className="button button-secondary button-icon-text"
          title={t('session.signOut')}
          onClick={onSignOut}
        >
          <SignOutIcon aria-hidden="true" className="button-icon" />
          <span className="button-label">{t('session.signOut')}</span>
        </button>
      </div>
    </header>
  );
}
