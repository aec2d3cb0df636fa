// "Forward message": the rooms one is in, a filter, and a Send button per room. The copy goes through
// the outbox like any message (sendForward), so it is sent exactly once, offline included.
import type { Room } from 'matrix-js-sdk';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/SessionContext.ts';
import { sendForward } from '../../matrix/sendActions.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { TextField } from '../../ui/TextField.tsx';

export interface ForwardDialogProps {
  /** The message's content as it reads now; null while the dialog is closed. */
  content: Readonly<Record<string, unknown>> | null;
  onClose: () => void;
}

type SendState = 'sending' | 'sent' | 'failed';

export function ForwardDialog({ content, onClose }: ForwardDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog title={t('forward.title')} open={content !== null} onClose={onClose}>
      {/* Mounted per opening, so the filter and the "Sent" marks start afresh. */}
      {content ? <ForwardRooms content={content} /> : null}
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}

function ForwardRooms({ content }: { content: Readonly<Record<string, unknown>> }) {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const [filter, setFilter] = useState('');
  const [states, setStates] = useState<ReadonlyMap<string, SendState>>(new Map());
  const collator = new Intl.Collator(i18n.language, { sensitivity: 'base' });
  const wanted = filter.trim().toLocaleLowerCase();
  const rooms = session.client
    .getRooms()
    .filter((room) => room.getMyMembership() === 'join')
    .filter((room) => wanted === '' || room.name.toLocaleLowerCase().includes(wanted))
    .sort((a, b) => collator.compare(a.name, b.name));

  async function send(room: Room) {
    setStates((s) => new Map(s).set(room.roomId, 'sending'));
    try {
      await sendForward(session, room.roomId, content);
      setStates((s) => new Map(s).set(room.roomId, 'sent'));
    } catch {
      setStates((s) => new Map(s).set(room.roomId, 'failed'));
    }
  }

  return (
    <>
      <TextField label={t('forward.filter')} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} autoFocus />
      {rooms.length === 0 ? <p className="muted">{t('forward.none')}</p> : null}
      <ul className="forward-rooms" aria-label={t('forward.rooms')}>
        {rooms.map((room) => (
          <ForwardRow key={room.roomId} room={room} state={states.get(room.roomId)} onSend={() => void send(room)} />
        ))}
      </ul>
    </>
  );
}

function ForwardRow({ room, state, onSend }: { room: Room; state: SendState | undefined; onSend: () => void }) {
  const { t } = useTranslation();
  const nameId = useId();
  const buttonId = useId();
  const done = state === 'sent' || state === 'sending';
  return (
    <li className="forward-room">
      <span id={nameId} className="forward-room-name">
        {room.name}
      </span>
      {/* The button stays (and keeps the focus) once used: its text says what happened. */}
      <button
        id={buttonId}
        type="button"
        className={state === 'sent' ? 'button button-secondary forward-sent' : 'button button-secondary'}
        aria-labelledby={`${buttonId} ${nameId}`}
        aria-disabled={done}
        onClick={() => {
          if (!done) onSend();
        }}
      >
        {state === 'sent' ? t('forward.sent') : state === 'failed' ? t('forward.failed') : t('forward.send')}
      </button>
    </li>
  );
}
