import { describe, expect, it, vi } from 'vitest';
import { signInErrorMessage } from '../../../../src/renderer/features/signin/signInErrors.ts';
import {
  AccountExpiredError,
  SignInError,
  signInWithEmail,
  signInWithLoginToken,
} from '../../../../src/renderer/matrix/signIn.ts';
import { requestRenewalEmail } from '../../../../src/renderer/matrix/tchap/accountValidity.ts';
import { TchapDiscoveryError } from '../../../../src/renderer/matrix/tchap/discovery.ts';

const HS = 'https://matrix.agent.tchap.gouv.fr';
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const LOGGED_IN = { user_id: '@jeanne:agent.tchap.gouv.fr', device_id: 'DEV', access_token: 'tok' };
const EXPIRED = { errcode: 'ORG_MATRIX_EXPIRED_ACCOUNT', error: 'User account has expired' };

/** A homeserver answering login and whoami as told; records what was sent. */
function homeserver(answers: { login: () => Response; whoami?: () => Response }) {
  const calls: { url: string; method: string; body: unknown; auth: string | null }[] = [];
  const fetchFn = vi.fn((input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : null;
    calls.push({ url, method: init?.method ?? 'GET', body, auth: new Headers(init?.headers).get('authorization') });
    if (url.endsWith('/_matrix/client/versions')) return Promise.resolve(json({ versions: ['v1.12'] }));
    if (url.includes('/.well-known/')) return Promise.resolve(json({}, 404));
    if (url.endsWith('/_matrix/client/v3/login')) return Promise.resolve(answers.login());
    if (url.endsWith('/_matrix/client/v3/account/whoami'))
      return Promise.resolve((answers.whoami ?? (() => json({ user_id: LOGGED_IN.user_id })))());
    return Promise.reject(new TypeError(`unexpected ${url}`));
  });
  return { fetchFn: fetchFn as unknown as typeof fetch, calls };
}

async function failureOf(promise: Promise<unknown>): Promise<SignInError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SignInError) return error;
    throw error;
  }
  throw new Error('expected a SignInError');
}

describe('signInWithEmail', () => {
  it('logs in with the m.id.thirdparty identifier, then checks the account is valid', async () => {
    const server = homeserver({ login: () => json(LOGGED_IN) });
    await expect(
      signInWithEmail({ homeserverUrl: HS, email: ' Jeanne.Martin@Interieur.gouv.fr ', password: 'pw' }, server.fetchFn),
    ).resolves.toEqual({ homeserverUrl: HS, userId: LOGGED_IN.user_id, deviceId: 'DEV', accessToken: 'tok' });
    const login = server.calls.find((c) => c.url.endsWith('/login'));
    expect(login?.body).toMatchObject({
      type: 'm.login.password',
      identifier: { type: 'm.id.thirdparty', medium: 'email', address: 'jeanne.martin@interieur.gouv.fr' },
      password: 'pw',
      initial_device_display_name: 'Relais',
    });
    expect(server.calls.find((c) => c.url.endsWith('/whoami'))?.auth).toBe('Bearer tok');
  });

  it('an expired account keeps its token, so the renewal e-mail can be asked for', async () => {
    const server = homeserver({ login: () => json(LOGGED_IN), whoami: () => json(EXPIRED, 403) });
    const error = await failureOf(signInWithEmail({ homeserverUrl: HS, email: 'a@b.fr', password: 'pw' }, server.fetchFn));
    if (!(error instanceof AccountExpiredError)) throw new Error(`expected AccountExpiredError, got ${error.problem}`);
    expect(error.credentials).toMatchObject({ accessToken: 'tok', homeserverUrl: HS });
  });

  it('an expired account refused at login has no token', async () => {
    const server = homeserver({ login: () => json(EXPIRED, 403) });
    const error = await failureOf(signInWithEmail({ homeserverUrl: HS, email: 'a@b.fr', password: 'pw' }, server.fetchFn));
    if (!(error instanceof AccountExpiredError)) throw new Error(`expected AccountExpiredError, got ${error.problem}`);
    expect(error.credentials).toBeNull();
  });

  it('a whoami that fails for another reason does not block signing in', async () => {
    const server = homeserver({ login: () => json(LOGGED_IN), whoami: () => json({ errcode: 'M_UNKNOWN' }, 500) });
    await expect(signInWithEmail({ homeserverUrl: HS, email: 'a@b.fr', password: 'pw' }, server.fetchFn)).resolves.toMatchObject({
      accessToken: 'tok',
    });
  });

  it('a wrong password is wrong-credentials; empty fields never reach the server', async () => {
    const server = homeserver({ login: () => json({ errcode: 'M_FORBIDDEN' }, 403) });
    expect(
      (await failureOf(signInWithEmail({ homeserverUrl: HS, email: 'a@b.fr', password: 'x' }, server.fetchFn))).problem,
    ).toBe('wrong-credentials');
    expect((await failureOf(signInWithEmail({ homeserverUrl: HS, email: ' ', password: 'x' }, server.fetchFn))).problem).toBe(
      'missing-fields',
    );
  });
});

describe('signInWithLoginToken', () => {
  it('exchanges the token with m.login.token', async () => {
    const server = homeserver({ login: () => json(LOGGED_IN) });
    await expect(signInWithLoginToken({ homeserver: HS, token: 'syl_x' }, server.fetchFn)).resolves.toMatchObject({
      accessToken: 'tok',
    });
    expect(server.calls.find((c) => c.url.endsWith('/login'))?.body).toMatchObject({ type: 'm.login.token', token: 'syl_x' });
  });

  it('a used or expired token is login-token-invalid', async () => {
    const server = homeserver({ login: () => json({ errcode: 'M_FORBIDDEN', error: 'Invalid login token' }, 403) });
    expect((await failureOf(signInWithLoginToken({ homeserver: HS, token: 'old' }, server.fetchFn))).problem).toBe(
      'login-token-invalid',
    );
  });
});

describe('requestRenewalEmail', () => {
  it('posts to account_validity/send_mail with the token', async () => {
    const fetchFn = vi.fn(() => Promise.resolve(json({})));
    expect(await requestRenewalEmail(HS, 'tok', fetchFn, 1_000)).toBe(true);
    expect(fetchFn).toHaveBeenCalledWith(
      `${HS}/_matrix/client/unstable/account_validity/send_mail`,
      expect.objectContaining({ method: 'POST', headers: { Authorization: 'Bearer tok' } }),
    );
    expect(await requestRenewalEmail(HS, 'tok', () => Promise.resolve(json({}, 500)), 1_000)).toBe(false);
    expect(await requestRenewalEmail(HS, 'tok', () => Promise.reject(new TypeError('down')), 1_000)).toBe(false);
  });
});

describe('signInErrorMessage', () => {
  it('words a problem for the way the user signs in, falling back to the common sentence', () => {
    expect(signInErrorMessage(new SignInError('wrong-credentials'), 'tchap')).toEqual({
      keys: ['tchap.errors.wrong-credentials', 'signIn.errors.wrong-credentials'],
      values: {},
    });
    expect(signInErrorMessage(new SignInError('unreachable', { homeserver: HS }), 'password')).toEqual({
      keys: ['signIn.errors.unreachable'],
      values: { homeserver: HS },
    });
    expect(signInErrorMessage(new TchapDiscoveryError('no-info-server'), 'tchap').keys).toEqual(['tchap.errors.no-info-server']);
    expect(signInErrorMessage(new Error('boom'), 'sso').keys).toEqual(['sso.errors.failed']);
    expect(signInErrorMessage(new Error('boom'), 'password').keys).toEqual(['signIn.errors.unexpected']);
  });

  it('offers only keys that exist: a problem Tchap does not word itself takes the common sentence', () => {
    expect(signInErrorMessage(new SignInError('unreachable', { homeserver: HS }), 'tchap')).toEqual({
      keys: ['signIn.errors.unreachable'],
      values: { homeserver: HS },
    });
    expect(signInErrorMessage(new SignInError('server-error'), 'sso').keys).toEqual([
      'sso.errors.server-error',
      'signIn.errors.server-error',
    ]);
  });
});
