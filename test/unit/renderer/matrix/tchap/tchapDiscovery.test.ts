import { describe, expect, it, vi } from 'vitest';
import {
  discoverTchapHomeserver,
  infoServerOrder,
  normaliseEmail,
  TchapDiscoveryError,
  type DiscoveryOptions,
} from '../../../../../src/renderer/matrix/tchap/discovery.ts';
import { isServerName, tchapHomeserverUrl } from '../../../../../src/renderer/matrix/tchap/homeserverUrl.ts';

type Route = (init?: RequestInit) => Response | Promise<Response>;

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const A = 'https://matrix.a.tchap.gouv.fr';
const B = 'https://matrix.b.tchap.gouv.fr';
const infoUrl = (server: string, email: string) =>
  `${server}/_matrix/identity/api/v1/info?medium=email&address=${encodeURIComponent(email)}`;
const EMAIL = 'jeanne.martin@interieur.gouv.fr';

/** Answers from a table keyed by info server; any other URL is a network error. */
function fakeFetch(routes: Record<string, Route>) {
  return vi.fn<DiscoveryOptions['fetch']>((input, init) => {
    const server = Object.keys(routes).find((s) => input.startsWith(`${s}/`));
    const route = server ? routes[server] : undefined;
    if (!route) return Promise.reject(new TypeError(`fetch failed: ${input}`));
    return Promise.resolve(route(init));
  });
}

function options(fetch: DiscoveryOptions['fetch'], overrides: Partial<DiscoveryOptions> = {}): DiscoveryOptions {
  return {
    infoServers: [A, B],
    homeserverUrlTemplate: 'https://matrix.{hs}',
    fetch,
    timeoutMs: 1_000,
    random: () => 0, // always start with the first server, so the order is known
    ...overrides,
  };
}

async function problemOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TchapDiscoveryError) return error.problem;
    throw error;
  }
  throw new Error('expected a TchapDiscoveryError');
}

describe('discoverTchapHomeserver', () => {
  it('asks an info server and maps the answer through the template', async () => {
    const fetch = fakeFetch({ [A]: () => json({ hs: 'agent.interieur.tchap.gouv.fr' }) });
    await expect(discoverTchapHomeserver(` ${EMAIL.toUpperCase()} `, options(fetch))).resolves.toEqual({
      serverName: 'agent.interieur.tchap.gouv.fr',
      baseUrl: 'https://matrix.agent.interieur.tchap.gouv.fr',
    });
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0]?.[0]).toBe(infoUrl(A, EMAIL));
    expect(fetch.mock.calls[0]?.[1]?.signal).toBeInstanceOf(AbortSignal);
  });

  it('moves on to the next server when the first is down', async () => {
    const fetch = fakeFetch({ [B]: () => json({ hs: 'agent.tchap.gouv.fr' }) });
    await expect(discoverTchapHomeserver(EMAIL, options(fetch))).resolves.toMatchObject({ serverName: 'agent.tchap.gouv.fr' });
    expect(fetch.mock.calls.map(([url]) => url)).toEqual([infoUrl(A, EMAIL), infoUrl(B, EMAIL)]);
  });

  it('moves on after an error status, a body that is not JSON, or an unusable hs', async () => {
    for (const broken of [
      () => json({ errcode: 'M_UNKNOWN' }, 502),
      () => new Response('<html>maintenance</html>', { status: 200 }),
      () => json(['agent.tchap.gouv.fr']),
      () => json({ hs: 42 }),
      () => json({ hs: 'evil.example/steal?x=' }),
      () => json({ hs: 'user:pass@evil.example' }),
    ]) {
      const fetch = fakeFetch({ [A]: broken, [B]: () => json({ hs: 'agent.tchap.gouv.fr' }) });
      await expect(discoverTchapHomeserver(EMAIL, options(fetch))).resolves.toMatchObject({ serverName: 'agent.tchap.gouv.fr' });
    }
  });

  it('skips a server that does not answer in time', async () => {
    const hanging: Route = (init) =>
      new Promise<Response>((_, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new Error('aborted')));
      });
    const fetch = fakeFetch({ [A]: hanging, [B]: () => json({ hs: 'agent.tchap.gouv.fr' }) });
    const started = Date.now();
    await expect(discoverTchapHomeserver(EMAIL, options(fetch, { timeoutMs: 50 }))).resolves.toMatchObject({
      serverName: 'agent.tchap.gouv.fr',
    });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('says no server answered when every one fails', async () => {
    const fetch = fakeFetch({ [A]: () => json({}, 500) });
    expect(await problemOf(discoverTchapHomeserver(EMAIL, options(fetch)))).toBe('no-info-server');
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(await problemOf(discoverTchapHomeserver(EMAIL, options(fetch, { infoServers: [] })))).toBe('no-info-server');
  });

  it('an answer without hs means the address is unknown, and no other server is asked', async () => {
    for (const body of [{}, { hs: '' }, { hs: null }]) {
      const fetch = fakeFetch({ [A]: () => json(body), [B]: () => json({ hs: 'agent.tchap.gouv.fr' }) });
      expect(await problemOf(discoverTchapHomeserver(EMAIL, options(fetch)))).toBe('email-not-recognised');
      expect(fetch).toHaveBeenCalledTimes(1);
    }
  });

  it('refuses what cannot be an e-mail address without asking anyone', async () => {
    const fetch = fakeFetch({});
    for (const input of [
      '',
      'jeanne',
      'jeanne@',
      '@interieur.gouv.fr',
      'jeanne martin@x.fr',
      'jeanne@localhost',
      `${'a'.repeat(250)}@x.fr`,
    ]) {
      expect(await problemOf(discoverTchapHomeserver(input, options(fetch)))).toBe('invalid-email');
    }
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('infoServerOrder', () => {
  it('starts at a random server and still tries them all', () => {
    expect(infoServerOrder(['a', 'b', 'c'], () => 0)).toEqual(['a', 'b', 'c']);
    expect(infoServerOrder(['a', 'b', 'c'], () => 0.5)).toEqual(['b', 'c', 'a']);
    expect(infoServerOrder(['a', 'b', 'c'], () => 0.9999)).toEqual(['c', 'a', 'b']);
    expect(infoServerOrder([], () => 0.5)).toEqual([]);
  });
});

describe('normaliseEmail', () => {
  it('trims and lower-cases', () => {
    expect(normaliseEmail('  Jeanne.Martin@Interieur.GOUV.fr ')).toBe('jeanne.martin@interieur.gouv.fr');
  });
});

describe('tchapHomeserverUrl', () => {
  it.each([
    ['https://matrix.{hs}', 'agent.tchap.gouv.fr', 'https://matrix.agent.tchap.gouv.fr'],
    ['https://matrix.{hs}/', 'Agent.Tchap.Gouv.FR', 'https://matrix.agent.tchap.gouv.fr'],
    ['https://gateway.example.gouv.fr/{hs}', 'agent.tchap.gouv.fr', 'https://gateway.example.gouv.fr/agent.tchap.gouv.fr'],
    ['http://{hs}:8008', 'localhost', 'http://localhost:8008'],
    ['http://127.0.0.1:{hs}', '8008', 'http://127.0.0.1:8008'],
  ])('%s with %s → %s', (template, hs, expected) => {
    expect(tchapHomeserverUrl(template, hs)).toBe(expected);
  });

  it.each([
    ['http://{hs}:8008', 'agent.tchap.gouv.fr', 'plain http to a remote server'],
    ['https://matrix.{hs}', 'evil.example/path', 'a path in the answer'],
    ['https://matrix.{hs}', 'evil.example#', 'a fragment in the answer'],
    ['https://matrix.{hs}', 'a@evil.example', 'credentials in the answer'],
    ['https://matrix.{hs}', '', 'an empty answer'],
    ['https://matrix.example.org', 'agent.tchap.gouv.fr', 'a template without {hs}'],
    ['matrix.{hs}', 'agent.tchap.gouv.fr', 'a template without a scheme'],
  ])('%s with %s is refused (%s)', (template, hs) => {
    expect(tchapHomeserverUrl(template, hs)).toBeNull();
  });

  it('server names are DNS names with an optional port', () => {
    expect(isServerName('agent.tchap.gouv.fr')).toBe(true);
    expect(isServerName('localhost:8448')).toBe(true);
    expect(isServerName('-bad.example')).toBe(false);
    expect(isServerName('a..b')).toBe(false);
  });
});
