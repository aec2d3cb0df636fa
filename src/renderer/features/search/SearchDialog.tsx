// "Search messages": searches what this device holds (the encrypted local index), so it works
// offline and in encrypted rooms, where the server cannot search for us.
import { useEffect, useId, useMemo, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchHit } from '../../matrix/search/messageIndex.ts';
import { useSession } from '../../app/SessionContext.ts';
import { navigate } from '../../app/useHashRoute.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { TextField } from '../../ui/TextField.tsx';

export interface SearchDialogProps {
  open: boolean;
  onClose: () => void;
}

export function SearchDialog({ open, onClose }: SearchDialogProps) {
  const { t, i18n } = useTranslation();
  const { client, search } = useSession();
  const [query, setQuery] = useState('');
  /** '' searches every room. */
  const [roomId, setRoomId] = useState('');
  const roomFieldId = useId();
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    let current = true;
    void search.ready.then(() => current && setLoaded(true));
    return () => {
      current = false;
    };
  }, [search]);
  // The index is in memory: searching it on each keystroke takes milliseconds, even offline.
  // Results follow the index while the dialog is open: a message arriving (or just sent) shows up.
  const indexVersion = useSyncExternalStore(
    (onChange) => search.index.subscribe(onChange),
    () => search.index.version(),
  );
  const hits: SearchHit[] | null = useMemo(
    () => (loaded && query.trim() ? search.index.search(query.trim(), 50, roomId || undefined) : null),
    // indexVersion: recompute when the index changes, not only when the query does.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [loaded, query, roomId, search, indexVersion],
  );
  // Listed when the dialog opens: rooms joined since come with the next opening.
  const rooms = useMemo(
    () =>
      open
        ? client
            .getRooms()
            .filter((room) => room.getMyMembership() === 'join')
            .map((room) => ({ roomId: room.roomId, name: room.name }))
            .sort((a, b) => a.name.localeCompare(b.name, i18n.language))
        : [],
    [client, open, i18n.language],
  );
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <Dialog title={t('search.title')} open={open} onClose={onClose}>
      <form className="dialog-form" role="search" onSubmit={(e) => e.preventDefault()}>
        <TextField
          label={t('search.label')}
          hint={t('search.hint')}
          type="search"
          value={query}
          autoComplete="off"
          onChange={(e) => setQuery(e.target.value)}
        />
        <div className="field">
          <label htmlFor={roomFieldId}>{t('search.room')}</label>
          <select id={roomFieldId} className="select" value={roomId} onChange={(e) => setRoomId(e.target.value)}>
            <option value="">{t('search.allRooms')}</option>
            {rooms.map((room) => (
              <option key={room.roomId} value={room.roomId}>
                {room.name}
              </option>
            ))}
          </select>
        </div>
        <p className="muted small" role="status">
          {hits === null ? '' : t('search.count', { count: hits.length })}
        </p>
        {hits && hits.length > 0 ? (
          <ul className="search-results" aria-label={t('search.results')}>
            {hits.map((hit) => (
              <li key={hit.eventId}>
                <button
                  type="button"
                  className="search-result"
                  onClick={() => {
                    navigate({ kind: 'room', roomId: hit.roomId, eventId: hit.eventId });
                    onClose();
                  }}
                >
                  <span className="search-result-meta">
                    {client.getRoom(hit.roomId)?.name ?? hit.roomId} · {hit.senderName} · {when.format(hit.timestamp)}
                  </span>
                  <span>{hit.snippet}</span>
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="button button-secondary" onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
