// The call while another room is on screen: a persistent "Call" region with the call's room, its
// duration (or that it is reconnecting), mute, Return to call and Leave. Self-contained (reads the
// call from CallProvider, the open room from its prop), so the app shell can place it anywhere.
import { useTranslation } from 'react-i18next';
import { useClient } from '../../app/SessionContext.ts';
import { roomHref } from '../../app/useHashRoute.ts';
import { isInCall } from '../../calls/callState.ts';
import { CallEndedNotice } from './CallEndedNotice.tsx';
import { useCall } from './CallProvider.tsx';
import { formatDuration, useNow } from './useNow.ts';
import './call.css';

export function CallBar({ openRoomId }: { openRoomId: string | null }) {
  const { t } = useTranslation();
  const client = useClient();
  const call = useCall();
  const { session, snapshot } = call;
  const state = snapshot?.state;
  const away = session !== null && state !== undefined && isInCall(state) && openRoomId !== session.roomId;
  const now = useNow(away);
  if (!session || !snapshot || !state) return null;
  if (!away) return <CallEndedNotice />;
  const room = client.getRoom(session.roomId)?.name ?? session.roomId;
  let status: string;
  let elapsed: string | null = null;
  if (state.phase === 'joined') {
    status = t('call.bar.duration', { duration: formatDuration(now - state.since) });
  } else if (state.phase === 'reconnecting') {
    status = t('call.bar.reconnecting');
    elapsed = t('call.reconnectingFor', { seconds: String(Math.max(0, Math.round((now - state.lostAt) / 1000))) });
  } else status = t('call.connecting');
  return (
    <section className="call-bar" aria-label={t('call.bar.label')}>
      <span className="call-bar-room">{t('call.bar.roomName', { room })}</span>
      {/* Only the phase is live: a duration ticking every second would be read out every second. */}
      {state.phase === 'joined' ? (
        <span className="call-bar-status small">{status}</span>
      ) : (
        <span className="call-bar-status small">
          <span role="status">{status}</span> {elapsed}
        </span>
      )}
      <button type="button" className="button button-secondary" onClick={() => void session.toggleMicrophone()}>
        {snapshot.micOn ? t('call.mute') : t('call.unmute')}
      </button>
      <a className="button button-secondary" href={roomHref(session.roomId)}>
        {t('call.bar.returnTo')}
      </a>
      <button type="button" className="button button-danger" onClick={() => void call.leave()}>
        {t('call.bar.leave')}
      </button>
    </section>
  );
}
