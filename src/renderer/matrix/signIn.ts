// Password sign-in. Every failure becomes a SignInError whose `problem` the UI turns into a sentence.
import { ConnectionError, createClient, MatrixError } from 'matrix-js-sdk';
import { HomeserverError, resolveHomeserver, type HomeserverProblem } from './homeserver.ts';

export type SignInProblem =
  | HomeserverProblem
  | 'missing-fields'
  | 'wrong-credentials'
  | 'account-deactivated'
  | 'account-expired'
  | 'rate-limited'
  | 'server-error';

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

export interface Credentials {
  homeserverUrl: string;
  userId: string;
  deviceId: string;
  accessToken: string;
}

export interface SignInRequest {
  homeserver: string;
  username: string;
  password: string;
}

const TIMEOUT_MS = 10_000;

// `fetch` must be called unbound-safe: the browser throws "Illegal invocation" when the SDK calls a
// detached window.fetch as a method of its own object.
const defaultFetch: typeof fetch = (input, init) => fetch(input, init);

export async function signInWithPassword(request: SignInRequest, fetchFn: typeof fetch = defaultFetch): Promise<Credentials> {
  if (!request.homeserver.trim() || !request.username.trim() || !request.password) throw new SignInError('missing-fields');
  let homeserverUrl: string;
  try {
    homeserverUrl = await resolveHomeserver(request.homeserver, {
      fetch: (input, init) => fetchFn(input, init),
      timeoutMs: TIMEOUT_MS,
    });
  } catch (error) {
    if (error instanceof HomeserverError) throw new SignInError(error.problem, { homeserver: error.homeserver });
    throw error;
  }

  const client = createClient({ baseUrl: homeserverUrl, fetchFn, localTimeoutMs: TIMEOUT_MS });
  try {
    const response = await client.loginRequest({
      type: 'm.login.password',
      identifier: { type: 'm.id.user', user: request.username.trim() },
      password: request.password,
      initial_device_display_name: 'Relais',
    });
    return {
      homeserverUrl,
      userId: response.user_id,
      deviceId: response.device_id,
      accessToken: response.access_token,
    };
  } catch (error) {
    throw toSignInError(error, homeserverUrl);
  } finally {
    client.stopClient();
  }
}

function toSignInError(error: unknown, homeserver: string): SignInError {
  if (error instanceof MatrixError) {
    switch (error.errcode) {
      case 'M_FORBIDDEN':
        return new SignInError('wrong-credentials');
      case 'M_USER_DEACTIVATED':
        return new SignInError('account-deactivated');
      case 'ORG_MATRIX_EXPIRED_ACCOUNT':
        return new SignInError('account-expired');
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
