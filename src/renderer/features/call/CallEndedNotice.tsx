// Why the call ended, shown whichever room is open (the call belongs to the app, not to a room
// view): removed from the room, or the call server unreachable past the retry window — then with
// Rejoin, and a word that Relais keeps watching for the server to come back.
import { useTranslation } from 'react-i18next';
import { useClient } from '../../app/SessionContext.ts';
import type { CallState } from '../../calls/callState.ts';
import { nextProbeDelayMs } from '../../calls/outageProbe.ts';
import { useCall } from './CallProvider.tsx';
import { useNow } from './useNow.ts';

export function CallEndedNotice() {
  const { t } = useTranslation();
  const client = useClient();
  const call = useCall();
  const state: CallState | undefined = call.snapshot?.state;
  const outage = state?.phase === 'ended' && state.reason.kind === 'sfu-unreachable';
  const now = useNow(outage, 5_000);
  if (!call.session || !state || (state.phase !== 'ended' && state.phase !== 'failed')) return null;
  const room = client.getRoom(call.session.roomId)?.name ?? call.session.roomId;
  let message: string;
  if (state.phase === 'failed') message = `${t('call.ended.failed', { room })} ${t(`call.error.${state.error}`)}`;
  else if (state.reason.kind === 'removed') message = t(`call.ended.${state.reason.removal}`);
  else message = t('call.ended.sfu-unreachable', { room });
  const probing = state.phase === 'ended' && state.reason.kind === 'sfu-unreachable' && nextProbeDelayMs(state.at, now) !== null;
  return (
    <section className="call-ended" aria-label={t('call.ended.label')}>
      <p role="alert" className="call-ended-message">
        {message}
      </p>
      {probing ? <p className="muted small">{t('call.ended.autoRejoin')}</p> : null}
      <div className="call-ended-actions">
        {outage ? (
          <button type="button" className="button button-primary inline" onClick={() => void call.rejoin()}>
            {t('call.ended.rejoin')}
          </button>
        ) : null}
        <button type="button" className="button button-secondary" onClick={() => void call.leave()}>
          {t('call.ended.dismiss')}
        </button>
      </div>
    </section>
  );
}
