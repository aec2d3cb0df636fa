// The preview card under a message with a link, when the setting and the room allow it (see
// matrix/linkPreview.ts): title, description, site and picture as the homeserver saw the page, with
// "Hide preview". The picture comes through the authenticated media loader like any other.
import { createContext, useContext, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MatrixClient } from 'matrix-js-sdk';
import { useSession } from '../../app/SessionContext.ts';
import { fetchMediaObjectUrl } from '../../matrix/attachments.ts';
import { fetchLinkPreview, firstLink, LinkPreviewCache, type LinkPreview } from '../../matrix/linkPreview.ts';
import './linkPreview.css';

/** Whether this room shows link previews (the setting and the room's encryption), set by the room view. */
export const LinkPreviewsAllowedContext = createContext(false);

// One cache per signed-in client, in memory only: nothing about the links read outlives the session.
const caches = new WeakMap<MatrixClient, LinkPreviewCache>();
function cacheFor(client: MatrixClient): LinkPreviewCache {
  let cache = caches.get(client);
  if (!cache) {
    cache = new LinkPreviewCache();
    caches.set(client, cache);
  }
  return cache;
}

export function LinkPreviewCard({ body, timestamp }: { body: string; timestamp: number }) {
  const allowed = useContext(LinkPreviewsAllowedContext);
  const url = allowed ? firstLink(body) : null;
  const preview = useLinkPreview(url, timestamp);
  const [hidden, setHidden] = useState(false);
  if (!preview || hidden) return null;
  return <Card preview={preview} onHide={() => setHidden(true)} />;
}

function useLinkPreview(url: string | null, timestamp: number): LinkPreview | null {
  const { client } = useSession();
  const [loaded, setLoaded] = useState<LinkPreview | null>(null);
  useEffect(() => {
    if (!url) return;
    let current = true;
    void cacheFor(client)
      .get(url, () => fetchLinkPreview(client, url, timestamp))
      .then((preview) => {
        if (current) setLoaded(preview);
      });
    return () => {
      current = false;
    };
  }, [client, url, timestamp]);
  return loaded && loaded.url === url ? loaded : null;
}

function Card({ preview, onHide }: { preview: LinkPreview; onHide: () => void }) {
  const { t } = useTranslation();
  const image = usePreviewImage(preview.imageMxc);
  const site = preview.siteName ?? new URL(preview.url).host;
  return (
    <div className="link-preview" role="group" aria-label={t('linkPreview.label', { site })}>
      {image ? <img className="link-preview-image" src={image} alt="" /> : null}
      <div className="link-preview-text">
        <p className="link-preview-site muted small">{site}</p>
        {preview.title ? (
          <a className="link-preview-title" href={preview.url} target="_blank" rel="noopener noreferrer">
            {preview.title}
          </a>
        ) : null}
        {preview.description ? <p className="link-preview-description small">{preview.description}</p> : null}
      </div>
      <button type="button" className="link-button small link-preview-hide" onClick={onHide}>
        {t('linkPreview.hide')}
      </button>
    </div>
  );
}

function usePreviewImage(mxc: string | null): string | null {
  const { client } = useSession();
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!mxc) return;
    let created: string | null = null;
    let current = true;
    fetchMediaObjectUrl(client, mxc, null).then(
      (objectUrl) => {
        created = objectUrl;
        if (current) setUrl(objectUrl);
        else URL.revokeObjectURL(objectUrl);
      },
      () => undefined, // no picture: the card shows without it
    );
    return () => {
      current = false;
      if (created) URL.revokeObjectURL(created);
      setUrl(null);
    };
  }, [client, mxc]);
  return url;
}
