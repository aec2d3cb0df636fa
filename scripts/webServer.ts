// Serves the built renderer (dist/renderer) over HTTP on loopback, with the same CSP and security
// headers the desktop app's scheme handler sends. Used by `npm run web`, the demo and the E2E tests.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { contentTypeFor, resolveAppAsset } from '../src/main/protocol/appAssets.ts';
import { buildCsp, DEFAULT_CONNECT_SOURCES, SECURITY_HEADERS } from '../src/shared/csp.ts';

export interface WebServerOptions {
  rootDir: string;
  host?: string;
  port: number;
  connectSources?: readonly string[];
}

export interface RunningWebServer {
  url: string;
  close(): Promise<void>;
}

export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const host = options.host ?? '127.0.0.1';
  const csp = buildCsp({ connectSources: options.connectSources ?? DEFAULT_CONNECT_SOURCES });
  const server: Server = createServer((req, res) => {
    const headers = { ...SECURITY_HEADERS, 'Content-Security-Policy': csp };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, headers).end();
      return;
    }
    const resolution = resolveAppAsset(options.rootDir, `http://${host}${req.url ?? '/'}`, { protocol: 'http:', host });
    if (resolution.kind === 'error') {
      res.writeHead(resolution.status, headers).end();
      return;
    }
    readFile(resolution.filePath).then(
      (body) => {
        // Revalidated at every load (no-cache), answered 304 when unchanged: the browser then keeps its
        // compiled code for the scripts (V8's code cache), as the desktop app's scheme does (codeCache
        // privilege, src/main/main.ts), so a warm start here costs what it costs there.
        const etag = etagOf(body);
        const cacheHeaders = { 'Cache-Control': 'no-cache', ETag: etag };
        if (req.headers['if-none-match'] === etag) {
          res.writeHead(304, { ...headers, ...cacheHeaders }).end();
          return;
        }
        res.writeHead(200, { ...headers, ...cacheHeaders, 'Content-Type': contentTypeFor(resolution.filePath) });
        res.end(req.method === 'HEAD' ? undefined : body);
      },
      () => res.writeHead(404, headers).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://${host}:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A validator from the content itself (a few ms for the 8 MB crypto module), never stale. */
function etagOf(body: Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

export const RENDERER_DIST = path.resolve(import.meta.dirname, '..', 'dist', 'renderer');
