// Turns the OAuth deep link the OS hands over (relais://app/oauth-callback?code=…&state=…) into the
// app page that finishes native OIDC sign-in. Like the SSO callback: only our own scheme, host and
// path, and nothing carried over but a well-formed code and state, or an error code. The renderer
// then checks the state against the sign-in it started, so a link made by someone else goes nowhere.
import { APP_ENTRY_URL, APP_HOST, APP_SCHEME } from '../shared/appScheme.ts';
import { OAUTH_CALLBACK_PATH } from '../shared/oauthCallback.ts';

/** Codes and states are opaque, URL-safe and short (RFC 6749 leaves the format to the issuer). */
const OPAQUE = /^[A-Za-z0-9._~+/=-]{1,1024}$/;
/** Error codes are RFC 6749 ASCII words (invalid_request, access_denied, …). */
const ERROR_CODE = /^[a-z_]{1,64}$/;

export type OAuthCallbackDecision = { action: 'load'; url: string } | { action: 'ignore'; reason: string };

/** Loading the callback reloads the window: never while someone is signed in (see ssoCallback.ts). */
export function oauthCallbackDecision(candidate: string, signedIn: boolean): OAuthCallbackDecision | null {
  const url = oauthCallbackEntryUrl(candidate);
  if (url === null) return null;
  return signedIn ? { action: 'ignore', reason: 'already signed in' } : { action: 'load', url };
}

export function oauthCallbackEntryUrl(candidate: string): string | null {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.pathname !== OAUTH_CALLBACK_PATH) return null;
  if (url.username || url.password || url.hash) return null;
  const state = url.searchParams.get('state');
  if (!state || !OPAQUE.test(state)) return null;
  const code = url.searchParams.get('code');
  const error = url.searchParams.get('error');
  const entry = new URLSearchParams();
  if (code !== null && error === null && OPAQUE.test(code)) entry.set('code', code);
  else if (error !== null && code === null && ERROR_CODE.test(error)) entry.set('error', error);
  else return null;
  entry.set('state', state);
  return `${APP_ENTRY_URL}?${entry.toString()}`;
}
