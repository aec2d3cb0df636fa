// Turns the SSO deep link the OS hands over into the app page that finishes signing in, accepting
// only our own scheme, host and path, and carrying over nothing but a well-formed login token.
import { APP_ENTRY_URL, APP_HOST, APP_SCHEME } from '../shared/appScheme.ts';
import { LOGIN_TOKEN_PARAM, SSO_CALLBACK_PATH } from '../shared/ssoCallback.ts';

const LOGIN_TOKEN = /^[A-Za-z0-9._~+/=-]{1,512}$/;

export type SsoCallbackDecision = { action: 'load'; url: string } | { action: 'ignore'; reason: string };

/**
 * What to do with a callback link. Loading it reloads the window, which would end a call and drop
 * unsent drafts; a signed-in user has no sign-in to finish, and a link arriving then is at best
 * stale, at worst someone else's token pushed at us: ignored.
 */
export function ssoCallbackDecision(candidate: string, signedIn: boolean): SsoCallbackDecision | null {
  const url = ssoCallbackEntryUrl(candidate);
  if (url === null) return null;
  return signedIn ? { action: 'ignore', reason: 'already signed in' } : { action: 'load', url };
}

export function ssoCallbackEntryUrl(candidate: string): string | null {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.pathname !== SSO_CALLBACK_PATH) return null;
  if (url.username || url.password) return null;
  const token = url.searchParams.get(LOGIN_TOKEN_PARAM);
  if (!token || !LOGIN_TOKEN.test(token)) return null;
  return `${APP_ENTRY_URL}?${LOGIN_TOKEN_PARAM}=${encodeURIComponent(token)}`;
}
