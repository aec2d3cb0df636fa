// Signing in: with a password (user name or e-mail address), or with a login token from single
// sign-on. Every failure becomes a SignInError whose `problem` the UI turns into a sentence.
import { ConnectionError, createClient, MatrixError, type LoginRequest } from 'matrix-js-sdk';
import { HomeserverError, resolveHomeserver, type HomeserverProblem } from './homeserver.ts';
import { checkAccountValidity, EXPIRED_ACCOUNT_ERRCODE } from './tchap/accountValidity.ts';
import { rendererLogger } from '../platform/log.ts';

export type SignInProblem =
  | HomeserverProblem
  | 'missing-fields'
  | 'wrong-credentials'
  | 'account-deactivated'
  | 'account-expired'
  | 'rate-limited'
  | 'server-error'
  | 'login-token-invalid'
  | 'oidc-registration-failed'
  | 'oidc-failed'
  /** A managed install's egress allowlist does not name the sign-in service (detail.homeserver: its host). */
  | 'oidc-issuer-not-allowed';

export class SignInError extends Error {
  readonly problem: SignInProblem;
  readonly detail: { homeserver?: string; retryAfterMs?: number };

  constructor(problem: SignInProblem, detail: { homeserver?: string; retryAfterMs?: number } = {}) {
    super(problem);
    this.problem = problem;
    this.detail = detail;
    this.name = 'SignInError';
  }
}

/**
 * The account exists but its validity period is over. When the homeserver still issued a token
 * (Synapse does), `credentials` holds it: the only things it may do are ask for a renewal e-mail,
 * check again, and log out.
 */
export class AccountExpiredError extends SignInError {
  readonly credentials: Credentials | null;

  constructor(credentials: Credentials | null, homeserver: string) {
    super('account-expired', { homeserver });
    this.credentials = credentials;
    this.name = 'AccountExpiredError';
  }
}

export interface Credentials {
  homeserverUrl: string;
  userId: string;
  deviceId: string;
  accessToken: string;
  /**
   * Native OIDC sessions only. Kept with the rest in the OS keychain (the web build: this tab's
   * memory), never in the renderer's storage; replaced at each refresh.
   */
  refreshToken?: string;
  /** The client ID the issuer knows this app by (needed to refresh and to revoke). */
  oauthClientId?: string;
  /** When the access token expires, in ms since the epoch, as the issuer said. */
  accessTokenExpiresAt?: number;
}

export interface SignInRequest {
  homeserver: string;
  username: string;
  password: string;
  /** See ResolveOptions.beforeConnect. */
  beforeConnect?: (baseUrl: string) => Promise<void>;
}

export interface EmailSignInRequest {
  /** Already discovered (Tchap): a client-API base URL. */
  homeserverUrl: string;
  email: string;
  password: string;
}

export interface TokenSignInRequest {
  homeserver: string;
  token: string;
}

export const TIMEOUT_MS = 10_000;

// `fetch` must be called unbound-safe: the browser throws "Illegal invocation" when the SDK calls a
// detached window.fetch as a method of its own object.
export const defaultFetch: typeof fetch = (input, init) => fetch(input, init);

export async function signInWithPassword(request: SignInRequest, fetchFn: typeof fetch = defaultFetch): Promise<Credentials> {
  if (!request.homeserver.trim() || !request.username.trim() || !request.password) throw new SignInError('missing-fields');
  const homeserverUrl = await resolve(request.homeserver, fetchFn, request.beforeConnect);
  return login(
    homeserverUrl,
    { type: 'm.login.password', identifier: { type: 'm.id.user', user: request.username.trim() }, password: request.password },
    'wrong-credentials',
    fetchFn,
  );
}

/** Third-party identifier login (Tchap): the homeserver finds the account bound to the address. */
export async function signInWithEmail(request: EmailSignInRequest, fetchFn: typeof fetch = defaultFetch): Promise<Credentials> {
  if (!request.email.trim() || !request.password) throw new SignInError('missing-fields');
  return login(
    request.homeserverUrl,
    {
      type: 'm.login.password',
      identifier: { type: 'm.id.thirdparty', medium: 'email', address: request.email.trim().toLowerCase() },
      password: request.password,
    },
    'wrong-credentials',
    fetchFn,
  );
}

/** The end of single sign-on: the homeserver handed the browser a one-time login token. */
export async function signInWithLoginToken(
  request: TokenSignInRequest,
  fetchFn: typeof fetch = defaultFetch,
): Promise<Credentials> {
  if (!request.homeserver.trim() || !request.token) throw new SignInError('missing-fields');
  const homeserverUrl = await resolve(request.homeserver, fetchFn);
  return login(homeserverUrl, { type: 'm.login.token', token: request.token }, 'login-token-invalid', fetchFn);
}

/** Throws AccountExpiredError while the homeserver says the account has expired. */
export async function confirmAccountValid(credentials: Credentials, fetchFn: typeof fetch = defaultFetch): Promise<Credentials> {
  const validity = await checkAccountValidity(credentials.homeserverUrl, credentials.accessToken, fetchFn, TIMEOUT_MS);
  if (validity === 'expired') throw new AccountExpiredError(credentials, credentials.homeserverUrl);
  return credentials;
}

/** Logs out a session we decided not to keep (expired account), so it does not linger as a device. */
export async function discardCredentials(credentials: Credentials, fetchFn: typeof fetch = defaultFetch): Promise<void> {
  try {
    await fetchFn(`${credentials.homeserverUrl}/_matrix/client/v3/logout`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${credentials.accessToken}`, 'Content-Type': 'application/json' },
      body: '{}',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    rendererLogger('session').swallow('logging this device out on the homeserver', 'info')(error);
    // Best effort: the device stays listed in the account's sessions, where the user can remove it.
  }
}

async function resolve(
  input: string,
  fetchFn: typeof fetch,
  beforeConnect?: (baseUrl: string) => Promise<void>,
): Promise<string> {
  try {
    return await resolveHomeserver(input, { fetch: (url, init) => fetchFn(url, init), timeoutMs: TIMEOUT_MS, beforeConnect });
  } catch (error) {
    if (error instanceof HomeserverError) throw new SignInError(error.problem, { homeserver: error.homeserver });
    throw error;
  }
}

async function login(
  homeserverUrl: string,
  body: LoginRequest,
  forbidden: SignInProblem,
  fetchFn: typeof fetch,
): Promise<Credentials> {
  const client = createClient({ baseUrl: homeserverUrl, fetchFn, localTimeoutMs: TIMEOUT_MS });
  let credentials: Credentials;
  try {
    const response = await client.loginRequest({ ...body, initial_device_display_name: 'Relais' });
    credentials = {
      homeserverUrl,
      userId: response.user_id,
      deviceId: response.device_id,
      accessToken: response.access_token,
    };
  } catch (error) {
    throw toSignInError(error, homeserverUrl, forbidden);
  } finally {
    client.stopClient();
  }
  return confirmAccountValid(credentials, fetchFn);
}

function toSignInError(error: unknown, homeserver: string, forbidden: SignInProblem): SignInError {
  if (error instanceof MatrixError) {
    switch (error.errcode) {
      case 'M_FORBIDDEN':
        return new SignInError(forbidden);
      case 'M_USER_DEACTIVATED':
        return new SignInError('account-deactivated');
      case EXPIRED_ACCOUNT_ERRCODE:
        return new AccountExpiredError(null, homeserver);
      case 'M_LIMIT_EXCEEDED': {
        const retryAfter: unknown = error.data.retry_after_ms;
        return new SignInError('rate-limited', typeof retryAfter === 'number' ? { retryAfterMs: retryAfter } : {});
      }
      default:
        return new SignInError('server-error', { homeserver });
    }
  }
  if (error instanceof ConnectionError) return new SignInError('unreachable', { homeserver });
  return new SignInError('server-error', { homeserver });
}
