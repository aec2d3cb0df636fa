import { describe, expect, it } from 'vitest';
import { isAppUrl, parseOrigin } from '../../../../src/main/security/origins.ts';
import { APP_ENTRY_URL, APP_ORIGIN } from '../../../../src/shared/appScheme.ts';

const appOrigins = [parseOrigin(APP_ORIGIN)];

describe('parseOrigin', () => {
  it('splits the app origin into protocol (with colon) and host', () => {
    expect(parseOrigin(APP_ORIGIN)).toEqual({ protocol: 'relais:', host: 'app' });
    expect(parseOrigin('http://localhost:5173')).toEqual({ protocol: 'http:', host: 'localhost:5173' });
  });

  it('throws on garbage rather than returning a permissive origin', () => {
    expect(() => parseOrigin('not an origin')).toThrow();
    expect(() => parseOrigin('')).toThrow();
  });
});

describe('isAppUrl', () => {
  it.each([APP_ENTRY_URL, 'relais://app', 'relais://app/', 'relais://app/assets/x.js?v=1#h', 'RELAIS://app/index.html'])(
    'allows %s',
    (url) => {
      expect(isAppUrl(url, appOrigins)).toBe(true);
    },
  );

  it.each<[string, string | null | undefined]>([
    ['undefined', undefined],
    ['null', null],
    ['empty', ''],
    ['other host on the scheme', 'relais://evil/index.html'],
    ['host with the app as prefix', 'relais://application/'],
    ['host with the app as subdomain', 'relais://app.evil.example/'],
    ['explicit port', 'relais://app:443/'],
    ['https with the app host', 'https://app/index.html'],
    ['http with the app host', 'http://app/'],
    ['user info pointing elsewhere', 'relais://app@evil/index.html'],
    ['user info on the app host', 'relais://app:pw@app/'],
    ['user only on the app host', 'relais://user@app/'],
    ['file URL', 'file:///app/index.html'],
    ['opaque form', 'relais:app/index.html'],
    ['javascript', 'javascript:alert(1)'],
    ['data', 'data:text/html,relais://app/'],
    ['blob of another origin', 'blob:https://evil.example/uuid'],
    ['about:blank', 'about:blank'],
    ['garbage', 'relais app'],
    ['relative path', '/index.html'],
  ])('refuses %s', (_label, url) => {
    expect(isAppUrl(url, appOrigins)).toBe(false);
  });

  it('refuses everything when no origin is configured', () => {
    expect(isAppUrl(APP_ENTRY_URL, [])).toBe(false);
  });

  it('accepts any of several configured origins', () => {
    const origins = [...appOrigins, parseOrigin('http://localhost:5173')];
    expect(isAppUrl('http://localhost:5173/index.html', origins)).toBe(true);
    expect(isAppUrl('http://localhost:5174/index.html', origins)).toBe(false);
  });
});
