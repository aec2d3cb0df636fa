import type { MatrixClient } from 'matrix-js-sdk';
import { useEffect, useMemo, useState } from 'react';
import { AvatarCache, thumbnailUrl } from '../../matrix/avatars.ts';
import { mediaFetchInit } from '../../matrix/mediaUrl.ts';

/** Twice the avatar's CSS size, for sharp pictures on high-density screens. */
const THUMBNAIL_PX = 64;

/** One avatar cache per signed-in client, released with it. */
export function useAvatarCache(client: MatrixClient): AvatarCache {
  const cache = useMemo(
    () =>
      new AvatarCache({
        fetchThumbnail: async (mxc) => {
          const url = thumbnailUrl(client.getHomeserverUrl(), mxc, THUMBNAIL_PX);
          if (!url) return null;
          const response = await fetch(url, mediaFetchInit(client.getAccessToken()));
          return response.ok ? response.blob() : null;
        },
      }),
    [client],
  );
  useEffect(() => () => cache.clear(), [cache]);
  return cache;
}

/**
 * The object URL of an avatar once the cache has it; null before, or when there is none. Keyed by the
 * URI, so a picture that changed shows the fallback until the new one arrives.
 */
export function useAvatarUrl(mxc: string | null | undefined, avatars: AvatarCache | undefined): string | null {
  const [loaded, setLoaded] = useState<{ mxc: string; url: string | null } | null>(null);
  useEffect(() => {
    let live = true;
    if (mxc && avatars) void avatars.get(mxc).then((url) => live && setLoaded({ mxc, url }));
    return () => {
      live = false;
    };
  }, [mxc, avatars]);
  return loaded && loaded.mxc === mxc ? loaded.url : null;
}
