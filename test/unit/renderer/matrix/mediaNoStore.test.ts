// Issue 13: media and avatars never go through the HTTP cache (Synapse marks them public for a day),
// and the web build empties what a page may at sign-out.
import type { MatrixClient } from 'matrix-js-sdk';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchMediaObjectUrl } from '../../../../src/renderer/matrix/attachments.ts';
import { mediaFetchInit } from '../../../../src/renderer/matrix/mediaUrl.ts';
import { WebPlatform } from '../../../../src/renderer/platform/WebPlatform.ts';

afterEach(() => vi.unstubAllGlobals());

describe('media fetches', () => {
  it('use no-store, the token and no cookies or referrer', () => {
    expect(mediaFetchInit('tok')).toEqual({
      headers: { Authorization: 'Bearer tok' },
      cache: 'no-store',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
  });

  it('fetchMediaObjectUrl asks for no-store', async () => {
    const fetchMock = vi.fn<typeof fetch>(() =>
      Promise.resolve(new Response('bytes', { headers: { 'content-type': 'image/png' } })),
    );
    vi.stubGlobal('fetch', fetchMock);
    const client = { getHomeserverUrl: () => 'https://hs.example', getAccessToken: () => 'tok' } as unknown as MatrixClient;
    const url = await fetchMediaObjectUrl(client, 'mxc://hs.example/abc', null);
    expect(url).toMatch(/^blob:/);
    URL.revokeObjectURL(url);
    expect(fetchMock.mock.calls[0]?.[1]?.cache).toBe('no-store');
  });
});

describe('web build sign-out', () => {
  it('deletes every Cache Storage entry (the HTTP cache itself is out of a page’s reach)', async () => {
    const deleted: string[] = [];
    const platform = new WebPlatform({
      languages: ['en'],
      open: () => undefined,
      caches: {
        keys: () => Promise.resolve(['a', 'b']),
        delete: (name: string) => {
          deleted.push(name);
          return Promise.resolve(true);
        },
      },
    });
    await platform.clearSessionData();
    expect(deleted).toEqual(['a', 'b']);
  });
});
