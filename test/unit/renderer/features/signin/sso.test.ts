import { describe, expect, it } from 'vitest';
import { parseLoginFlows } from '../../../../../src/renderer/features/signin/loginFlows.ts';
import {
  ELECTRON_SSO_CALLBACK,
  ssoLoginUrl,
  ssoRedirectUrl,
  takeLoginToken,
} from '../../../../../src/renderer/features/signin/ssoRedirect.ts';
import {
  consumeSsoReturn,
  PENDING_SSO_KEY,
  readSsoReturn,
  rememberSsoHomeserver,
  settleSsoReturn,
  type SsoStorage,
} from '../../../../../src/renderer/features/signin/ssoReturn.ts';

function memoryStorage(): SsoStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

describe('ssoRedirectUrl', () => {
  it('in a browser, comes back to this page without an old token or fragment', () => {
    expect(ssoRedirectUrl({ kind: 'web' }, 'https://relais.example.gouv.fr/app/?hs=matrix.example.org#/rooms/!a')).toBe(
      'https://relais.example.gouv.fr/app/?hs=matrix.example.org',
    );
    expect(ssoRedirectUrl({ kind: 'web' }, 'http://127.0.0.1:8080/?loginToken=old&hs=x')).toBe('http://127.0.0.1:8080/?hs=x');
  });

  it('in the desktop app, is the deep link to the app scheme', () => {
    expect(ssoRedirectUrl({ kind: 'electron' }, 'relais://app/index.html')).toBe('relais://app/sso-callback');
    expect(ELECTRON_SSO_CALLBACK).toBe('relais://app/sso-callback');
  });
});

describe('ssoLoginUrl', () => {
  it('builds the redirect endpoint with the encoded redirect URL', () => {
    expect(ssoLoginUrl('https://matrix.example.org/', 'http://127.0.0.1:8080/?hs=a&b=c')).toBe(
      'https://matrix.example.org/_matrix/client/v3/login/sso/redirect?redirectUrl=http%3A%2F%2F127.0.0.1%3A8080%2F%3Fhs%3Da%26b%3Dc',
    );
  });

  it('names one identity provider when the user chose it', () => {
    expect(ssoLoginUrl('https://matrix.example.org', 'relais://app/sso-callback', 'oidc-proconnect/x')).toBe(
      'https://matrix.example.org/_matrix/client/v3/login/sso/redirect/oidc-proconnect%2Fx?redirectUrl=relais%3A%2F%2Fapp%2Fsso-callback',
    );
  });
});

describe('takeLoginToken', () => {
  it('takes the token out of the URL and keeps everything else', () => {
    expect(takeLoginToken('http://127.0.0.1:8080/?hs=http%3A%2F%2F127.0.0.1%3A8008&loginToken=syl_abc#x')).toEqual({
      token: 'syl_abc',
      cleanUrl: 'http://127.0.0.1:8080/?hs=http%3A%2F%2F127.0.0.1%3A8008#x',
    });
    expect(takeLoginToken('http://127.0.0.1:8080/?loginToken=syl_abc')).toEqual({
      token: 'syl_abc',
      cleanUrl: 'http://127.0.0.1:8080/',
    });
  });

  it('leaves a URL without a token untouched', () => {
    expect(takeLoginToken('http://127.0.0.1:8080/?hs=a')).toEqual({ token: null, cleanUrl: 'http://127.0.0.1:8080/?hs=a' });
  });

  it('an empty token is no token, but is still removed', () => {
    expect(takeLoginToken('http://127.0.0.1:8080/?loginToken=')).toEqual({ token: null, cleanUrl: 'http://127.0.0.1:8080/' });
  });
});

describe('readSsoReturn', () => {
  const page = 'http://127.0.0.1:8080/?hs=typed.example.org';

  it('a token we asked for goes to the homeserver we noted, and the note is used up', () => {
    const storage = memoryStorage();
    rememberSsoHomeserver(storage, 'https://matrix.example.org');
    expect(readSsoReturn(`${page}&loginToken=t1`, storage, 'other.example.org')).toEqual({
      result: { kind: 'token', token: 't1', homeserver: 'https://matrix.example.org', solicited: true },
      cleanUrl: page,
    });
    expect(storage.items.has(PENDING_SSO_KEY)).toBe(false);
  });

  it('a token nobody asked for is for the suggested homeserver, and must be confirmed', () => {
    expect(readSsoReturn(`${page}&loginToken=t1`, memoryStorage(), 'typed.example.org').result).toEqual({
      kind: 'token',
      token: 't1',
      homeserver: 'typed.example.org',
      solicited: false,
    });
    expect(readSsoReturn(`${page}&loginToken=t1`, memoryStorage(), ' ').result).toEqual({ kind: 'token-without-homeserver' });
  });

  it('coming back without a token after leaving for SSO means it was not completed', () => {
    const storage = memoryStorage();
    rememberSsoHomeserver(storage, 'https://matrix.example.org');
    expect(readSsoReturn(page, storage, '').result).toEqual({ kind: 'cancelled', homeserver: 'https://matrix.example.org' });
    expect(readSsoReturn(page, storage, '').result).toEqual({ kind: 'none' });
  });

  it('the note only ever holds the homeserver URL', () => {
    const storage = memoryStorage();
    rememberSsoHomeserver(storage, 'https://matrix.example.org');
    expect([...storage.items.entries()]).toEqual([[PENDING_SSO_KEY, 'https://matrix.example.org']]);
  });
});

describe('parseLoginFlows', () => {
  it('finds password and SSO with its identity providers', () => {
    expect(
      parseLoginFlows({
        flows: [
          { type: 'm.login.password' },
          {
            type: 'm.login.sso',
            identity_providers: [{ id: 'cas', name: 'Agent Connect' }, { id: 'bad' }, { id: '', name: 'x' }],
          },
          { type: 'm.login.token' },
        ],
      }),
    ).toEqual({ password: true, sso: [{ id: 'cas', name: 'Agent Connect' }] });
  });

  it('SSO without providers is still SSO; no SSO is null', () => {
    expect(parseLoginFlows({ flows: [{ type: 'm.login.sso' }] })).toEqual({ password: false, sso: [] });
    expect(parseLoginFlows({ flows: [{ type: 'm.login.password' }] })).toEqual({ password: true, sso: null });
    expect(parseLoginFlows({ flows: 'nope' })).toEqual({ password: false, sso: null });
    expect(parseLoginFlows(null)).toEqual({ password: false, sso: null });
  });
});

describe('consumeSsoReturn', () => {
  it('strips the token from the address bar once, and answers the same until settled', () => {
    const storage = memoryStorage();
    rememberSsoHomeserver(storage, 'https://matrix.example.org');
    const replaced: string[] = [];
    const page = {
      location: { href: 'http://127.0.0.1:8080/?loginToken=t1' },
      history: { state: null, replaceState: (_data: unknown, _unused: string, url: string) => void replaced.push(url) },
      sessionStorage: storage,
    };
    const expected = { kind: 'token', token: 't1', homeserver: 'https://matrix.example.org', solicited: true };
    expect(consumeSsoReturn(page, '')).toEqual(expected);
    expect(consumeSsoReturn(page, '')).toEqual(expected);
    expect(replaced).toEqual(['http://127.0.0.1:8080/']);
    settleSsoReturn();
    page.location.href = 'http://127.0.0.1:8080/';
    expect(consumeSsoReturn(page, '')).toEqual({ kind: 'none' });
  });
});
