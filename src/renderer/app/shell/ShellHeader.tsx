// The top bar: who is signed in, whether the app is online (and how many messages wait), language,
// Settings and Sign out.
import { useTranslation } from 'react-i18next';
import { useSession } from '../SessionContext.ts';
import { useConnectivity, useOutboxWaiting } from '../../features/room/useOutbox.ts';
import { LanguageSwitcher } from '../../ui/LanguageSwitcher.tsx';
import { Logo } from '../../ui/Logo.tsx';
import type { ShellDialog } from './useShellDialog.ts';

export interface ShellHeaderProps {
  openDialog: (dialog: ShellDialog) => void;
  onSignOut: () => void;
}

export function ShellHeader({ openDialog, onSignOut }: ShellHeaderProps) {
  const { t } = useTranslation();
  const session = useSession();
  const status = useConnectivity(session.connectivity);
  const waiting = useOutboxWaiting(session.outbox);
  return (
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
        <button type="button" className="button button-secondary" onClick={() => openDialog({ kind: 'settings' })}>
          {t('settings.open')}
        </button>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => (session.outbox.entries().length > 0 ? openDialog({ kind: 'confirm-sign-out' }) : onSignOut())}
        >
          {t('session.signOut')}
        </button>
      </div>
    </header>
  );
}
