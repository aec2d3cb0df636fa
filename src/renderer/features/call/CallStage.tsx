// The call screen for the room: participant grid (paged past what fits), call controls, and the
// reconnecting notice. Who speaks is highlighted by a ring and a "Speaking" badge (not colour alone).
import type { Room } from 'matrix-js-sdk';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import LockSolidIcon from '@vector-im/compound-design-tokens/assets/web/icons/lock-solid';
import type { TFunction } from 'i18next';
import { useClient } from '../../app/SessionContext.ts';
import type { CallSnapshot } from '../../calls/engine.ts';
import { cameraLayerFor, gridLayout, orderTiles, pageItems } from '../../calls/grid.ts';
import type { CallSession } from './callSession.ts';
import { CallControls } from './CallControls.tsx';
import { ParticipantTile, type TileModel } from './ParticipantTile.tsx';
import { participantKey } from '../../calls/e2ee/rotation.ts';
import { useNow } from './useNow.ts';

function useSize(ref: React.RefObject<HTMLElement | null>): { width: number; height: number } {
  const [size, setSize] = useState({ width: 800, height: 450 });
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setSize({ width: entry.contentRect.width, height: entry.contentRect.height });
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}

function tilesOf(snapshot: CallSnapshot, room: Room, me: string, t: TFunction): TileModel[] {
  const myName = room.getMember(me)?.name ?? me;
  const tiles: TileModel[] = [
    {
      id: 'local',
      isLocal: true,
      name: t('call.you', { name: myName }),
      video: snapshot.localVideo,
      muted: !snapshot.micOn,
      speaking: false,
      screen: false,
    },
  ];
  if (snapshot.localScreen)
    tiles.push({
      id: 'local-screen',
      isLocal: true,
      name: t('call.screenOf', { name: myName }),
      video: snapshot.localScreen,
      muted: false,
      speaking: false,
      screen: true,
    });
  for (const p of snapshot.participants) {
    const name = room.getMember(p.userId)?.name ?? p.displayName ?? p.userId;
    const speaking = snapshot.activeSpeakerPeerId === p.peerId;
    tiles.push({
      id: p.peerId,
      isLocal: false,
      name,
      video: p.videoMuted ? null : p.video,
      muted: p.audioMuted,
      speaking,
      screen: false,
      undecryptable: snapshot.undecryptable.has(participantKey(p.userId, p.deviceId)),
    });
    if (p.screen)
      tiles.push({
        id: `${p.peerId}-screen`,
        isLocal: false,
        name: t('call.screenOf', { name }),
        video: p.screen,
        muted: false,
        speaking: false,
        screen: true,
        undecryptable: snapshot.undecryptable.has(participantKey(p.userId, p.deviceId)),
      });
  }
  return tiles;
}

export function CallStage(props: { room: Room; session: CallSession; snapshot: CallSnapshot }) {
  const { room, session, snapshot } = props;
  const client = useClient();
  const { t } = useTranslation();
  const gridRef = useRef<HTMLDivElement>(null);
  const size = useSize(gridRef);
  const [page, setPage] = useState(0);
  const tiles = orderTiles(tilesOf(snapshot, room, client.getSafeUserId(), t), snapshot.activeSpeakerPeerId);
  const layout = gridLayout({ count: tiles.length, width: size.width, height: size.height });
  const shown = pageItems(tiles, layout.perPage, page);
  const layer = cameraLayerFor(size.width / layout.columns);
  useEffect(() => session.engine.setCameraLayer(layer), [session, layer]);
  const { state } = snapshot;
  const now = useNow(state.phase === 'reconnecting');
  return (
    <section className="call-stage" aria-label={t('call.region', { room: room.name })}>
      <div className="call-stage-header">
        {snapshot.encrypted ? (
          <p className="call-encrypted">
            <LockSolidIcon aria-hidden="true" />
            {t('call.encrypted')}
          </p>
        ) : null}
        {state.phase === 'connecting' ? (
          <p role="status" className="call-notice">
            {t('call.connecting')}
          </p>
        ) : null}
        {state.phase === 'reconnecting' ? (
          <p className="call-notice">
            {/* Live: the phase; not live: the seconds, which would be read out every second. */}
            <span role="status">{t('call.reconnecting')}</span>{' '}
            {t('call.reconnectingFor', { seconds: String(Math.max(0, Math.round((now - state.lostAt) / 1000))) })}
          </p>
        ) : null}
      </div>
      <div
        ref={gridRef}
        className="call-grid"
        style={{
          gridTemplateColumns: `repeat(${layout.columns}, minmax(0, 1fr))`,
          gridTemplateRows: `repeat(${layout.rows}, minmax(0, 1fr))`,
        }}
      >
        {shown.items.map((tile) => (
          <ParticipantTile key={tile.id} tile={tile} />
        ))}
      </div>
      {layout.pages > 1 ? (
        <nav className="call-pager" aria-label={t('call.pages')}>
          <button
            type="button"
            className="button button-secondary"
            disabled={shown.page === 0}
            onClick={() => setPage(shown.page - 1)}
          >
            {t('call.previousPage')}
          </button>
          <span>{t('call.pageOf', { page: String(shown.page + 1), pages: String(layout.pages) })}</span>
          <button
            type="button"
            className="button button-secondary"
            disabled={shown.page >= layout.pages - 1}
            onClick={() => setPage(shown.page + 1)}
          >
            {t('call.nextPage')}
          </button>
        </nav>
      ) : null}
      <CallControls session={session} snapshot={snapshot} />
    </section>
  );
}
