// The return from single sign-on: exchanges the login token for a session. A token we asked for
// (this tab started SSO) is exchanged at once; any other (a link from elsewhere, which could sign the
// user in to someone else's account) waits until the user confirms the homeserver it is for.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { signInWithLoginToken, type Credentials } from '../../matrix/signIn.ts';

export interface SsoTokenPanelProps {
  token: string;
  homeserver: string;
  solicited: boolean;
  onCredentials: (credentials: Credentials) => Promise<void>;
  onFailure: (error: unknown) => void;
  onDecline: () => void;
}

export function SsoTokenPanel({ token, homeserver, solicited, onCredentials, onFailure, onDecline }: SsoTokenPanelProps) {
  const { t } = useTranslation();
  const [exchanging, setExchanging] = useState(solicited);
  const started = useRef(false);

  useEffect(() => {
    // Once only: a login token works a single time, and StrictMode runs effects twice.
    if (!exchanging || started.current) return;
    started.current = true;
    signInWithLoginToken({ homeserver, token }).then(onCredentials).catch(onFailure);
  }, [exchanging, homeserver, token, onCredentials, onFailure]);

  if (exchanging) {
    return (
      <p className="signin-summary" role="status" aria-busy="true">
        {t('sso.completing', { homeserver })}
      </p>
    );
  }
  return (
    <div className="sso-confirm">
      <h2>{t('sso.confirm.title')}</h2>
      <p>{t('sso.confirm.body', { homeserver })}</p>
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={onDecline}>
          {t('sso.confirm.decline')}
        </button>
        <button type="button" className="button button-primary inline" onClick={() => setExchanging(true)}>
          {t('sso.confirm.continue')}
        </button>
      </div>
    </div>
  );
}
