// Content-Security-Policy for the renderer, sent as a response header by the desktop app's scheme
// handler and by the web build's server. One definition so the two cannot drift apart.
export interface CspOptions {
  /** Origins the renderer may fetch from or open sockets to (homeserver, SFU, ...). */
  connectSources: readonly string[];
}

export function buildCsp({ connectSources }: CspOptions): string {
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    // matrix-js-sdk's Rust crypto is WebAssembly.
    'script-src': ["'self'", "'wasm-unsafe-eval'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'blob:', 'data:'],
    'media-src': ["'self'", 'blob:', 'mediastream:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'", ...connectSources],
    'worker-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-src': ["'none'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/**
 * Until machine policy names the servers (managed-rollout issue), the user chooses a homeserver at
 * sign-in, so any TLS origin is allowed, plus plain HTTP on loopback for a local homeserver.
 */
export const DEFAULT_CONNECT_SOURCES = [
  'https:',
  'wss:',
  'http://127.0.0.1:*',
  'http://localhost:*',
  'ws://127.0.0.1:*',
  'ws://localhost:*',
];

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  // Only features Chromium recognises: an unknown one (e.g. "bluetooth", which Chromium 156 does not
  // ship as a policy-controlled feature) makes it log "Unrecognized feature" on every page load.
  // The renderer never asks for Web Bluetooth; the permission handler denies it anyway.
  'Permissions-Policy': 'geolocation=(), usb=(), serial=(), hid=(), payment=()',
};
