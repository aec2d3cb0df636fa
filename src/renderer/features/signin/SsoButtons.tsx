// "Sign in with single sign-on": one button per identity provider the homeserver lists (or one for
// the server's own choice). The browser build leaves for the provider's page and comes back here
// with a login token; the desktop app opens it in the OS browser and waits for the deep link.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePlatform } from '../../app/PlatformContext.ts';
import type { IdentityProvider } from './loginFlows.ts';
import { ssoLoginUrl, ssoRedirectUrl } from './ssoRedirect.ts';
import { forgetSsoHomeserver, rememberSsoHomeserver } from './ssoReturn.ts';

export type SsoProblem = 'cancelled' | 'open-failed';

export interface SsoButtonsProps {
  homeserverUrl: string;
  providers: IdentityProvider[];
  disabled?: boolean;
  onProblem: (problem: SsoProblem) => void;
}

export function SsoButtons({ homeserverUrl, providers, disabled = false, onProblem }: SsoButtonsProps) {
  const { t } = useTranslation();
  const platform = usePlatform();
  const labelId = useId();
  const [state, setState] = useState<'idle' | 'leaving' | 'external'>('idle');

  // Back from the provider's page without signing in: the browser may restore this very page from
  // its back/forward cache instead of loading it again, so no page load reports the cancellation.
  useEffect(() => {
    const onPageShow = (event: PageTransitionEvent) => {
      if (!event.persisted || state !== 'leaving') return;
      forgetSsoHomeserver(window.sessionStorage);
      setState('idle');
      onProblem('cancelled');
    };
    window.addEventListener('pageshow', onPageShow);
    return () => window.removeEventListener('pageshow', onPageShow);
  }, [state, onProblem]);

  async function start(provider: IdentityProvider | null) {
    const url = ssoLoginUrl(homeserverUrl, ssoRedirectUrl(platform, window.location.href), provider?.id);
    rememberSsoHomeserver(window.sessionStorage, homeserverUrl);
    if (platform.kind === 'web') {
      setState('leaving');
      window.location.assign(url);
      return;
    }
    const opened = await platform.openExternal(url).catch(() => false);
    if (opened) {
      setState('external');
    } else {
      forgetSsoHomeserver(window.sessionStorage);
      onProblem('open-failed');
    }
  }

  const choices: (IdentityProvider | null)[] = providers.length > 0 ? providers : [null];
  return (
    <div className="sso-section" role="group" aria-labelledby={labelId}>
      <p className="sso-divider" id={labelId}>
        <span>{t('sso.heading')}</span>
      </p>
      {choices.map((provider) => (
        <button
          key={provider?.id ?? ''}
          type="button"
          className="button button-sso"
          disabled={disabled || state === 'leaving'}
          onClick={() => void start(provider)}
        >
          {provider ? t('sso.signInWith', { provider: provider.name }) : t('sso.signIn')}
        </button>
      ))}
      {state === 'leaving' ? (
        <p className="muted small" role="status">
          {t('sso.redirecting')}
        </p>
      ) : null}
      {state === 'external' ? (
        <p className="muted small" role="status">
          {t('sso.continueInBrowser')}
        </p>
      ) : null}
    </div>
  );
}
