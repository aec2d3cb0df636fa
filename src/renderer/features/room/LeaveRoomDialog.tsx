// "Leave room?": leaving is easy to do by mistake and, in a private room, hard to undo (it takes a new
// invitation), so it is asked first, with what it would mean for this room. Forgetting the room as well
// removes it from the account's history on the server (the spec's /forget).
import { EventTimeline, EventType, JoinRule, type Room } from 'matrix-js-sdk';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../ui/Dialog.tsx';

export interface LeaveRoomDialogProps {
  room: Room;
  open: boolean;
  onClose: () => void;
  onLeave: (forget: boolean) => void;
}

export function LeaveRoomDialog({ room, open, onClose, onLeave }: LeaveRoomDialogProps) {
  const { t } = useTranslation();
  const forgetId = useId();
  const [forget, setForget] = useState(false);
  const joinRule: unknown = room
    .getLiveTimeline()
    .getState(EventTimeline.FORWARDS)
    ?.getStateEvents(EventType.RoomJoinRules, '')
    ?.getContent().join_rule;
  const isPrivate = joinRule !== JoinRule.Public;
  const lastMember = room.getJoinedMemberCount() <= 1;
  return (
    <Dialog title={t('leave.title')} open={open} onClose={onClose}>
      <div className="dialog-form">
        <p>{t('leave.explain', { name: room.name })}</p>
        {isPrivate ? <p className="alert alert-warning">{t('leave.private')}</p> : null}
        {lastMember ? <p className="alert alert-warning">{t('leave.lastMember')}</p> : null}
        <label className="checkbox" htmlFor={forgetId}>
          <input id={forgetId} type="checkbox" checked={forget} onChange={(event) => setForget(event.target.checked)} />{' '}
          {t('leave.forget')}
        </label>
        <div className="dialog-actions">
          <button type="button" className="button button-secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className="button button-danger inline" onClick={() => onLeave(forget)}>
            {t('leave.confirm')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
