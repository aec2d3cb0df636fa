import { describe, expect, it } from 'vitest';
import { lookupHash } from '../../../../../src/renderer/matrix/tchap/identityHash.ts';
import {
  identityServerUrl,
  IdentityLookup,
  readHashDetails,
  readToken,
  type OpenIdToken,
} from '../../../../../src/renderer/matrix/tchap/identityLookup.ts';

const IS = 'https://matrix.agent.tchap.gouv.fr';
const OPENID: OpenIdToken = {
  access_token: 'oid',
  token_type: 'Bearer',
  matrix_server_name: 'agent.tchap.gouv.fr',
  expires_in: 3600,
};
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status });

interface Call {
  method: string;
  path: string;
  auth: string | undefined;
  body: unknown;
}

/** A small identity server: `bound` maps lower-case addresses to Matrix IDs. */
function fakeServer(bound: Record<string, string>, options: { algorithms?: string[]; acceptedTokens?: string[] } = {}) {
  const calls: Call[] = [];
  let issued = 0;
  const accepted = new Set(options.acceptedTokens ?? []);
  const fetch = async (input: string, init?: RequestInit): Promise<Response> => {
    const url = new URL(input);
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    calls.push({ method: init?.method ?? 'GET', path: url.pathname, auth: headers.Authorization, body });
    if (url.pathname === '/_matrix/identity/v2/account/register') {
      issued += 1;
      const token = `is-token-${issued}`;
      accepted.add(token);
      return json({ token });
    }
    const token = headers.Authorization?.replace(/^Bearer /, '');
    if (!token || !accepted.has(token)) return json({ errcode: 'M_UNAUTHORIZED' }, 401);
    if (url.pathname === '/_matrix/identity/v2/hash_details') {
      return json({ algorithms: options.algorithms ?? ['none', 'sha256'], lookup_pepper: 'pep' });
    }
    if (url.pathname === '/_matrix/identity/v2/lookup') {
      const mappings: Record<string, string> = {};
      for (const [address, userId] of Object.entries(bound)) mappings[await lookupHash(address, 'email', 'pep')] = userId;
      const asked = (body as { addresses: string[] }).addresses;
      return json({ mappings: Object.fromEntries(asked.filter((h) => mappings[h]).map((h) => [h, mappings[h]])) });
    }
    return json({ errcode: 'M_UNRECOGNIZED' }, 404);
  };
  return { calls, fetch, revoke: () => accepted.clear() };
}

describe('IdentityLookup', () => {
  it('registers with an OpenID token, then looks the hashed address up', async () => {
    const server = fakeServer({ 'jules@example.gouv.fr': '@jules:agent.tchap.gouv.fr' });
    const lookup = new IdentityLookup({ baseUrl: `${IS}/`, openIdToken: () => Promise.resolve(OPENID), fetch: server.fetch });
    await expect(lookup.lookupEmail('Jules@Example.gouv.fr')).resolves.toEqual({
      kind: 'found',
      userId: '@jules:agent.tchap.gouv.fr',
    });
    expect(server.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      'POST /_matrix/identity/v2/account/register',
      'GET /_matrix/identity/v2/hash_details',
      'POST /_matrix/identity/v2/lookup',
    ]);
    expect(server.calls[0]?.body).toEqual(OPENID);
    expect(server.calls[2]?.auth).toBe('Bearer is-token-1');
    // The address never travels in clear.
    expect(server.calls[2]?.body).toEqual({
      addresses: [await lookupHash('jules@example.gouv.fr', 'email', 'pep')],
      algorithm: 'sha256',
      pepper: 'pep',
    });
    expect(JSON.stringify(server.calls)).not.toContain('jules@');
  });

  it('says when no account uses the address, and keeps its token for the next lookup', async () => {
    const server = fakeServer({});
    const lookup = new IdentityLookup({ baseUrl: IS, openIdToken: () => Promise.resolve(OPENID), fetch: server.fetch });
    await expect(lookup.lookupEmail('nobody@example.gouv.fr')).resolves.toEqual({ kind: 'not-found' });
    await expect(lookup.lookupEmail('nobody2@example.gouv.fr')).resolves.toEqual({ kind: 'not-found' });
    expect(server.calls.filter((c) => c.path.endsWith('/account/register'))).toHaveLength(1);
  });

  it('registers again once when the server no longer accepts its token', async () => {
    const server = fakeServer({ 'a@b.fr': '@a:b.fr' });
    const lookup = new IdentityLookup({ baseUrl: IS, openIdToken: () => Promise.resolve(OPENID), fetch: server.fetch });
    await lookup.lookupEmail('a@b.fr');
    server.revoke();
    await expect(lookup.lookupEmail('a@b.fr')).resolves.toEqual({ kind: 'found', userId: '@a:b.fr' });
    expect(server.calls.filter((c) => c.path.endsWith('/account/register'))).toHaveLength(2);
  });

  it('refuses a server that only offers clear-text lookups', async () => {
    const server = fakeServer({ 'a@b.fr': '@a:b.fr' }, { algorithms: ['none'] });
    const lookup = new IdentityLookup({ baseUrl: IS, openIdToken: () => Promise.resolve(OPENID), fetch: server.fetch });
    await expect(lookup.lookupEmail('a@b.fr')).resolves.toEqual({ kind: 'unavailable' });
    expect(server.calls.some((c) => c.path.endsWith('/lookup'))).toBe(false);
  });

  it('is unavailable, not thrown, when the server or the homeserver fails', async () => {
    const down = new IdentityLookup({
      baseUrl: IS,
      openIdToken: () => Promise.resolve(OPENID),
      fetch: () => Promise.reject(new TypeError('offline')),
    });
    await expect(down.lookupEmail('a@b.fr')).resolves.toEqual({ kind: 'unavailable' });
    const server = fakeServer({});
    const noOpenId = new IdentityLookup({
      baseUrl: IS,
      openIdToken: () => Promise.reject(new Error('403')),
      fetch: server.fetch,
    });
    await expect(noOpenId.lookupEmail('a@b.fr')).resolves.toEqual({ kind: 'unavailable' });
  });
});

describe('identity answers', () => {
  it('reads the token under either name', () => {
    expect(readToken({ token: 't' })).toBe('t');
    expect(readToken({ access_token: 'u' })).toBe('u');
    expect(() => readToken({})).toThrow();
  });

  it('needs a pepper and the algorithms', () => {
    expect(readHashDetails({ algorithms: ['sha256'], lookup_pepper: 'p' })).toEqual({ pepper: 'p' });
    expect(() => readHashDetails({ algorithms: ['sha256'] })).toThrow();
  });
});

describe('identityServerUrl', () => {
  const HS = 'https://matrix.agent.tchap.gouv.fr/';
  it('takes the one .well-known names', () => {
    expect(identityServerUrl({ 'm.identity_server': { base_url: 'https://id.agent.tchap.gouv.fr/' } }, HS)).toBe(
      'https://id.agent.tchap.gouv.fr',
    );
    expect(identityServerUrl({ 'm.identity_server': { base_url: 'http://127.0.0.1:4000' } }, HS)).toBe('http://127.0.0.1:4000');
  });

  it('falls back to the homeserver itself, and never to plain http on the network', () => {
    expect(identityServerUrl(null, HS)).toBe('https://matrix.agent.tchap.gouv.fr');
    expect(identityServerUrl({ 'm.identity_server': { base_url: 'http://id.example.org' } }, HS)).toBe(
      'https://matrix.agent.tchap.gouv.fr',
    );
    expect(identityServerUrl({ 'm.identity_server': { base_url: 'not a url' } }, HS)).toBe('https://matrix.agent.tchap.gouv.fr');
  });
});
