// The room's call, as the room view shows it: who is in it and a Start/Join button in the header,
// and the call stage under the header while I am in this room's call.
import type { Room } from 'matrix-js-sdk';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isInCall } from '../../calls/callState.ts';
import { callFocusKind, usersInCall } from '../../calls/membership.ts';
import { useCall } from './CallProvider.tsx';
import { CallStage } from './CallStage.tsx';
import { ForeignCallNotice } from './ForeignCallNotice.tsx';
import { useCallMembers } from './useCallMembers.ts';
import './call.css';

/** True while I am in (or joining) this room's call: the room view then makes room for the stage. */
export function useInCallHere(roomId: string): boolean {
  const { session, snapshot } = useCall();
  return session?.roomId === roomId && snapshot !== null && isInCall(snapshot.state);
}

export function RoomCallHeader({ room }: { room: Room }) {
  const { t } = useTranslation();
  const call = useCall();
  const members = useCallMembers(room);
  const [busy, setBusy] = useState(false);
  const inCallHere = useInCallHere(room.roomId);
  const names = usersInCall(members).map((userId) => room.getMember(userId)?.name ?? userId);
  const failure = call.failure?.roomId === room.roomId ? call.failure.error : null;
  const focus = callFocusKind(members);
  return (
    <>
      {names.length > 0 ? (
        <span className="call-presence small">
          <span aria-hidden="true" className="call-presence-dot" />
          {t('call.inCall', { names: names.join(', '), count: names.length })}
        </span>
      ) : null}
      {failure ? (
        <span role="alert" className="call-error small">
          {t(`call.error.${failure}`)}
        </span>
      ) : null}
      {inCallHere ? null : focus.kind === 'foreign' ? (
        <ForeignCallNotice room={room} focusType={focus.focusType} />
      ) : (
        <button
          type="button"
          className="button button-call"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void call.join(room.roomId).finally(() => setBusy(false));
          }}
        >
          {names.length > 0 ? t('call.join') : t('call.start')}
        </button>
      )}
    </>
  );
}

export function RoomCallStage({ room }: { room: Room }) {
  const { session, snapshot } = useCall();
  // An ended call shows no stage: its notice (CallEndedNotice) is app-level, above every room.
  if (session?.roomId !== room.roomId || !snapshot || !isInCall(snapshot.state)) return null;
  return <CallStage room={room} session={session} snapshot={snapshot} />;
}
