import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import ErrorSolidIcon from '@vector-im/compound-design-tokens/assets/web/icons/error-solid';
import { rendererLogger } from '../../platform/log.ts';

export interface TileModel {
  id: string;
  isLocal: boolean;
  /** The tile's accessible name: the person's display name (or "… (screen)"). */
  name: string;
  video: MediaStreamTrack | null;
  muted: boolean;
  speaking: boolean;
  screen: boolean;
  /** Their media arrives but does not decrypt (no key from them, or a wrong one). */
  undecryptable?: boolean;
}

export function ParticipantTile({ tile }: { tile: TileModel }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    video.srcObject = tile.video ? new MediaStream([tile.video]) : null;
    if (tile.video) void video.play().catch(rendererLogger('calls').swallow('playing a participant video', 'debug'));
  }, [tile.video]);
  const initials = tile.name.replace(/^@/, '').slice(0, 1).toUpperCase();
  return (
    <div
      role="group"
      aria-label={tile.name}
      className={`call-tile${tile.speaking ? ' call-tile-speaking' : ''}${tile.screen ? ' call-tile-screen' : ''}`}
      data-peer={tile.id}
    >
      {tile.undecryptable ? (
        // Said in words, never left as a black tile: the person is there, their media is not readable.
        <p className="call-tile-undecryptable">
          <ErrorSolidIcon aria-hidden="true" />
          {t('call.cannotDecrypt')}
        </p>
      ) : tile.video ? (
        // My own camera is mirrored, as people expect of a self view; audio never plays from tiles.
        <video ref={ref} className={tile.isLocal && !tile.screen ? 'mirrored' : undefined} autoPlay playsInline muted />
      ) : (
        <div className="call-tile-avatar" aria-hidden="true">
          {initials}
        </div>
      )}
      <p className="call-tile-name">
        <span>{tile.name}</span>
        {tile.muted ? <span className="call-tile-badge">{t('call.muted')}</span> : null}
        {tile.speaking ? <span className="call-tile-badge call-tile-badge-speaking">{t('call.speaking')}</span> : null}
      </p>
    </div>
  );
}
