// "Switch room" (Ctrl/Cmd+K): type part of a room's name, pick it with the arrows and Enter. A combobox
// and its listbox, so screen readers announce the highlighted room as the arrows move. Rendered only
// while open, so each opening starts empty; the dialog focuses the field, its first control.
import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../app/useHashRoute.ts';
import { filterRooms } from '../../matrix/roomFilter.ts';
import type { RoomSummary } from '../../matrix/roomList.ts';
import { Dialog } from '../../ui/Dialog.tsx';

/** Enough to pick from; typing narrows the rest. */
const MAX_CHOICES = 12;

export interface SwitchRoomDialogProps {
  open: boolean;
  onClose: () => void;
  rooms: readonly RoomSummary[];
}

export function SwitchRoomDialog({ open, onClose, rooms }: SwitchRoomDialogProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const inputId = useId();
  const listId = useId();
  const choices = filterRooms(rooms, query).slice(0, MAX_CHOICES);
  const highlighted = Math.min(active, choices.length - 1);

  function choose(room: RoomSummary | undefined) {
    if (!room) return;
    navigate({ kind: 'room', roomId: room.roomId });
    onClose();
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const step = { ArrowDown: 1, ArrowUp: -1 }[event.key];
    if (step !== undefined && choices.length > 0) {
      event.preventDefault();
      setActive((highlighted + step + choices.length) % choices.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      choose(choices[highlighted]);
    }
  }

  return (
    <Dialog title={t('switchRoom.title')} open={open} onClose={onClose}>
      <div className="switch-room">
        <label htmlFor={inputId} className="visually-hidden">
          {t('switchRoom.label')}
        </label>
        <input
          id={inputId}
          type="text"
          role="combobox"
          autoComplete="off"
          placeholder={t('switchRoom.placeholder')}
          aria-expanded={choices.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={choices.length > 0 ? `${listId}-${highlighted}` : undefined}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        <ul id={listId} role="listbox" aria-label={t('switchRoom.results')} className="switch-room-list">
          {choices.map((room, index) => (
            <li
              key={room.roomId}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === highlighted}
              onMouseDown={(event) => {
                event.preventDefault();
                choose(room);
              }}
            >
              <span className="switch-room-name">{room.name}</span>
              {room.unread > 0 ? <span className="muted small">{t('rooms.unread', { count: room.unread })}</span> : null}
            </li>
          ))}
        </ul>
        {choices.length === 0 ? (
          <p className="muted small" role="status">
            {t('rooms.noMatch', { query })}
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
