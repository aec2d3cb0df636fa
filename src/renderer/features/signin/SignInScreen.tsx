// The sign-in screen: the plain Matrix form or, when the deployment turns it on, Tchap's e-mail
// sign-in; the end of single sign-on when the page comes back with a login token; and the expired-
// account dialog whichever way the user signed in.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppConfig } from '../../app/AppConfigContext.ts';
import { usePlatform } from '../../app/PlatformContext.ts';
import { AccountExpiredError, discardCredentials, type Credentials } from '../../matrix/signIn.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { consumeOidcReturn, settleOidcReturn, type OidcReturn } from '../../matrix/oidc/oidcReturn.ts';
import { ExpiredAccountDialog } from './ExpiredAccountDialog.tsx';
import { OidcReturnPanel } from './OidcReturnPanel.tsx';
import { consumeSignInNotice } from './signInNotice.ts';
import { PasswordSignInForm } from './PasswordSignInForm.tsx';
import { signInErrorMessage, type ErrorMessage, type SignInMode } from './signInErrors.ts';
import { SignInLayout } from './SignInLayout.tsx';
import type { SsoProblem } from './SsoButtons.tsx';
import { consumeSsoReturn, settleSsoReturn, type SsoReturn } from './ssoReturn.ts';
import { SsoTokenPanel } from './SsoTokenPanel.tsx';
import { TchapSignInForm } from './TchapSignInForm.tsx';

export interface SignInScreenProps {
  defaultHomeserver: string;
  onSignedIn: (credentials: Credentials) => Promise<void>;
}

function messageForNotice(): ErrorMessage | null {
  return consumeSignInNotice(window) === 'session-ended' ? { keys: ['oidc.errors.sessionEnded'], values: {} } : null;
}

function messageForOidcReturn(oidc: OidcReturn): ErrorMessage | null {
  if (oidc.kind === 'cancelled') return { keys: ['oidc.errors.cancelled'], values: {} };
  if (oidc.kind === 'refused') return { keys: ['oidc.errors.refused'], values: {} };
  if (oidc.kind === 'unsolicited') return { keys: ['oidc.errors.unsolicited'], values: {} };
  return null;
}

function messageForSsoReturn(sso: SsoReturn): ErrorMessage | null {
  if (sso.kind === 'cancelled') return { keys: ['sso.errors.cancelled'], values: {} };
  if (sso.kind === 'token-without-homeserver') return { keys: ['sso.errors.no-homeserver'], values: {} };
  return null;
}

export function SignInScreen({ defaultHomeserver, onSignedIn }: SignInScreenProps) {
  const { t } = useTranslation();
  const platform = usePlatform();
  const config = useAppConfig();
  const tchap = config.tchap?.enabled ? config.tchap : null;
  const [sso, setSso] = useState<SsoReturn>(() => consumeSsoReturn(window, defaultHomeserver));
  const [oidc, setOidc] = useState<OidcReturn>(() => consumeOidcReturn(window));
  const [error, setError] = useState<ErrorMessage | null>(
    () => messageForNotice() ?? messageForOidcReturn(oidc) ?? messageForSsoReturn(sso),
  );
  const [expired, setExpired] = useState<AccountExpiredError | null>(null);
  // The expired session the dialog may still log out; a ref so a repeated close does it once.
  const expiredRef = useRef<AccountExpiredError | null>(null);

  useEffect(() => {
    settleSsoReturn();
    settleOidcReturn();
  }, []);

  const failureHandler = useCallback(
    (mode: SignInMode) => (failure: unknown) => {
      if (failure === null) {
        setError(null);
      } else if (failure instanceof AccountExpiredError) {
        expiredRef.current = failure;
        setExpired(failure);
      } else {
        setError(signInErrorMessage(failure, mode));
      }
    },
    [],
  );
  const onPasswordFailure = useCallback(
    (failure: unknown) => failureHandler(tchap ? 'tchap' : 'password')(failure),
    [failureHandler, tchap],
  );
  const onSsoFailure = useCallback(
    (failure: unknown) => {
      setSso({ kind: 'none' });
      failureHandler('sso')(failure);
    },
    [failureHandler],
  );
  const onOidcFailure = useCallback(
    (failure: unknown) => {
      setOidc({ kind: 'none' });
      failureHandler('oidc')(failure);
    },
    [failureHandler],
  );
  const onSsoProblem = useCallback((problem: SsoProblem) => setError({ keys: [`sso.errors.${problem}`], values: {} }), []);

  const closeExpired = useCallback(() => {
    const current = expiredRef.current;
    expiredRef.current = null;
    setExpired(null);
    setSso({ kind: 'none' });
    if (current?.credentials) void discardCredentials(current.credentials);
  }, []);

  const onRenewed = useCallback(
    async (credentials: Credentials) => {
      expiredRef.current = null; // renewed: this session is kept, not logged out
      setExpired(null);
      await onSignedIn(credentials);
    },
    [onSignedIn],
  );

  return (
    <SignInLayout>
      <h1>{t('signIn.title')}</h1>
      <p className="muted">{tchap ? t('tchap.subtitle') : t('signIn.subtitle')}</p>
      <ErrorAlert message={error ? t(error.keys, error.values) : null} />
      {oidc.kind === 'code' ? (
        <OidcReturnPanel code={oidc.code} pending={oidc.pending} onCredentials={onSignedIn} onFailure={onOidcFailure} />
      ) : sso.kind === 'token' ? (
        <SsoTokenPanel
          token={sso.token}
          homeserver={sso.homeserver}
          solicited={sso.solicited}
          onCredentials={onSignedIn}
          onFailure={onSsoFailure}
          onDecline={() => setSso({ kind: 'none' })}
        />
      ) : tchap ? (
        <TchapSignInForm tchap={tchap} onCredentials={onSignedIn} onFailure={onPasswordFailure} onSsoProblem={onSsoProblem} />
      ) : (
        <PasswordSignInForm
          defaultHomeserver={defaultHomeserver}
          onCredentials={onSignedIn}
          onFailure={onPasswordFailure}
          onSsoProblem={onSsoProblem}
        />
      )}
      {platform.kind === 'web' ? <p className="muted small">{t('signIn.sessionOnlyWeb')}</p> : null}
      <ExpiredAccountDialog expired={expired} onRenewed={onRenewed} onClose={closeExpired} />
    </SignInLayout>
  );
}
