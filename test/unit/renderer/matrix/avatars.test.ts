import { describe, expect, it } from 'vitest';
import { AvatarCache, thumbnailUrl } from '../../../../src/renderer/matrix/avatars.ts';

describe('thumbnailUrl', () => {
  it('points at the authenticated thumbnail endpoint of the homeserver', () => {
    expect(thumbnailUrl('https://matrix.example.gouv.fr/', 'mxc://example.gouv.fr/AbC_12-x', 64)).toBe(
      'https://matrix.example.gouv.fr/_matrix/client/v1/media/thumbnail/example.gouv.fr/AbC_12-x?width=64&height=64&method=crop',
    );
  });

  it('refuses what is not an mxc URI, so nothing else is ever fetched', () => {
    expect(thumbnailUrl('https://hs', 'https://tracker.example/pixel.png', 64)).toBeNull();
    expect(thumbnailUrl('https://hs', 'mxc://hs/../../admin', 64)).toBeNull();
    expect(thumbnailUrl('https://hs', 'mxc://hs/', 64)).toBeNull();
  });
});

function harness(limit = 2) {
  const fetched: string[] = [];
  const revoked: string[] = [];
  const cache = new AvatarCache({
    fetchThumbnail: (mxc) => {
      fetched.push(mxc);
      if (mxc.endsWith('missing')) return Promise.resolve(null);
      if (mxc.endsWith('broken')) return Promise.reject(new Error('503'));
      return Promise.resolve(new Blob([mxc]));
    },
    createObjectUrl: () => `blob:${fetched.length}`,
    revokeObjectUrl: (url) => revoked.push(url),
    limit,
  });
  return { cache, fetched, revoked };
}

describe('AvatarCache', () => {
  it('fetches each avatar once, however often the list asks', async () => {
    const { cache, fetched } = harness();
    const [a, b] = await Promise.all([cache.get('mxc://hs/a'), cache.get('mxc://hs/a')]);
    expect(a).toBe('blob:1');
    expect(b).toBe('blob:1');
    expect(await cache.get('mxc://hs/a')).toBe('blob:1');
    expect(fetched).toEqual(['mxc://hs/a']);
  });

  it('null when the server has no thumbnail or fails: the initial shows instead', async () => {
    const { cache } = harness();
    expect(await cache.get('mxc://hs/missing')).toBeNull();
    expect(await cache.get('mxc://hs/broken')).toBeNull();
  });

  it('keeps memory bounded: the least recently used avatar is released', async () => {
    const { cache, fetched, revoked } = harness(2);
    await cache.get('mxc://hs/a');
    await cache.get('mxc://hs/b');
    await cache.get('mxc://hs/a'); // a is now the most recent
    await cache.get('mxc://hs/c'); // b goes
    await Promise.resolve();
    expect(revoked).toEqual(['blob:2']);
    await cache.get('mxc://hs/a');
    expect(fetched).toEqual(['mxc://hs/a', 'mxc://hs/b', 'mxc://hs/c']);
  });

  it('clear releases every object URL', async () => {
    const { cache, revoked } = harness(5);
    await cache.get('mxc://hs/a');
    await cache.get('mxc://hs/b');
    cache.clear();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(revoked.sort()).toEqual(['blob:1', 'blob:2']);
  });
});
