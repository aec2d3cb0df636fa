// The call screen for the room: participant grid (paged past what fits), call controls, and the
// reconnecting notice. Who speaks is highlighted by a ring and a "Speaking" badge (not colour alone).
// A shared screen takes the main stage and the others become a strip. Only the remote tiles on
// screen are received (useSubscriptionView.ts), each at the layer its width needs.
import type { Room } from 'matrix-js-sdk';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import LockSolidIcon from '@vector-im/compound-design-tokens/assets/web/icons/lock-solid';
import type { TFunction } from 'i18next';
import { useClient } from '../../app/SessionContext.ts';
import type { CallSnapshot } from '../../calls/engine.ts';
import { gridLayout, orderTiles, pageItems, splitStage } from '../../calls/grid.ts';
import type { VisibleTile } from '../../calls/subscriptionPlan.ts';
import type { CallSession } from './callSession.ts';
import { CallControls } from './CallControls.tsx';
import { CallPager } from './CallPager.tsx';
import { ParticipantTile, type TileModel } from './ParticipantTile.tsx';
import { participantKey } from '../../calls/e2ee/rotation.ts';
import { useNow } from './useNow.ts';
import { useSubscriptionView } from './useSubscriptionView.ts';
import './callStage.css';

/**
 * Height of the strip under a shared screen: a row of the smallest legible tiles (240 × 135), less in a
 * short call area, where the screen keeps most of the height.
 */
const stripHeight = (gridHeight: number) => Math.round(Math.min(135, Math.max(72, gridHeight * 0.3)));
/** The grid's gap in pixels (--cpd-space-2x), for the tile widths the layers are chosen from. */
const GAP = 8;

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
      peerId: null,
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
      peerId: null,
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
      peerId: p.peerId,
      isLocal: false,
      name,
      video: p.videoMuted ? null : p.video,
      muted: p.audioMuted,
      speaking,
      screen: false,
      undecryptable: snapshot.undecryptable.has(participantKey(p.userId, p.deviceId)),
    });
    if (p.sharingScreen)
      tiles.push({
        id: `${p.peerId}-screen`,
        peerId: p.peerId,
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

/** The remote tiles shown, with their width, for the subscription plan. */
function visibleTiles(tiles: readonly TileModel[], width: number): VisibleTile[] {
  return tiles.flatMap((tile) =>
    tile.peerId === null ? [] : [{ peerId: tile.peerId, source: tile.screen ? 'screen' : 'camera', width } as const],
  );
}

const tileWidth = (width: number, columns: number) => Math.max(0, (width - GAP * (columns - 1)) / columns);

export function CallStage(props: { room: Room; session: CallSession; snapshot: CallSnapshot }) {
  const { room, session, snapshot } = props;
  const client = useClient();
  const { t } = useTranslation();
  const gridRef = useRef<HTMLDivElement>(null);
  const size = useSize(gridRef);
  const [page, setPage] = useState(0);
  const tiles = orderTiles(tilesOf(snapshot, room, client.getSafeUserId(), t), snapshot.recentSpeakers);
  const { stage, strip } = splitStage(tiles);
  const paged = stage ? strip : tiles;
  const stripTall = stripHeight(size.height);
  // Strip tiles keep the video's 16:9 shape (a full-width row of slivers would crop faces).
  const stripTileWidth = Math.floor((stripTall * 16) / 9);
  const layout = stage
    ? gridLayout({ count: strip.length, width: size.width, height: stripTall, gap: GAP, minTileWidth: stripTileWidth })
    : gridLayout({ count: tiles.length, width: size.width, height: size.height, gap: GAP });
  const shown = pageItems(paged, layout.perPage, page);
  useSubscriptionView(session, [
    ...(stage ? visibleTiles([stage], size.width) : []),
    ...visibleTiles(shown.items, stage ? stripTileWidth : tileWidth(size.width, layout.columns)),
  ]);
  const { state } = snapshot;
  const now = useNow(state.phase === 'reconnecting');
  const columns = `repeat(${layout.columns}, minmax(0, 1fr))`;
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
      {/* One element in both layouts: its size is observed once (useSize). */}
      <div
        ref={gridRef}
        className={stage ? 'call-grid call-grid-staged' : 'call-grid'}
        style={
          stage
            ? { gridTemplateRows: `minmax(0, 1fr) ${stripTall}px` }
            : { gridTemplateColumns: columns, gridTemplateRows: `repeat(${layout.rows}, minmax(0, 1fr))` }
        }
      >
        {stage ? (
          <>
            <ParticipantTile key={stage.id} tile={stage} />
            <div className="call-strip" style={{ gridTemplateColumns: `repeat(${layout.columns}, ${stripTileWidth}px)` }}>
              {shown.items.map((tile) => (
                <ParticipantTile key={tile.id} tile={tile} />
              ))}
            </div>
          </>
        ) : (
          shown.items.map((tile) => <ParticipantTile key={tile.id} tile={tile} />)
        )}
      </div>
      <CallPager page={shown.page} pages={layout.pages} onPage={setPage} />
      <CallControls session={session} snapshot={snapshot} />
    </section>
  );
}
