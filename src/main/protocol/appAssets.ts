// Maps a request on the app scheme to a file inside the packaged renderer folder, refusing anything
// that would escape it (encoded dot segments, backslashes, NUL, absolute paths).
import path from 'node:path';

export type AssetResolution = { kind: 'file'; filePath: string } | { kind: 'error'; status: 400 | 403 | 404 };

export function resolveAppAsset(
  rootDir: string,
  requestUrl: string,
  expected: { protocol: string; host: string },
): AssetResolution {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { kind: 'error', status: 400 };
  }
  if (url.protocol !== expected.protocol || url.host !== expected.host || url.username || url.password) {
    return { kind: 'error', status: 403 };
  }

  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return { kind: 'error', status: 400 };
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return { kind: 'error', status: 400 };
  // Dot segments can only be here if they were percent-encoded (the URL parser resolves plain ones):
  // that is an attempt to climb out, refused rather than clamped.
  if (pathname.split('/').some((segment) => segment === '..' || segment === '.')) return { kind: 'error', status: 403 };
  if (pathname === '/' || pathname === '') pathname = '/index.html';

  const root = path.resolve(rootDir);
  const filePath = path.resolve(root, `.${path.posix.normalize(pathname)}`);
  const relative = path.relative(root, filePath);
  if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
    return { kind: 'error', status: 403 };
  }
  return { kind: 'file', filePath };
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}
