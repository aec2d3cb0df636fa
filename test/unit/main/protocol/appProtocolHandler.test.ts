import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppProtocolHandler } from '../../../../src/main/protocol/appProtocolHandler.ts';
import { buildCsp, DEFAULT_CONNECT_SOURCES } from '../../../../src/shared/csp.ts';

const CSP = buildCsp({ connectSources: DEFAULT_CONNECT_SOURCES });
const SECRET_CONTENT = 'TOP-SECRET-OUTSIDE-ROOT';
const INDEX = '<!doctype html><title>Relais</title>';
const APP_JS = 'console.log("relais")';

let base: string;
let root: string;
const reader = vi.fn<(filePath: string) => Promise<Uint8Array>>((filePath) => readFile(filePath));
let handle: (request: Request) => Promise<Response>;

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'relais-protocol-'));
  root = path.join(base, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), INDEX);
  await writeFile(path.join(root, 'assets', 'app.js'), APP_JS);
  await writeFile(path.join(root, 'assets', 'app.css'), 'body{}');
  await writeFile(path.join(root, 'assets', 'logo.svg'), '<svg/>');
  await writeFile(path.join(root, 'assets', 'crypto.wasm'), new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
  // Files an attacker would like to read: outside the root, and in a sibling that shares its prefix.
  await writeFile(path.join(base, 'secret.txt'), SECRET_CONTENT);
  await mkdir(path.join(base, 'renderer-private'));
  await writeFile(path.join(base, 'renderer-private', 'secret.txt'), SECRET_CONTENT);
  handle = createAppProtocolHandler({ rootDir: root, scheme: 'relais', host: 'app', csp: CSP, readFile: reader });
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

beforeEach(() => {
  reader.mockClear();
});

function expectHardeningHeaders(response: Response): void {
  expect(response.headers.get('Content-Security-Policy')).toBe(CSP);
  expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
  expect(response.headers.get('Referrer-Policy')).toBe('no-referrer');
  expect(response.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
}

function expectOnlyReadsInsideRoot(): void {
  for (const [filePath] of reader.mock.calls) {
    const relative = path.relative(root, filePath);
    expect(relative.startsWith('..') || path.isAbsolute(relative), filePath).toBe(false);
  }
}

describe('createAppProtocolHandler', () => {
  it('GET / serves index.html with CSP, nosniff and an HTML content type', async () => {
    const response = await handle(new Request('relais://app/'));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(INDEX);
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expectHardeningHeaders(response);
    expect(reader).toHaveBeenCalledWith(path.join(root, 'index.html'));
  });

  it.each([
    ['relais://app/index.html', 'text/html; charset=utf-8'],
    ['relais://app/assets/app.js', 'text/javascript; charset=utf-8'],
    ['relais://app/assets/app.css', 'text/css; charset=utf-8'],
    ['relais://app/assets/logo.svg', 'image/svg+xml'],
    ['relais://app/assets/crypto.wasm', 'application/wasm'],
  ])('GET %s → 200 with %s', async (url, type) => {
    const response = await handle(new Request(url));
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe(type);
    expectHardeningHeaders(response);
  });

  it('serves bytes unchanged', async () => {
    const response = await handle(new Request('relais://app/assets/crypto.wasm'));
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
    const js = await handle(new Request('relais://app/assets/app.js'));
    expect(await js.text()).toBe(APP_JS);
  });

  it('HEAD answers 200 with headers and no body', async () => {
    const response = await handle(new Request('relais://app/index.html', { method: 'HEAD' }));
    expect(response.status).toBe(200);
    expect(response.body).toBeNull();
    expect(await response.text()).toBe('');
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expectHardeningHeaders(response);
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])('%s → 405 without touching the disk', async (method) => {
    const response = await handle(new Request('relais://app/index.html', { method }));
    expect(response.status).toBe(405);
    expectHardeningHeaders(response);
    expect(response.headers.get('Content-Type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).not.toContain(INDEX);
    expect(reader).not.toHaveBeenCalled();
  });

  it('refuses an unknown custom method handed in by a non-standard request object', async () => {
    const fake = { method: 'PROPFIND', url: 'relais://app/index.html' } as unknown as Request;
    const response = await handle(fake);
    expect(response.status).toBe(405);
    expect(reader).not.toHaveBeenCalled();
  });

  it.each([
    'relais://app/..%2f..%2fsecret.txt',
    'relais://app/%2e%2e%2fsecret.txt',
    'relais://app/%2e%2e/secret.txt',
    'relais://app/../secret.txt',
    'relais://app/..%2frenderer-private%2fsecret.txt',
    'relais://app/%2e%2e%2frenderer-private/secret.txt',
    'relais://app/assets/..%2f..%2f..%2f..%2f..%2f..%2f..%2fetc/passwd',
    'relais://app/%5c..%5csecret.txt',
    'relais://app/secret.txt%00.html',
    'relais://app/%E0%A4%A',
  ])('traversal %s is refused and never reads outside the root', async (url) => {
    const response = await handle(new Request(url));
    expect([400, 403, 404]).toContain(response.status);
    expect(await response.text()).not.toContain(SECRET_CONTENT);
    expectHardeningHeaders(response);
    expectOnlyReadsInsideRoot();
  });

  it('a raw (un-normalised) traversal URL from a non-standard request object still cannot escape', async () => {
    const fake = { method: 'GET', url: 'relais://app/../../secret.txt' } as unknown as Request;
    const response = await handle(fake);
    expect(response.status).not.toBe(200);
    expect(await response.text()).not.toContain(SECRET_CONTENT);
    expectOnlyReadsInsideRoot();
  });

  it.each(['relais://evil/index.html', 'relais://app:1/index.html', 'https://app/index.html', 'file:///etc/passwd'])(
    '%s (wrong scheme or host) → 403, nothing read',
    async (url) => {
      const response = await handle(new Request(url));
      expect(response.status).toBe(403);
      expectHardeningHeaders(response);
      expect(reader).not.toHaveBeenCalled();
    },
  );

  it('a missing file → 404 with the CSP still present and no path in the body', async () => {
    const response = await handle(new Request('relais://app/assets/missing.js'));
    expect(response.status).toBe(404);
    expectHardeningHeaders(response);
    expect(response.headers.get('Content-Type')).toBe('text/plain; charset=utf-8');
    const body = await response.text();
    expect(body).not.toContain(root);
    expect(body).not.toContain('ENOENT');
  });

  it('a directory → 404', async () => {
    const response = await handle(new Request('relais://app/assets/'));
    expect(response.status).toBe(404);
    expectHardeningHeaders(response);
  });

  it('a failing reader → 404, and its error message does not leak', async () => {
    const failing = createAppProtocolHandler({
      rootDir: root,
      scheme: 'relais',
      host: 'app',
      csp: CSP,
      readFile: () => Promise.reject(new Error(`EACCES: permission denied, open '${root}/index.html'`)),
    });
    const response = await failing(new Request('relais://app/index.html'));
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('EACCES');
    expectHardeningHeaders(response);
  });

  it('works from a map-backed reader too (no disk)', async () => {
    const files = new Map([[path.join('/virtual', 'index.html'), new TextEncoder().encode('virtual')]]);
    const fromMap = createAppProtocolHandler({
      rootDir: '/virtual',
      scheme: 'relais',
      host: 'app',
      csp: "default-src 'none'",
      readFile: (filePath) => {
        const bytes = files.get(filePath);
        return bytes ? Promise.resolve(bytes) : Promise.reject(new Error('ENOENT'));
      },
    });
    const ok = await fromMap(new Request('relais://app/'));
    expect(await ok.text()).toBe('virtual');
    expect(ok.headers.get('Content-Security-Policy')).toBe("default-src 'none'");
    expect((await fromMap(new Request('relais://app/other.html'))).status).toBe(404);
  });
});
