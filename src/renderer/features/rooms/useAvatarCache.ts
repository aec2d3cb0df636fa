import type { MatrixClient } from 'matrix-js-sdk';
import { useEffect, useMemo } from 'react';
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
