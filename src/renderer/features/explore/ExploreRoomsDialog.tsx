// "Explore rooms": the homeserver's public rooms, filtered as one types and paged, each joinable (or
// opened, if already joined); and joining any room by its address.
import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../app/SessionContext.ts';
import { navigate } from '../../app/useHashRoute.ts';
import { joinByAddress, parseRoomAddress, type DirectoryRoom } from '../../matrix/roomDirectory.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { refusalReason } from '../roomSettings/useSave.ts';
import { useDirectory } from './useDirectory.ts';
import '../roomSettings/roomSettings.css';
import './explore.css';

export function ExploreRoomsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const filterId = useId();
  const listId = useId();
  const [filter, setFilter] = useState('');
  const directory = useDirectory(client, filter);
  const [failure, setFailure] = useState<string | null>(null);
  const [joining, setJoining] = useState<string | null>(null);

  async function join(target: string, run: () => Promise<string>) {
    setFailure(null);
    setJoining(target);
    try {
      const roomId = await run();
      onClose();
      navigate({ kind: 'room', roomId });
    } catch (error) {
      setFailure(t('explore.joinFailed', { room: target, reason: refusalReason(error) }));
    } finally {
      setJoining(null);
    }
  }

  function open(room: DirectoryRoom) {
    onClose();
    navigate({ kind: 'room', roomId: room.roomId });
  }

  return (
    <Dialog title={t('explore.title')} open onClose={onClose}>
      <div className="dialog-form">
        <div className="field">
          <label htmlFor={filterId}>{t('explore.filter')}</label>
          <input id={filterId} type="search" value={filter} aria-controls={listId} onChange={(e) => setFilter(e.target.value)} />
        </div>
        <p role="status" className="muted small">
          {directory.status === 'loading'
            ? t('explore.loading')
            : directory.status === 'failed'
              ? t('explore.loadFailed')
              : directory.rooms.length === 0
                ? filter.trim()
                  ? t('explore.noMatch', { query: filter.trim() })
                  : t('explore.empty')
                : t('explore.count', { count: directory.rooms.length })}
        </p>
        <ul id={listId} className="explore-list" aria-label={t('explore.listLabel')}>
          {directory.rooms.map((room) => (
            <DirectoryRow
              key={room.roomId}
              room={room}
              joined={client.getRoom(room.roomId)?.getMyMembership() === 'join'}
              busy={joining !== null}
              onJoin={() => void join(room.name, () => joinByAddress(client, { kind: 'id', value: room.roomId }))}
              onOpen={() => open(room)}
            />
          ))}
        </ul>
        {directory.more ? (
          <button
            type="button"
            className="button button-secondary"
            disabled={directory.status === 'loading'}
            onClick={directory.showMore}
          >
            {t('explore.showMore')}
          </button>
        ) : null}
        <JoinByAddress busy={joining !== null} onJoin={(address, run) => void join(address, run)} />
        {failure ? (
          <p role="alert" className="alert alert-error">
            {failure}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="button button-secondary" onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}

interface RowProps {
  room: DirectoryRoom;
  joined: boolean;
  busy: boolean;
  onJoin: () => void;
  onOpen: () => void;
}

function DirectoryRow({ room, joined, busy, onJoin, onOpen }: RowProps) {
  const { t } = useTranslation();
  const nameId = useId();
  return (
    <li className="explore-row">
      <div className="explore-text">
        <span id={nameId} className="explore-name">
          {room.name}
        </span>
        {room.alias && room.alias !== room.name ? <span className="muted small">{room.alias}</span> : null}
        {room.topic ? <span className="explore-topic">{room.topic}</span> : null}
        <span className="muted small">{t('room.memberCount', { count: room.members })}</span>
      </div>
      {joined ? (
        <button
          type="button"
          className="button button-secondary inline"
          aria-label={t('explore.viewRoom', { name: room.name })}
          onClick={onOpen}
        >
          {t('explore.view')}
        </button>
      ) : room.joinable ? (
        <button
          type="button"
          className="button button-primary inline"
          aria-label={t('explore.joinRoom', { name: room.name })}
          disabled={busy}
          onClick={onJoin}
        >
          {t('explore.join')}
        </button>
      ) : null}
    </li>
  );
}

function JoinByAddress({ busy, onJoin }: { busy: boolean; onJoin: (address: string, run: () => Promise<string>) => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState(false);
  function onSubmit(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    const address = parseRoomAddress(typed);
    setProblem(address === null);
    if (address) onJoin(address.value, () => joinByAddress(client, address));
  }
  return (
    <form className="inline-add explore-address" onSubmit={onSubmit} aria-label={t('explore.byAddress')}>
      <TextField
        label={t('explore.address')}
        hint={problem ? t('explore.addressInvalid') : t('explore.addressHint')}
        aria-invalid={problem}
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
      />
      <button type="submit" className="button button-secondary inline" disabled={busy}>
        {t('explore.joinAddress')}
      </button>
    </form>
  );
}
