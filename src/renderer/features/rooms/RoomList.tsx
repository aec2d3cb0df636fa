import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { roomHref } from '../../app/useHashRoute.ts';
import { filterRooms } from '../../matrix/roomFilter.ts';
import type { AvatarCache } from '../../matrix/avatars.ts';
import type { RoomSummary } from '../../matrix/roomList.ts';
import { useListViewport, type ListView } from './useSyncWindow.ts';

export interface RoomListProps {
  rooms: RoomSummary[];
  activeRoomId: string | null;
  /** Told which rows are on screen and the filter, so sliding sync can load further ranges. */
  onView?: (view: ListView) => void;
  /** Where room pictures come from; without it, every room shows its initial. */
  avatars?: AvatarCache;
}

export function RoomList({ rooms, activeRoomId, onView, avatars }: RoomListProps) {
  const { t } = useTranslation();
  const navRef = useRef<HTMLElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const [query, setQuery] = useState('');
  const filterId = useId();
  const visible = filterRooms(rooms, query);
  useListViewport(navRef, listRef, query, visible.length, onView);

  // Up/Down move between rooms, Home/End jump; Tab still leaves the list.
  function onKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    const links = [...(listRef.current?.querySelectorAll<HTMLAnchorElement>('a.room-link') ?? [])];
    const index = links.findIndex((l) => l === document.activeElement);
    const next = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: links.length - 1 }[event.key];
    if (next === undefined || links.length === 0) return;
    event.preventDefault();
    links[Math.max(0, Math.min(links.length - 1, next))]?.focus();
  }

  return (
    <nav className="room-nav" ref={navRef} aria-label={t('rooms.navLabel')}>
      <h2 className="room-nav-heading">{t('rooms.heading')}</h2>
      {rooms.length > 0 ? (
        <div className="room-filter">
          <label htmlFor={filterId} className="visually-hidden">
            {t('rooms.filter')}
          </label>
          <input
            id={filterId}
            type="search"
            placeholder={t('rooms.filterPlaceholder')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') {
                e.preventDefault();
                listRef.current?.querySelector<HTMLAnchorElement>('a.room-link')?.focus();
              }
            }}
          />
        </div>
      ) : null}
      {rooms.length > 0 && visible.length === 0 ? (
        <p className="muted small empty-state" role="status">
          {t('rooms.noMatch', { query })}
        </p>
      ) : null}
      {rooms.length === 0 ? (
        <div className="empty-state">
          <p className="empty-title">{t('rooms.empty')}</p>
          <p className="muted small">{t('rooms.emptyHint')}</p>
        </div>
      ) : (
        <ul className="room-list" ref={listRef} onKeyDown={onKeyDown}>
          {visible.map((room) => (
            <li key={room.roomId}>
              <a
                className="room-link"
                href={roomHref(room.roomId)}
                aria-current={room.roomId === activeRoomId ? 'page' : undefined}
                aria-describedby={room.preview ? previewId(room.roomId) : undefined}
              >
                <RoomAvatar name={room.name} mxc={room.avatarMxc} avatars={avatars} />
                <span className="room-text">
                  <span className="room-name">{room.name}</span>
                  {room.preview ? (
                    // The room's name stays the link's name; the last message is its description.
                    <span className="room-preview" id={previewId(room.roomId)} aria-hidden="true">
                      {room.preview}
                    </span>
                  ) : null}
                </span>
                {room.kind !== 'room' ? (
                  <span className="visually-hidden">, {t(`rooms.${room.kind === 'dm' ? 'direct' : 'invite'}`)}</span>
                ) : null}
                {room.kind === 'invite' ? (
                  <span className="badge badge-invite" aria-hidden="true">
                    {t('rooms.invite')}
                  </span>
                ) : null}
                {room.unread > 0 ? (
                  <span className={room.mentions > 0 ? 'badge badge-mention' : 'badge'}>
                    <span aria-hidden="true">{room.unread}</span>
                    <span className="visually-hidden">
                      {room.mentions > 0
                        ? t('rooms.mentions', { count: room.mentions })
                        : t('rooms.unread', { count: room.unread })}
                    </span>
                  </span>
                ) : null}
              </a>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}

/** Room ids contain characters (!, :) that are valid in an id attribute; prefixed to stay unique. */
function previewId(roomId: string): string {
  return `room-preview-${roomId}`;
}

/** The room's picture once fetched; its initial until then, or when it has none. */
function RoomAvatar({ name, mxc, avatars }: { name: string; mxc: string | undefined; avatars: AvatarCache | undefined }) {
  // Keyed by the URI, so a room whose avatar changed shows its initial until the new one arrives.
  const [loaded, setLoaded] = useState<{ mxc: string; url: string | null } | null>(null);
  useEffect(() => {
    let live = true;
    if (mxc && avatars) void avatars.get(mxc).then((url) => live && setLoaded({ mxc, url }));
    return () => {
      live = false;
    };
  }, [mxc, avatars]);
  const url = loaded && loaded.mxc === mxc ? loaded.url : null;
  return (
    <span className="room-avatar" aria-hidden="true">
      {url ? <img src={url} alt="" /> : initial(name)}
    </span>
  );
}

function initial(name: string): string {
  const first = name.replace(/^[#@!]/, '').trim()[0];
  return first ? first.toUpperCase() : '?';
}
