import { describe, expect, it } from 'vitest';
import { buildCsp, DEFAULT_CONNECT_SOURCES, SECURITY_HEADERS } from '../../../src/shared/csp.ts';

function directives(csp: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of csp.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (!name) continue;
    expect(map.has(name), `duplicate directive ${name}`).toBe(false);
    map.set(name, values);
  }
  return map;
}

describe('buildCsp', () => {
  const csp = buildCsp({ connectSources: DEFAULT_CONNECT_SOURCES });
  const d = directives(csp);

  it('never allows inline script or eval', () => {
    expect(csp).not.toContain("'unsafe-inline'");
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp).not.toContain("'unsafe-hashes'");
    expect(d.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  });

  it('locks down objects, framing, base and forms', () => {
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('frame-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('form-action')).toEqual(["'none'"]);
    expect(d.get('default-src')).toEqual(["'self'"]);
  });

  it('includes every connect source, after self', () => {
    expect(d.get('connect-src')).toEqual(["'self'", ...DEFAULT_CONNECT_SOURCES]);
    const custom = directives(buildCsp({ connectSources: ['https://matrix.example.org', 'wss://sfu.example.org'] }));
    expect(custom.get('connect-src')).toEqual(["'self'", 'https://matrix.example.org', 'wss://sfu.example.org']);
  });

  it('with no connect sources, connect-src is self only', () => {
    expect(directives(buildCsp({ connectSources: [] })).get('connect-src')).toEqual(["'self'"]);
  });

  it('does not allow plain http or ws to remote hosts by default', () => {
    for (const source of DEFAULT_CONNECT_SOURCES) {
      if (source.startsWith('http://') || source.startsWith('ws://'))
        expect(source).toMatch(/^(http|ws):\/\/(127\.0\.0\.1|localhost):\*$/);
      else expect(['https:', 'wss:']).toContain(source);
    }
  });

  it('is a single header line', () => {
    expect(csp).not.toMatch(/[\r\n]/);
  });
});

describe('SECURITY_HEADERS', () => {
  it('sets nosniff, no-referrer and same-origin opener', () => {
    expect(SECURITY_HEADERS['X-Content-Type-Options']).toBe('nosniff');
    expect(SECURITY_HEADERS['Referrer-Policy']).toBe('no-referrer');
    expect(SECURITY_HEADERS['Cross-Origin-Opener-Policy']).toBe('same-origin');
    expect(SECURITY_HEADERS['Permissions-Policy']).toContain('geolocation=()');
  });

  it('names only features Chromium recognises (it logs an error for any other)', () => {
    // Checked against Chromium 156's document.featurePolicy.features(): "bluetooth" is not one.
    const recognised = new Set(['geolocation', 'usb', 'serial', 'hid', 'payment', 'camera', 'microphone']);
    const named = (SECURITY_HEADERS['Permissions-Policy'] ?? '').split(',').map((entry) => entry.trim().split('=')[0]);
    expect(named.length).toBeGreaterThan(0);
    for (const feature of named) expect(recognised.has(feature ?? '')).toBe(true);
    expect(named).not.toContain('bluetooth');
  });
});
