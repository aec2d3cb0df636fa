// The request handler behind `protocol.handle(APP_SCHEME, ...)`: serves the renderer's files with the
// CSP and hardening headers. Takes its file reader as a parameter so it is tested without Electron.
import { SECURITY_HEADERS } from '../../shared/csp.ts';
import { contentTypeFor, resolveAppAsset } from './appAssets.ts';

export interface AppProtocolOptions {
  rootDir: string;
  scheme: string;
  host: string;
  csp: string;
  readFile(filePath: string): Promise<Uint8Array>;
}

export function createAppProtocolHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  const expected = { protocol: `${options.scheme}:`, host: options.host };
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed', options.csp);
    const resolution = resolveAppAsset(options.rootDir, request.url, expected);
    if (resolution.kind === 'error') return plain(resolution.status, 'Refused', options.csp);
    let body: Uint8Array;
    try {
      body = await options.readFile(resolution.filePath);
    } catch {
      return plain(404, 'Not found', options.csp);
    }
    return new Response(request.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), {
      status: 200,
      headers: {
        ...SECURITY_HEADERS,
        'Content-Security-Policy': options.csp,
        'Content-Type': contentTypeFor(resolution.filePath),
      },
    });
  };
}

function plain(status: number, text: string, csp: string): Response {
  return new Response(text, {
    status,
    headers: { ...SECURITY_HEADERS, 'Content-Security-Policy': csp, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}
