// Room avatars for the list: small thumbnails fetched from the homeserver with the access token
// (Synapse serves media authenticated only, so an <img src> pointing at it cannot work), kept as
// object URLs in a bounded cache so scrolling the list does not fetch them again.
import { authenticatedMediaUrl } from './mediaUrl.ts';

/** The authenticated thumbnail URL of an mxc:// URI, or null when the URI is malformed. */
export function thumbnailUrl(homeserverUrl: string, mxc: string, size: number): string | null {
  return authenticatedMediaUrl(homeserverUrl, mxc, { kind: 'thumbnail', size });
}

export interface AvatarCacheOptions {
  /** Fetches one thumbnail; resolves to its bytes, or null when the server has none. */
  fetchThumbnail: (mxc: string) => Promise<Blob | null>;
  createObjectUrl?: (blob: Blob) => string;
  revokeObjectUrl?: (url: string) => void;
  /** Object URLs kept; the least recently used is released beyond it. */
  limit?: number;
}

export class AvatarCache {
  private readonly entries = new Map<string, Promise<string | null>>();
  private readonly options: Required<AvatarCacheOptions>;

  constructor(options: AvatarCacheOptions) {
    this.options = {
      createObjectUrl: (blob) => URL.createObjectURL(blob),
      revokeObjectUrl: (url) => URL.revokeObjectURL(url),
      limit: 300,
      ...options,
    };
  }

  /** The avatar's object URL, fetched once; null when it cannot be had (the initial shows instead). */
  get(mxc: string): Promise<string | null> {
    const known = this.entries.get(mxc);
    if (known) {
      // Most recently used goes last, so eviction takes the oldest first.
      this.entries.delete(mxc);
      this.entries.set(mxc, known);
      return known;
    }
    const loading = this.options.fetchThumbnail(mxc).then(
      (blob) => (blob ? this.options.createObjectUrl(blob) : null),
      () => null,
    );
    this.entries.set(mxc, loading);
    this.evict();
    return loading;
  }

  /** Releases every object URL (sign-out). */
  clear(): void {
    for (const entry of this.entries.values()) void entry.then((url) => url && this.options.revokeObjectUrl(url));
    this.entries.clear();
  }

  private evict(): void {
    while (this.entries.size > this.options.limit) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) return;
      const entry = this.entries.get(oldest);
      this.entries.delete(oldest);
      void entry?.then((url) => url && this.options.revokeObjectUrl(url));
    }
  }
}
