// Sign-in for a homeserver that delegates authentication to an OIDC issuer (issue 21). The choice is
// made for the user (the server decides) and said plainly: where the sign-in page is, and why the
// password form is not here. The browser build leaves for the issuer's page and comes back to this
// page; the desktop app opens it in the system browser and waits for relais://app/oauth-callback.
import type { ValidatedAuthMetadata } from 'matrix-js-sdk';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useManagedSettings } from '../../app/ManagedSettingsContext.ts';
import { usePlatform } from '../../app/PlatformContext.ts';
import { egressFilterFromRules } from '../../../shared/policy/egress.ts';
import { blockedOidcHost } from '../../matrix/oidc/oidcEgress.ts';
import { SignInError } from '../../matrix/signIn.ts';
import { forgetPendingOidc } from '../../matrix/oidc/oidcReturn.ts';
import { oidcClientInfo, startOidcSignIn } from '../../matrix/oidc/oidcSignIn.ts';
import './oidcSignIn.css';

export interface OidcSignInProps {
  homeserverUrl: string;
  metadata: ValidatedAuthMetadata;
  /** The client ID the organisation registered with its issuer (machine policy), if any. */
  fixedClientId: string | null;
  onFailure: (error: unknown) => void;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export function OidcSignIn({ homeserverUrl, metadata, fixedClientId, onFailure }: OidcSignInProps) {
  const { t } = useTranslation();
  const platform = usePlatform();
  const managed = useManagedSettings();
  const [state, setState] = useState<'idle' | 'starting' | 'leaving' | 'external'>('idle');

  async function start() {
    setState('starting');
    onFailure(null);
    try {
      const blocked =
        managed.egress.mode === 'unmanaged' ? null : blockedOidcHost(metadata, egressFilterFromRules(managed.egress));
      if (blocked !== null) throw new SignInError('oidc-issuer-not-allowed', { homeserver: blocked });
      const url = await startOidcSignIn({
        homeserverUrl,
        metadata,
        client: oidcClientInfo(platform.kind, window.location.href),
        fixedClientId,
        storage: window.sessionStorage,
      });
      if (platform.kind === 'web') {
        setState('leaving');
        window.location.assign(url);
        return;
      }
      if (await platform.openExternal(url).catch(() => false)) {
        setState('external');
        return;
      }
      forgetPendingOidc(window.sessionStorage);
      setState('idle');
      onFailure(new Error('the sign-in page could not be opened'));
    } catch (error) {
      setState('idle');
      onFailure(error);
    }
  }

  return (
    <section className="oidc-signin" aria-labelledby="oidc-signin-heading">
      <h2 id="oidc-signin-heading" className="oidc-signin-heading">
        {t('oidc.heading')}
      </h2>
      <p>{t('oidc.explanation', { homeserver: hostOf(homeserverUrl), issuer: hostOf(metadata.issuer) })}</p>
      <button
        type="button"
        className="button button-primary"
        disabled={state === 'starting' || state === 'leaving'}
        onClick={() => void start()}
      >
        {t('oidc.continue')}
      </button>
      {state === 'leaving' || state === 'starting' ? (
        <p className="muted small" role="status">
          {t('oidc.redirecting')}
        </p>
      ) : null}
      {state === 'external' ? (
        <p className="muted small" role="status">
          {t('oidc.continueInBrowser')}
        </p>
      ) : null}
    </section>
  );
}
