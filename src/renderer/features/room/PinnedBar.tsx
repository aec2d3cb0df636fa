// "Pinned messages", under the room header while the room has pins: the newest pin's sender and text,
// "1 of 3" and a button to go to the next, the message itself opening it in the timeline, and Unpin
// for those allowed to.
import PinIcon from '@vector-im/compound-design-tokens/assets/web/icons/pin';
import ChevronDownIcon from '@vector-im/compound-design-tokens/assets/web/icons/chevron-down';
import { MatrixEvent, type MatrixClient, type Room } from 'matrix-js-sdk';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/SessionContext.ts';
import { navigate } from '../../app/useHashRoute.ts';
import { clampPosition, nextPosition, pinnedAt } from '../../matrix/pinnedEvents.ts';
import { stripReplyFallback } from '../../matrix/timeline.ts';
import { rendererLogger } from '../../platform/log.ts';
import './pinnedBar.css';

const log = rendererLogger('pins');

export interface PinnedBarProps {
  room: Room;
  ids: readonly string[];
  canUnpin: boolean;
  onUnpin: (eventId: string) => void;
}

type Shown = { state: 'loading' } | { state: 'missing' } | { state: 'ok'; sender: string; text: string };

export function PinnedBar({ room, ids, canUnpin, onUnpin }: PinnedBarProps) {
  const { t } = useTranslation();
  const [position, setPosition] = useState(0);
  const shownPosition = clampPosition(position, ids.length);
  const eventId = pinnedAt(ids, shownPosition);
  const shown = usePinnedMessage(room, eventId);
  if (!eventId) return null;
  const text = shown.state === 'ok' ? shown.text : t(shown.state === 'loading' ? 'pinned.loading' : 'pinned.unavailable');
  const sender = shown.state === 'ok' ? shown.sender : '';
  return (
    <section className="pinned-bar" aria-label={t('pinned.region')}>
      <PinIcon aria-hidden="true" className="pinned-bar-icon" />
      <button
        type="button"
        className="pinned-bar-message"
        onClick={() => navigate({ kind: 'room', roomId: room.roomId, eventId })}
      >
        <span className="pinned-bar-position">
          {t('pinned.region')} · {t('pinned.position', { index: shownPosition + 1, count: ids.length })}
        </span>
        <span className="pinned-bar-text">
          {sender ? <span className="pinned-bar-sender">{t('pinned.sender', { name: sender })} </span> : null}
          {text}
        </span>
      </button>
      {ids.length > 1 ? (
        <button
          type="button"
          className="pinned-bar-button"
          aria-label={t('pinned.next')}
          title={t('pinned.next')}
          onClick={() => setPosition(nextPosition(shownPosition, ids.length))}
        >
          <ChevronDownIcon aria-hidden="true" />
        </button>
      ) : null}
      {canUnpin ? (
        <button type="button" className="button button-secondary pinned-bar-unpin" onClick={() => onUnpin(eventId)}>
          {t('pinned.unpin')}
        </button>
      ) : null}
    </section>
  );
}

/**
 * The pinned message's sender and text: from the loaded timeline when it is there, otherwise fetched
 * from the server (and decrypted), since a pin can be far older than what the room has loaded.
 */
function usePinnedMessage(room: Room, eventId: string | null): Shown {
  const { client } = useSession();
  const [loaded, setLoaded] = useState<ReadonlyMap<string, Shown>>(new Map());
  const local = eventId ? room.findEventById(eventId) : undefined;
  useEffect(() => {
    if (!eventId || local || loaded.has(eventId)) return;
    let current = true;
    void fetchPinned(client, room, eventId).then((shown) => {
      if (current) setLoaded((m) => new Map(m).set(eventId, shown));
    });
    return () => {
      current = false;
    };
  }, [client, room, eventId, local, loaded]);
  if (!eventId) return { state: 'missing' };
  if (local) return describe(room, local);
  return loaded.get(eventId) ?? { state: 'loading' };
}

async function fetchPinned(client: MatrixClient, room: Room, eventId: string): Promise<Shown> {
  try {
    const event = new MatrixEvent(await client.fetchRoomEvent(room.roomId, eventId));
    if (event.isEncrypted()) await client.decryptEventIfNeeded(event);
    return describe(room, event);
  } catch (error) {
    log.swallow('loading a pinned message', 'info')(error);
    return { state: 'missing' };
  }
}

function describe(room: Room, event: MatrixEvent): Shown {
  if (event.isRedacted() || event.isDecryptionFailure()) return { state: 'missing' };
  const replacement = event.replacingEvent()?.getContent()['m.new_content'] as { body?: unknown } | undefined;
  const body: unknown = replacement?.body ?? event.getContent().body;
  if (typeof body !== 'string') return { state: 'missing' };
  const sender = event.getSender() ?? '';
  return { state: 'ok', sender: room.getMember(sender)?.name ?? sender, text: stripReplyFallback(body).replace(/\s+/g, ' ') };
}
