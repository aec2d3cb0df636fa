import { describe, expect, it } from 'vitest';
import {
  PENDING_OIDC_KEY,
  readOidcReturn,
  rememberPendingOidc,
  type OidcStorage,
  type PendingOidc,
} from '../../../../../src/renderer/matrix/oidc/oidcReturn.ts';

function memoryStorage(): OidcStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
}

const PENDING: PendingOidc = {
  state: 'st4te',
  homeserverUrl: 'https://matrix.example.gouv.fr',
  issuer: 'https://auth.example.gouv.fr/',
  clientId: 'client-1',
  deviceId: 'ABCDEFGHIJ',
  codeVerifier: 'verifier',
  redirectUri: 'https://app.example.gouv.fr/',
};

describe('readOidcReturn', () => {
  it('finishes the sign-in this tab started, and takes the code out of the address bar', () => {
    const storage = memoryStorage();
    rememberPendingOidc(storage, PENDING);
    const { result, cleanUrl } = readOidcReturn(
      'https://app.example.gouv.fr/?hs=x&code=c0de&state=st4te&iss=https%3A%2F%2Fa',
      storage,
    );
    expect(result).toEqual({ kind: 'code', code: 'c0de', pending: PENDING });
    expect(cleanUrl).toBe('https://app.example.gouv.fr/?hs=x');
    expect(storage.map.has(PENDING_OIDC_KEY)).toBe(false);
  });

  it('refuses a code whose state is not ours (a link someone else made)', () => {
    const storage = memoryStorage();
    rememberPendingOidc(storage, PENDING);
    expect(readOidcReturn('https://app.example.gouv.fr/?code=c0de&state=other', storage).result).toEqual({ kind: 'unsolicited' });
  });

  it('refuses a code when no sign-in was started here', () => {
    const { result, cleanUrl } = readOidcReturn('https://app.example.gouv.fr/?code=c0de&state=st4te', memoryStorage());
    expect(result).toEqual({ kind: 'unsolicited' });
    expect(cleanUrl).toBe('https://app.example.gouv.fr/');
  });

  it('reports the issuer refusing', () => {
    const storage = memoryStorage();
    rememberPendingOidc(storage, PENDING);
    expect(readOidcReturn('https://app.example.gouv.fr/?error=access_denied&state=st4te', storage).result).toEqual({
      kind: 'refused',
      error: 'access_denied',
      homeserverUrl: PENDING.homeserverUrl,
    });
  });

  it('says the sign-in was cancelled when the page comes back without an answer', () => {
    const storage = memoryStorage();
    rememberPendingOidc(storage, PENDING);
    expect(readOidcReturn('https://app.example.gouv.fr/', storage).result).toEqual({
      kind: 'cancelled',
      homeserverUrl: PENDING.homeserverUrl,
    });
  });

  it('ignores a pending entry that is not whole', () => {
    const storage = memoryStorage();
    storage.setItem(PENDING_OIDC_KEY, JSON.stringify({ ...PENDING, codeVerifier: '' }));
    expect(readOidcReturn('https://app.example.gouv.fr/?code=c&state=st4te', storage).result).toEqual({ kind: 'unsolicited' });
    storage.setItem(PENDING_OIDC_KEY, '{not json');
    expect(readOidcReturn('https://app.example.gouv.fr/', storage).result).toEqual({ kind: 'none' });
  });

  it('leaves a page without any of it alone', () => {
    const page = 'https://app.example.gouv.fr/?hs=https%3A%2F%2Fm';
    expect(readOidcReturn(page, memoryStorage())).toEqual({ result: { kind: 'none' }, cleanUrl: page });
  });
});
