// Native OIDC sign-in (Matrix's "OAuth 2.0 API"; issue 21) with matrix-js-sdk's OAuth2 helpers: the
// homeserver's auth metadata, dynamic client registration (or the client ID policy fixes), the
// authorization code grant with PKCE in the system browser, and the code exchange. The device ID is
// ours, chosen before leaving, and travels in the scope; the issuer provisions it on the homeserver.
import {
  createClient,
  isValidAuthMetadata,
  OAuth2,
  type OAuthRegistrationRequest,
  type ValidatedAuthMetadata,
} from 'matrix-js-sdk';
import { ELECTRON_OAUTH_CALLBACK } from '../../../shared/oauthCallback.ts';
import type { PlatformKind } from '../../platform/Platform.ts';
import { rendererLogger } from '../../platform/log.ts';
import { SignInError, type Credentials } from '../signIn.ts';
import { rememberPendingOidc, type OidcStorage, type PendingOidc } from './oidcReturn.ts';

const log = rendererLogger('signin');

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** Shown by the issuer on its consent and session pages; the desktop app names its home page. */
export const APP_CLIENT_NAME = 'Relais';
const DESKTOP_CLIENT_URI = 'https://relais.invalid/';

/**
 * The homeserver's delegated-auth metadata (GET /_matrix/client/v1/auth_metadata), or null when it
 * has none (a server with password or SSO sign-in) or it cannot be read.
 */
export async function fetchAuthMetadata(
  homeserverUrl: string,
  fetchFn: Fetch,
  timeoutMs: number,
): Promise<ValidatedAuthMetadata | null> {
  try {
    const response = await fetchFn(`${homeserverUrl.replace(/\/+$/, '')}/_matrix/client/v1/auth_metadata`, {
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) return null;
    const body: unknown = await response.json();
    return isValidAuthMetadata(body) ? body : null;
  } catch (error) {
    log.swallow('reading the homeserver’s auth metadata', 'info')(error);
    return null;
  }
}

export interface OidcClientInfo {
  redirectUri: string;
  registration: OAuthRegistrationRequest;
}

/**
 * What the app registers as. The desktop app is a native client coming back through its own scheme;
 * the web build a web client coming back to the page it was served from (a loopback address in tests).
 */
export function oidcClientInfo(platform: PlatformKind, pageUrl: string): OidcClientInfo {
  if (platform === 'electron') {
    return {
      redirectUri: ELECTRON_OAUTH_CALLBACK,
      registration: {
        application_type: 'native',
        client_name: APP_CLIENT_NAME,
        client_uri: DESKTOP_CLIENT_URI,
        redirect_uris: [ELECTRON_OAUTH_CALLBACK],
      },
    };
  }
  const page = new URL(pageUrl);
  const redirectUri = `${page.origin}${page.pathname}`;
  const clientUri = `${page.origin}/`;
  return {
    redirectUri,
    registration: {
      application_type: 'web',
      client_name: APP_CLIENT_NAME,
      client_uri: clientUri,
      logo_uri: `${clientUri}favicon.svg`,
      redirect_uris: [redirectUri],
    },
  };
}

export interface StartOidcRequest {
  homeserverUrl: string;
  metadata: ValidatedAuthMetadata;
  client: OidcClientInfo;
  /** The client ID the organisation registered (machine policy); otherwise registered dynamically. */
  fixedClientId?: string | null;
  storage: OidcStorage;
}

/** Registers (unless the client ID is fixed), notes the pending sign-in, and returns where to go. */
export async function startOidcSignIn(request: StartOidcRequest): Promise<string> {
  let clientId = request.fixedClientId ?? null;
  if (!clientId) {
    try {
      clientId = await OAuth2.registerClient(request.metadata, request.client.registration);
    } catch (error) {
      log.swallow('registering with the issuer', 'warn')(error);
      throw new SignInError('oidc-registration-failed', { homeserver: request.homeserverUrl });
    }
  }
  const deviceId = randomDeviceId();
  const auth = new OAuth2(request.metadata, { clientId, deviceId });
  const state = randomState();
  const pending: PendingOidc = {
    state,
    homeserverUrl: request.homeserverUrl,
    issuer: request.metadata.issuer,
    clientId,
    deviceId,
    codeVerifier: auth.context.codeVerifier,
    redirectUri: request.client.redirectUri,
  };
  // Query, not the SDK's default fragment: main's deep-link check and the web page both read the query.
  const url = await auth.generateAuthorizationCodeGrantUrl(state, request.client.redirectUri, 'query');
  rememberPendingOidc(request.storage, pending);
  return url;
}

/** The end of the round trip: exchanges the code, and asks the homeserver who the token is for. */
export async function completeOidcSignIn(
  pending: PendingOidc,
  code: string,
  fetchFn: typeof fetch,
  timeoutMs: number,
): Promise<Credentials> {
  const metadata = await fetchAuthMetadata(pending.homeserverUrl, fetchFn, timeoutMs);
  // The issuer must still be the one we went to: a code is only good there.
  if (!metadata || metadata.issuer !== pending.issuer)
    throw new SignInError('oidc-failed', { homeserver: pending.homeserverUrl });
  const auth = new OAuth2(metadata, {
    clientId: pending.clientId,
    deviceId: pending.deviceId,
    codeVerifier: pending.codeVerifier,
  });
  const requestedAt = Date.now();
  let tokens: Awaited<ReturnType<OAuth2['completeAuthorizationCodeGrant']>>;
  try {
    tokens = await auth.completeAuthorizationCodeGrant(code, pending.redirectUri);
  } catch (error) {
    log.swallow('exchanging the authorization code', 'warn')(error);
    throw new SignInError('oidc-failed', { homeserver: pending.homeserverUrl });
  }
  const client = createClient({
    baseUrl: pending.homeserverUrl,
    accessToken: tokens.access_token,
    fetchFn,
    localTimeoutMs: timeoutMs,
  });
  try {
    const whoami = await client.whoami();
    if (whoami.device_id && whoami.device_id !== pending.deviceId) throw new Error('the homeserver named another device');
    return {
      homeserverUrl: pending.homeserverUrl,
      userId: whoami.user_id,
      deviceId: pending.deviceId,
      accessToken: tokens.access_token,
      ...(tokens.refresh_token ? { refreshToken: tokens.refresh_token } : {}),
      oauthClientId: pending.clientId,
      ...(tokens.expires_in ? { accessTokenExpiresAt: requestedAt + tokens.expires_in * 1000 } : {}),
    };
  } catch (error) {
    log.swallow('asking the homeserver who signed in', 'warn')(error);
    throw new SignInError('oidc-failed', { homeserver: pending.homeserverUrl });
  } finally {
    client.stopClient();
  }
}

const DEVICE_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Ten capitals, as Synapse makes them: random enough to never clash within one account. */
function randomDeviceId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  return Array.from(bytes, (byte) => DEVICE_ID_ALPHABET[byte % DEVICE_ID_ALPHABET.length]).join('');
}

function randomState(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
