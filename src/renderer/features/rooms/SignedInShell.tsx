import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionStatus, Session } from '../../matrix/session.ts';
import { LanguageSwitcher } from '../../ui/LanguageSwitcher.tsx';
import { Logo } from '../../ui/Logo.tsx';
import { RoomList } from './RoomList.tsx';
import { useRoomList } from './useRoomList.ts';

export interface SignedInShellProps {
  session: Session;
  onSignOut: () => void;
}

export function SignedInShell({ session, onSignOut }: SignedInShellProps) {
  const { t } = useTranslation();
  const rooms = useRoomList(session.client);
  const [status, setStatus] = useState<ConnectionStatus>('connecting');
  useEffect(() => session.onStatus(setStatus), [session]);

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
        </p>
        <div className="shell-header-end">
          <span className="muted small">{t('session.signedInAs', { userId: session.credentials.userId })}</span>
          <LanguageSwitcher />
          <button type="button" className="button button-secondary" onClick={onSignOut}>
            {t('session.signOut')}
          </button>
        </div>
      </header>
      <div className="shell-body">
        <RoomList rooms={rooms} />
        <main className="shell-main">
          <div className="welcome">
            <Logo size={64} />
            <h1>{t('session.welcome')}</h1>
            <p className="muted">{t('session.welcomeHint')}</p>
          </div>
        </main>
      </div>
    </div>
  );
}
