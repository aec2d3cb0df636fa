import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../app/SessionContext.ts';
import { fetchMediaObjectUrl } from '../../matrix/attachments.ts';
import type { TimelineItem } from '../../matrix/timeline.ts';
import { formatSize } from '../../ui/formatSize.ts';

/** Shows an image inline or a file as a download link, fetched (and decrypted) on demand. */
export function MediaView({ media, isImage }: { media: NonNullable<TimelineItem['media']>; isImage: boolean }) {
  const { t } = useTranslation();
  const client = useClient();
  const [objectUrl, setObjectUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let url: string | null = null;
    let live = true;
    fetchMediaObjectUrl(client, media.mxcUrl, media.encryption).then(
      (u) => {
        url = u;
        if (live) setObjectUrl(u);
        else URL.revokeObjectURL(u);
      },
      () => {
        if (live) setFailed(true);
      },
    );
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [client, media.mxcUrl, media.encryption]);

  if (failed) return <p className="message-body muted">{t('timeline.mediaFailed', { name: media.name })}</p>;
  if (!objectUrl) return <p className="message-body muted">{t('timeline.mediaLoading', { name: media.name })}</p>;
  if (isImage) return <img className="message-image" src={objectUrl} alt={media.name} />;
  return (
    <p className="message-body">
      <a href={objectUrl} download={media.name}>
        {t('timeline.download', { name: media.name, size: formatSize(media.size) })}
      </a>
    </p>
  );
}
