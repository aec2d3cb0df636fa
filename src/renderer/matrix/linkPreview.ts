// Link previews, asked of the homeserver only (its URL-preview endpoint fetches the page): the client
// never contacts the linked site, which would tell it who reads the message and when. Whether to ask at
// all follows the chat.urlPreviews setting (policy-lockable): off in encrypted rooms unless 'all', as
// asking tells the homeserver a link an encrypted room meant to keep from it.
import type { MatrixClient } from 'matrix-js-sdk';
import { mediaFetchInit } from './mediaUrl.ts';

export type UrlPreviewSetting = 'off' | 'unencrypted' | 'all';

export interface LinkPreview {
  url: string;
  title: string | null;
  description: string | null;
  siteName: string | null;
  /** The page's picture, copied by the homeserver into its media store (mxc://). */
  imageMxc: string | null;
}

export function previewsAllowed(setting: UrlPreviewSetting, encrypted: boolean): boolean {
  return setting === 'all' || (setting === 'unencrypted' && !encrypted);
}

const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"']+/i;

/** The first http(s) link in a message, without the punctuation that ends a sentence. */
export function firstLink(body: string): string | null {
  const match = URL_IN_TEXT.exec(body);
  if (!match) return null;
  const url = match[0].replace(/[.,;:!?)\]]+$/, '');
  return URL.canParse(url) ? url : null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** The Open Graph fields the homeserver returned; null when there is nothing worth a card. */
export function parsePreview(url: string, og: Record<string, unknown>): LinkPreview | null {
  const image = text(og['og:image']);
  const preview: LinkPreview = {
    url,
    title: text(og['og:title']),
    description: text(og['og:description']),
    siteName: text(og['og:site_name']),
    imageMxc: image?.startsWith('mxc://') ? image : null,
  };
  return preview.title || preview.description ? preview : null;
}

/** Previews asked for, by URL, kept in memory for this run only and bounded (oldest forgotten first). */
export class LinkPreviewCache {
  private readonly entries = new Map<string, Promise<LinkPreview | null>>();
  private readonly limit: number;

  constructor(limit = 200) {
    this.limit = limit;
  }

  get(url: string, load: () => Promise<LinkPreview | null>): Promise<LinkPreview | null> {
    const known = this.entries.get(url);
    if (known) {
      // Recently used goes to the end, furthest from eviction.
      this.entries.delete(url);
      this.entries.set(url, known);
      return known;
    }
    const loading = load().catch(() => null);
    this.entries.set(url, loading);
    while (this.entries.size > this.limit) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return loading;
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Where to ask: the authenticated endpoint (Matrix 1.11), or the older one on a server without it. */
export function previewRequestUrl(homeserverUrl: string, url: string, ts: number, authenticated: boolean): string {
  const base = homeserverUrl.replace(/\/$/, '');
  const path = authenticated ? '/_matrix/client/v1/media/preview_url' : '/_matrix/media/v3/preview_url';
  return `${base}${path}?url=${encodeURIComponent(url)}&ts=${ts}`;
}

/** Asks the homeserver for a preview of `url` as it was at `ts` (the message's time). */
export async function fetchLinkPreview(client: MatrixClient, url: string, ts: number): Promise<LinkPreview | null> {
  const init = mediaFetchInit(client.getAccessToken());
  const homeserver = client.getHomeserverUrl();
  let response = await fetch(previewRequestUrl(homeserver, url, ts, true), init);
  // A server older than authenticated media answers 404 (or 400 M_UNRECOGNIZED) for the v1 path.
  if (response.status === 404 || response.status === 400) {
    const body = (await response.json().catch(() => ({}))) as { errcode?: unknown };
    if (response.status === 404 || body.errcode === 'M_UNRECOGNIZED') {
      response = await fetch(previewRequestUrl(homeserver, url, ts, false), init);
    }
  }
  if (!response.ok) return null;
  return parsePreview(url, (await response.json()) as Record<string, unknown>);
}
