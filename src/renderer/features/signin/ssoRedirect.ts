// Single sign-on URLs (https://spec.matrix.org/v1.12/client-server-api/#client-login-via-sso): the
// browser goes to the homeserver's SSO redirect endpoint, and the homeserver sends it back to our
// redirect URL with `?loginToken=…` once the identity provider has signed the user in.
import { ELECTRON_SSO_CALLBACK, LOGIN_TOKEN_PARAM } from '../../../shared/ssoCallback.ts';
import type { PlatformKind } from '../../platform/Platform.ts';

/**
 * Where the desktop app asks to be sent back: a deep link to its own scheme (defined in
 * src/shared/ssoCallback.ts, which main also reads). The OS hands it to the main process, which loads
 * it into the window as index.html?loginToken=….
 */
export { ELECTRON_SSO_CALLBACK, LOGIN_TOKEN_PARAM };

/** Our redirect URL: in a browser, the page we are on, without any old token or fragment. */
export function ssoRedirectUrl(platform: { kind: PlatformKind }, pageUrl: string): string {
  if (platform.kind === 'electron') return ELECTRON_SSO_CALLBACK;
  const url = new URL(pageUrl);
  url.searchParams.delete(LOGIN_TOKEN_PARAM);
  url.hash = '';
  return url.href;
}

/** The homeserver endpoint that starts SSO, with one identity provider or the server's choice. */
export function ssoLoginUrl(homeserverUrl: string, redirectUrl: string, identityProviderId?: string): string {
  const path = identityProviderId
    ? `/_matrix/client/v3/login/sso/redirect/${encodeURIComponent(identityProviderId)}`
    : '/_matrix/client/v3/login/sso/redirect';
  return `${homeserverUrl.replace(/\/+$/, '')}${path}?redirectUrl=${encodeURIComponent(redirectUrl)}`;
}

/**
 * Splits a returning page URL into its login token and the URL to show instead. The token is a
 * credential for a couple of minutes: it must not stay in the address bar, history or bookmarks.
 */
export function takeLoginToken(pageUrl: string): { token: string | null; cleanUrl: string } {
  const url = new URL(pageUrl);
  const token = url.searchParams.get(LOGIN_TOKEN_PARAM);
  if (token === null) return { token: null, cleanUrl: pageUrl };
  url.searchParams.delete(LOGIN_TOKEN_PARAM);
  return { token: token || null, cleanUrl: url.href };
}
