import { useTranslation } from 'react-i18next';
import type { RoomSummary } from '../../matrix/roomList.ts';

export function RoomList({ rooms }: { rooms: RoomSummary[] }) {
  const { t } = useTranslation();
  return (
    <nav className="room-nav" aria-label={t('rooms.navLabel')}>
      <h2 className="room-nav-heading">{t('rooms.heading')}</h2>
      {rooms.length === 0 ? (
        <div className="empty-state">
          <p className="empty-title">{t('rooms.empty')}</p>
          <p className="muted small">{t('rooms.emptyHint')}</p>
        </div>
      ) : (
        <ul className="room-list">
          {rooms.map((room) => (
            <li key={room.roomId}>
              <a className="room-link" href={`#/room/${encodeURIComponent(room.roomId)}`}>
                <span className="room-avatar" aria-hidden="true">
                  {initial(room.name)}
                </span>
                <span className="room-name">{room.name}</span>
                {room.kind !== 'room' ? (
                  <span className="visually-hidden">, {t(`rooms.${room.kind === 'dm' ? 'direct' : 'invite'}`)}</span>
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

function initial(name: string): string {
  const first = name.replace(/^[#@!]/, '').trim()[0];
  return first ? first.toUpperCase() : '?';
}
