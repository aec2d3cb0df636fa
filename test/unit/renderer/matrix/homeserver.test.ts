import { describe, expect, it, vi } from 'vitest';
import {
  baseUrlString,
  HomeserverError,
  parseHomeserverInput,
  resolveHomeserver,
  type ResolveOptions,
} from '../../../../src/renderer/matrix/homeserver.ts';

type Route = () => Response | Promise<Response>;

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function html(status = 200): Response {
  return new Response('<!doctype html><h1>Welcome to nginx</h1>', { status, headers: { 'Content-Type': 'text/html' } });
}

const VERSIONS = { versions: ['v1.11', 'v1.12'] };

/** A fetch that answers from a routing table; anything else is a network error. */
function fakeFetch(routes: Record<string, Route>) {
  return vi.fn<ResolveOptions['fetch']>((input) => {
    const route = routes[input];
    if (!route) return Promise.reject(new TypeError(`fetch failed: ${input}`));
    return Promise.resolve(route());
  });
}

async function problemOf(promise: Promise<unknown>): Promise<HomeserverError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(HomeserverError);
    if (error instanceof HomeserverError) return error;
  }
  throw new Error('expected a HomeserverError');
}

describe('parseHomeserverInput', () => {
  it.each([
    ['matrix.example.org', 'https://matrix.example.org'],
    ['  matrix.example.org  ', 'https://matrix.example.org'],
    ['matrix.example.org/', 'https://matrix.example.org'],
    ['MATRIX.Example.ORG', 'https://matrix.example.org'],
    ['matrix.example.org:8448', 'https://matrix.example.org:8448'],
    ['https://matrix.example.org', 'https://matrix.example.org'],
    ['https://matrix.example.org///', 'https://matrix.example.org'],
    ['https://example.org/matrix/', 'https://example.org/matrix'],
    ['HTTPS://matrix.example.org', 'https://matrix.example.org'],
    ['localhost:8008', 'http://localhost:8008'],
    ['localhost', 'http://localhost'],
    ['127.0.0.1:8008', 'http://127.0.0.1:8008'],
    ['[::1]:8008', 'http://[::1]:8008'],
    ['http://localhost:8008', 'http://localhost:8008'],
    ['http://127.0.0.1:8008/', 'http://127.0.0.1:8008'],
    ['https://localhost:8448', 'https://localhost:8448'],
    ['localhost.example.org', 'https://localhost.example.org'],
  ])('%j → %s', (input, expected) => {
    const url = parseHomeserverInput(input);
    expect(url).not.toBeNull();
    expect(baseUrlString(url!)).toBe(expected);
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['plain http to a remote host', 'http://remote.example'],
    ['plain http to a host named like loopback', 'http://localhost.evil.example'],
    ['plain http to another loopback address', 'http://127.0.0.2:8008'],
    ['credentials', 'https://user:pass@matrix.example.org'],
    ['username only', 'user@matrix.example.org'],
    ['credentials hiding the real host', 'http://localhost@evil.example'],
    ['query', 'matrix.example.org?next=https://evil.example'],
    ['fragment', 'matrix.example.org#x'],
    ['inner space', 'matrix example.org'],
    ['space in the path', 'https://matrix.example.org/a b'],
    ['tab', 'matrix.example.org\t/x'],
    ['newline', 'matrix.example.org\nevil.example'],
    ['ftp', 'ftp://matrix.example.org'],
    ['javascript', 'javascript:alert(1)'],
    ['javascript with slashes', 'javascript://matrix.example.org/%0aalert(1)'],
    ['file', 'file:///etc/passwd'],
    ['data', 'data:text/plain,hi'],
    ['scheme only', 'https://'],
    ['garbage', '::::'],
    ['over-long (2049 characters)', `${'a'.repeat(2041)}.example`],
  ])('refuses %s', (_label, input) => {
    expect(parseHomeserverInput(input)).toBeNull();
  });
});

describe('resolveHomeserver', () => {
  it('returns the base URL when /versions answers like a Matrix server', async () => {
    const fetch = fakeFetch({
      'https://matrix.example.org/_matrix/client/versions': () => json(VERSIONS),
    });
    await expect(resolveHomeserver('matrix.example.org', { fetch, timeoutMs: 1_000 })).resolves.toBe(
      'https://matrix.example.org',
    );
    expect(fetch.mock.calls.map(([url]) => url)).toContain('https://matrix.example.org/_matrix/client/versions');
    for (const [, init] of fetch.mock.calls) expect(init?.signal).toBeInstanceOf(AbortSignal);
  });

  it('keeps a path prefix and plain http on loopback', async () => {
    const fetch = fakeFetch({
      'http://localhost:8008/_matrix/client/versions': () => json(VERSIONS),
      'https://example.org/matrix/_matrix/client/versions': () => json(VERSIONS),
    });
    await expect(resolveHomeserver('localhost:8008', { fetch, timeoutMs: 1_000 })).resolves.toBe('http://localhost:8008');
    await expect(resolveHomeserver('https://example.org/matrix/', { fetch, timeoutMs: 1_000 })).resolves.toBe(
      'https://example.org/matrix',
    );
  });

  // BUG: src/renderer/matrix/homeserver.ts, wellKnownBaseUrl: `if (url.pathname !== '') return null;`
  // A WHATWG URL with an http(s) scheme never has an empty pathname (it is at least "/", and
  // parseHomeserverInput's `url.pathname = ''` leaves "/"), so .well-known is never fetched and
  // delegation ("example.org" → "matrix.example.org") never happens.
  it('follows .well-known delegation from the server name to the homeserver', async () => {
    const fetch = fakeFetch({
      'https://example.org/.well-known/matrix/client': () =>
        json({ 'm.homeserver': { base_url: 'https://matrix.example.org/' } }),
      'https://example.org/_matrix/client/versions': () => html(404),
      'https://matrix.example.org/_matrix/client/versions': () => json(VERSIONS),
    });
    await expect(resolveHomeserver('example.org', { fetch, timeoutMs: 1_000 })).resolves.toBe('https://matrix.example.org');
  });

  it('announces each base URL before sending anything to it (the desktop egress allowlist follows it)', async () => {
    const order: string[] = [];
    const routes = {
      'https://example.org/.well-known/matrix/client': () =>
        json({ 'm.homeserver': { base_url: 'https://matrix.example.org/' } }),
      'https://matrix.example.org/_matrix/client/versions': () => html(502),
      'https://example.org/_matrix/client/versions': () => json(VERSIONS),
    };
    const fetch = fakeFetch(routes);
    const logged = (url: string, init?: RequestInit) => {
      order.push(`fetch ${url}`);
      return fetch(url, init);
    };
    const beforeConnect = (baseUrl: string) => {
      order.push(`allow ${baseUrl}`);
      return Promise.resolve();
    };
    await expect(resolveHomeserver('example.org', { fetch: logged, timeoutMs: 1_000, beforeConnect })).resolves.toBe(
      'https://example.org',
    );
    expect(order).toEqual([
      'allow https://example.org',
      'fetch https://example.org/.well-known/matrix/client',
      'allow https://matrix.example.org',
      'fetch https://matrix.example.org/_matrix/client/versions',
      'allow https://example.org',
      'fetch https://example.org/_matrix/client/versions',
    ]);
  });

  it('asks .well-known for a bare server name', async () => {
    const fetch = fakeFetch({ 'https://example.org/_matrix/client/versions': () => json(VERSIONS) });
    await resolveHomeserver('example.org', { fetch, timeoutMs: 1_000 });
    expect(fetch.mock.calls.map(([url]) => url)).toContain('https://example.org/.well-known/matrix/client');
  });

  it('does not ask .well-known when the input has a path', async () => {
    const fetch = fakeFetch({ 'https://example.org/matrix/_matrix/client/versions': () => json(VERSIONS) });
    await resolveHomeserver('https://example.org/matrix', { fetch, timeoutMs: 1_000 });
    expect(fetch.mock.calls.map(([url]) => url)).toEqual(['https://example.org/matrix/_matrix/client/versions']);
  });

  it.each([
    ['plain http to a remote host', { 'm.homeserver': { base_url: 'http://matrix.evil.example' } }],
    ['javascript URL', { 'm.homeserver': { base_url: 'javascript:alert(1)' } }],
    ['credentials', { 'm.homeserver': { base_url: 'https://u:p@matrix.evil.example' } }],
    ['base_url not a string', { 'm.homeserver': { base_url: 42 } }],
    ['no m.homeserver', { other: true }],
    ['null body', null],
  ])('ignores a .well-known with %s and falls back to the direct URL', async (_label, wellKnown) => {
    const fetch = fakeFetch({
      'https://example.org/.well-known/matrix/client': () => json(wellKnown),
      'https://example.org/_matrix/client/versions': () => json(VERSIONS),
    });
    await expect(resolveHomeserver('example.org', { fetch, timeoutMs: 1_000 })).resolves.toBe('https://example.org');
    for (const [url] of fetch.mock.calls) expect(url).not.toMatch(/evil|javascript/);
  });

  it('falls back to the direct URL when .well-known is broken (non-JSON, 404, network error)', async () => {
    for (const wellKnown of [() => html(200), () => html(404), () => Promise.reject(new TypeError('fetch failed'))]) {
      const fetch = fakeFetch({
        'https://example.org/.well-known/matrix/client': wellKnown,
        'https://example.org/_matrix/client/versions': () => json(VERSIONS),
      });
      await expect(resolveHomeserver('example.org', { fetch, timeoutMs: 1_000 })).resolves.toBe('https://example.org');
    }
  });

  it('unreachable: every fetch throws → HomeserverError unreachable', async () => {
    const fetch = fakeFetch({});
    const error = await problemOf(resolveHomeserver('matrix.example.org', { fetch, timeoutMs: 1_000 }));
    expect(error.problem).toBe('unreachable');
    expect(error.homeserver).toBe('https://matrix.example.org');
    expect(error.name).toBe('HomeserverError');
  });

  it('unreachable: a server that never answers is abandoned after the timeout', async () => {
    const fetch = vi.fn<ResolveOptions['fetch']>(
      (_input, init) =>
        new Promise<Response>((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(new DOMException('timed out', 'TimeoutError')));
        }),
    );
    const started = Date.now();
    const error = await problemOf(resolveHomeserver('matrix.example.org', { fetch, timeoutMs: 30 }));
    expect(error.problem).toBe('unreachable');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it.each([
    ['an HTML page', () => html(200)],
    ['an HTML 404', () => html(404)],
    ['JSON without versions', () => json({ hello: 'world' })],
    ['versions that is not an array', () => json({ versions: 'v1.11' })],
    ['JSON null', () => json(null)],
    ['an error status with a versions body', () => json(VERSIONS, 500)],
    ['an empty body', () => new Response('', { status: 200 })],
  ])('not-matrix: a server answering %s', async (_label, route) => {
    const fetch = fakeFetch({ 'https://www.example.org/_matrix/client/versions': route });
    const error = await problemOf(resolveHomeserver('www.example.org', { fetch, timeoutMs: 1_000 }));
    expect(error.problem).toBe('not-matrix');
    expect(error.homeserver).toBe('https://www.example.org');
  });

  it.each(['', 'http://remote.example', 'https://u:p@x.example', 'javascript:alert(1)', 'a b'])(
    'invalid-homeserver for %j, without any network request',
    async (input) => {
      const fetch = fakeFetch({});
      const error = await problemOf(resolveHomeserver(input, { fetch, timeoutMs: 1_000 }));
      expect(error.problem).toBe('invalid-homeserver');
      expect(fetch).not.toHaveBeenCalled();
    },
  );
});
