import { MarkAsReadIcon } from '@vector-im/compound-design-tokens/assets/web/icons';
import type { TFunction } from 'i18next';
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { roomHref } from '../../app/useHashRoute.ts';
import { withFoundRooms } from '../../matrix/namedRooms.ts';
import { filterRooms } from '../../matrix/roomFilter.ts';
import type { AvatarCache } from '../../matrix/avatars.ts';
import type { RoomSummary } from '../../matrix/roomList.ts';
import { groupRooms, type RoomSection } from '../../matrix/roomSections.ts';
import { hasUnread, roomLinkLabel } from './roomLinkLabel.ts';
import { RoomOptionsMenu, type RoomOptionsHandlers } from './RoomOptionsMenu.tsx';
import { useAvatarUrl } from './useAvatarCache.ts';
import { useFoundRooms, type FindRooms } from './useFoundRooms.ts';
import { useListViewport, type ListView } from './useSyncWindow.ts';
import './roomList.css';

export interface RoomListProps {
  rooms: RoomSummary[];
  /** Some rooms are not known yet (a large account, right after sign-in): a filter says so. */
  stillLoading?: boolean;
  /** Asks the server for rooms named like the filter, while the list is still loading. */
  findRooms?: FindRooms;
  activeRoomId: string | null;
  /** Told which rows are on screen and the filter, so sliding sync can load further ranges. */
  onView?: (view: ListView) => void;
  /** Where room pictures come from; without it, every room shows its initial. */
  avatars?: AvatarCache;
  /** "Mark as read" on a row; without it, the button is not offered. */
  onMarkRead?: (roomId: string) => void;
  /** A "…" menu per joined room (Favourite, Low priority, Mark as read, Leave); without it, none. */
  options?: RoomOptionsHandlers;
}

export function RoomList({
  rooms,
  stillLoading = false,
  findRooms,
  activeRoomId,
  onView,
  avatars,
  onMarkRead,
  options,
}: RoomListProps) {
  const { t } = useTranslation();
  const navRef = useRef<HTMLElement>(null);
  const sectionsRef = useRef<HTMLDivElement>(null);
  const [query, setQuery] = useState('');
  const filterId = useId();
  const found = useFoundRooms(query, stillLoading, findRooms);
  const visible = filterRooms(withFoundRooms(rooms, found), query);
  const sections = groupRooms(visible);
  useListViewport(navRef, sectionsRef, query, visible.length, onView);

  // Up/Down move between rooms across sections, Home/End jump; Tab still leaves the list (through
  // the "Mark as read" buttons, which are in the tab order).
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const links = [...(sectionsRef.current?.querySelectorAll<HTMLAnchorElement>('a.room-link') ?? [])];
    const index = links.findIndex((l) => l === document.activeElement);
    const next = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: links.length - 1 }[event.key];
    if (next === undefined || links.length === 0) return;
    event.preventDefault();
    links[Math.max(0, Math.min(links.length - 1, next))]?.focus();
  }

  return (
    <nav className="room-nav" ref={navRef} aria-label={t('rooms.navLabel')}>
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
                sectionsRef.current?.querySelector<HTMLAnchorElement>('a.room-link')?.focus();
              }
            }}
          />
        </div>
      ) : null}
      {/* One live region for what the filter found so far: "still loading" until every name is known. */}
      <p className="muted small room-filter-status" role="status">
        {query.trim() === '' || rooms.length === 0
          ? null
          : stillLoading
            ? t('rooms.stillLoading')
            : visible.length === 0
              ? t('rooms.noMatch', { query })
              : null}
      </p>
      {rooms.length === 0 ? (
        <div className="empty-state">
          <p className="empty-title">{t('rooms.empty')}</p>
          <p className="muted small">{t('rooms.emptyHint')}</p>
        </div>
      ) : (
        <div className="room-sections" ref={sectionsRef} onKeyDown={onKeyDown}>
          {sections.map((section) => (
            <RoomListSection
              key={section.id}
              section={section}
              activeRoomId={activeRoomId}
              avatars={avatars}
              onMarkRead={onMarkRead}
              options={options}
            />
          ))}
        </div>
      )}
    </nav>
  );
}

interface SectionProps {
  section: RoomSection;
  activeRoomId: string | null;
  avatars: AvatarCache | undefined;
  onMarkRead: ((roomId: string) => void) | undefined;
  options: RoomOptionsHandlers | undefined;
}

/** One labelled group: its heading names the list for screen readers (group "People", list of 3). */
function RoomListSection({ section, activeRoomId, avatars, onMarkRead, options }: SectionProps) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <div className="room-section" role="group" aria-labelledby={headingId}>
      <h3 className="room-section-heading" id={headingId}>
        {t(`rooms.sections.${section.id}`)}
      </h3>
      <ul className="room-list">
        {section.rooms.map((room) => (
          <RoomRow
            key={room.roomId}
            t={t}
            room={room}
            active={room.roomId === activeRoomId}
            avatars={avatars}
            onMarkRead={onMarkRead}
            options={options}
          />
        ))}
      </ul>
    </div>
  );
}

interface RowProps {
  /** The section's: one translation hook per section, not per row (thousands on a large account). */
  t: TFunction;
  room: RoomSummary;
  active: boolean;
  avatars: AvatarCache | undefined;
  onMarkRead: ((roomId: string) => void) | undefined;
  options: RoomOptionsHandlers | undefined;
}

function RoomRow({ t, room, active, avatars, onMarkRead, options }: RowProps) {
  const linkRef = useRef<HTMLAnchorElement>(null);
  const unread = hasUnread(room);
  const markLabel = t('rooms.markRead', { name: room.name });
  return (
    <li className={unread ? 'room-row room-row-unread' : 'room-row'} data-room-row="">
      <a
        ref={linkRef}
        className="room-link"
        href={roomHref(room.roomId)}
        aria-current={active ? 'page' : undefined}
        // The whole row in words: name, kind, counts (roomLinkLabel.ts). The last message is its description.
        aria-label={roomLinkLabel(room, t)}
        aria-describedby={room.preview ? previewId(room.roomId) : undefined}
      >
        <RoomAvatar name={room.name} mxc={room.avatarMxc} avatars={avatars} />
        <span className="room-text">
          <span className="room-name">{room.name}</span>
          {room.preview ? (
            <span className="room-preview" id={previewId(room.roomId)} aria-hidden="true">
              {room.preview}
            </span>
          ) : null}
        </span>
        {room.kind === 'invite' ? (
          <span className="room-badge room-badge-invite" aria-hidden="true">
            {t('rooms.invite')}
          </span>
        ) : null}
        {unread ? <UnreadBadge unread={room.unread} mentions={room.mentions} /> : null}
      </a>
      {unread && onMarkRead ? (
        // Beside the link, never inside it: a button in a link is neither reachable nor announced.
        <button
          type="button"
          className="room-mark-read"
          aria-label={markLabel}
          title={markLabel}
          onClick={() => {
            onMarkRead(room.roomId);
            // The button goes once the room is read: focus stays on the row, whose name now says so.
            linkRef.current?.focus();
          }}
        >
          <MarkAsReadIcon aria-hidden="true" />
        </button>
      ) : null}
      {/* An invitation's choices (accept, decline) are in the room itself. */}
      {options && room.kind !== 'invite' ? <RoomOptionsMenu t={t} room={room} handlers={options} /> : null}
    </li>
  );
}

/**
 * The count of unread messages; a mention turns it to the highlight colour and adds "@", so it does
 * not rest on colour alone (WCAG 1.4.1). Hidden from screen readers: the link's name says it.
 */
function UnreadBadge({ unread, mentions }: { unread: number; mentions: number }) {
  return (
    <span className={mentions > 0 ? 'room-badge room-badge-mention' : 'room-badge room-badge-unread'} aria-hidden="true">
      {mentions > 0 ? '@ ' : ''}
      {Math.max(unread, mentions)}
    </span>
  );
}

/** Room ids contain characters (!, :) that are valid in an id attribute; prefixed to stay unique. */
function previewId(roomId: string): string {
  return `room-preview-${roomId}`;
}

/** The room's picture once fetched; its initial until then, or when it has none. */
function RoomAvatar({ name, mxc, avatars }: { name: string; mxc: string | undefined; avatars: AvatarCache | undefined }) {
  const url = useAvatarUrl(mxc, avatars);
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
