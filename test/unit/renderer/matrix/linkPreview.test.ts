import { describe, expect, it, vi } from 'vitest';
import {
  firstLink,
  LinkPreviewCache,
  parsePreview,
  previewRequestUrl,
  previewsAllowed,
  type LinkPreview,
} from '../../../../src/renderer/matrix/linkPreview.ts';

describe('link previews', () => {
  it('are allowed by the setting and the room: never when off, encrypted rooms only with "all"', () => {
    expect(previewsAllowed('off', false)).toBe(false);
    expect(previewsAllowed('unencrypted', false)).toBe(true);
    expect(previewsAllowed('unencrypted', true)).toBe(false);
    expect(previewsAllowed('all', true)).toBe(true);
  });

  it('find the first http(s) link, without the sentence punctuation after it', () => {
    expect(firstLink('Voir https://service-public.fr/particuliers/vosdroits. Merci')).toBe(
      'https://service-public.fr/particuliers/vosdroits',
    );
    expect(firstLink('(http://127.0.0.1:8080/page?a=1)')).toBe('http://127.0.0.1:8080/page?a=1');
    expect(firstLink('ftp://example.org and mailto:x@y.fr')).toBeNull();
    expect(firstLink('no link')).toBeNull();
  });

  it('read the Open Graph answer, keeping only mxc:// pictures', () => {
    expect(
      parsePreview('https://a.fr', {
        'og:title': ' Titre ',
        'og:description': 'Résumé',
        'og:site_name': 'Site',
        'og:image': 'mxc://hs/abc',
      }),
    ).toEqual({ url: 'https://a.fr', title: 'Titre', description: 'Résumé', siteName: 'Site', imageMxc: 'mxc://hs/abc' });
    expect(parsePreview('https://a.fr', { 'og:title': 'T', 'og:image': 'https://tracker.example/p.png' })?.imageMxc).toBeNull();
    expect(parsePreview('https://a.fr', { 'og:image': 'mxc://hs/abc' })).toBeNull();
  });

  it('ask the authenticated endpoint first, the older one as a fallback', () => {
    expect(previewRequestUrl('https://hs.fr/', 'https://a.fr/x?y=1', 42, true)).toBe(
      'https://hs.fr/_matrix/client/v1/media/preview_url?url=https%3A%2F%2Fa.fr%2Fx%3Fy%3D1&ts=42',
    );
    expect(previewRequestUrl('https://hs.fr', 'https://a.fr', 1, false)).toBe(
      'https://hs.fr/_matrix/media/v3/preview_url?url=https%3A%2F%2Fa.fr&ts=1',
    );
  });

  it('are asked once per URL and forgotten oldest first past the bound', async () => {
    const cache = new LinkPreviewCache(2);
    const preview: LinkPreview = { url: 'a', title: 'A', description: null, siteName: null, imageMxc: null };
    const load = vi.fn(() => Promise.resolve(preview));
    await cache.get('a', load);
    await cache.get('a', load);
    expect(load).toHaveBeenCalledTimes(1);
    await cache.get('b', load);
    await cache.get('a', load); // a is now the most recent
    await cache.get('c', load); // b goes
    expect(cache.size).toBe(2);
    await cache.get('b', load);
    expect(load).toHaveBeenCalledTimes(4);
    expect(await cache.get('d', () => Promise.reject(new Error('down')))).toBeNull();
  });
});
