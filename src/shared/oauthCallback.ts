// The native OIDC (OAuth 2.0) callback both processes must agree on: the renderer registers it as
// the redirect URI of the desktop app, and main recognises it when the OS hands the deep link over.
import { APP_ORIGIN } from './appScheme.ts';

/** Path of the desktop app's OAuth deep link on the app scheme. */
export const OAUTH_CALLBACK_PATH = '/oauth-callback';

/** Where the desktop app asks the issuer to send the browser back: relais://app/oauth-callback. */
export const ELECTRON_OAUTH_CALLBACK = `${APP_ORIGIN}${OAUTH_CALLBACK_PATH}`;

/**
 * The parameters of an authorization response (RFC 6749 §4.1.2 and §4.1.2.1) the app reads. The
 * issuer's other parameters (iss, session_state) are dropped on the way in.
 */
export const OAUTH_RESPONSE_PARAMS = ['code', 'state', 'error'] as const;
