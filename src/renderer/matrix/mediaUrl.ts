// Where a piece of Matrix media is fetched: the homeserver's authenticated media endpoints (Synapse
// serves new media through them only), built in one place from an mxc:// URI.

/**
 * How media is fetched: with the access token, and never through the HTTP cache. Synapse answers
 * authenticated media with `Cache-Control: public, max-age=86400`, so a default fetch would leave
 * every picture and file of an unencrypted room (and the ciphertext of an encrypted one) on disk in the
 * browser cache for a day, readable after sign-out. `no-store` keeps the bytes in memory only; the
 * decrypted ones exist only as in-memory blobs the app revokes.
 */
export function mediaFetchInit(accessToken: string | null): RequestInit {
  return {
    headers: { Authorization: `Bearer ${accessToken ?? ''}` },
    cache: 'no-store',
    credentials: 'omit',
    referrerPolicy: 'no-referrer',
  };
}

export type MediaRequest = { kind: 'download' } | { kind: 'thumbnail'; size: number };

/** The authenticated URL for an mxc:// URI, or null when the URI is malformed. */
export function authenticatedMediaUrl(homeserverUrl: string, mxc: string, request: MediaRequest): string | null {
  const match = /^mxc:\/\/([^/]+)\/([A-Za-z0-9_-]+)$/.exec(mxc);
  if (!match?.[1] || !match[2]) return null;
  const base = `${homeserverUrl.replace(/\/$/, '')}/_matrix/client/v1/media/${request.kind}/${encodeURIComponent(match[1])}/${encodeURIComponent(match[2])}`;
  return request.kind === 'thumbnail' ? `${base}?width=${request.size}&height=${request.size}&method=crop` : base;
}
