// The return from the issuer: exchanges the authorization code for tokens, once (a code works a
// single time, and StrictMode runs effects twice), and hands the credentials on.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { completeOidcSignIn } from '../../matrix/oidc/oidcSignIn.ts';
import type { PendingOidc } from '../../matrix/oidc/oidcReturn.ts';
import { defaultFetch, TIMEOUT_MS, type Credentials } from '../../matrix/signIn.ts';

export interface OidcReturnPanelProps {
  code: string;
  pending: PendingOidc;
  onCredentials: (credentials: Credentials) => Promise<void>;
  onFailure: (error: unknown) => void;
}

export function OidcReturnPanel({ code, pending, onCredentials, onFailure }: OidcReturnPanelProps) {
  const { t } = useTranslation();
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    completeOidcSignIn(pending, code, defaultFetch, TIMEOUT_MS).then(onCredentials).catch(onFailure);
  }, [code, pending, onCredentials, onFailure]);

  return (
    <p className="signin-summary" role="status" aria-busy="true">
      {t('oidc.completing', { homeserver: new URL(pending.homeserverUrl).host })}
    </p>
  );
}
