// The single sign-on callback both processes must agree on: the renderer names it as the redirect URL
// when starting SSO in the desktop app, and main recognises it when the OS hands the deep link over.
import { APP_ORIGIN } from './appScheme.ts';

/** Path of the desktop app's SSO deep link on the app scheme. */
export const SSO_CALLBACK_PATH = '/sso-callback';

/** Where the desktop app asks the homeserver to send the browser back: relais://app/sso-callback. */
export const ELECTRON_SSO_CALLBACK = `${APP_ORIGIN}${SSO_CALLBACK_PATH}`;

/** The query parameter the homeserver appends to the callback (Matrix spec: `loginToken`). */
export const LOGIN_TOKEN_PARAM = 'loginToken';
