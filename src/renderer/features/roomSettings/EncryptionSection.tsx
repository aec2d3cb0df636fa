// Turning encryption on, after saying what it means. It can never be turned off: the Matrix spec has
// no way back (clients refuse to drop it, as a server could otherwise silently strip it), and messages
// sent encrypted stay readable only by those who have their keys.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../app/SessionContext.ts';
import { sendSetting } from '../../matrix/roomSettingsWriter.ts';
import { NotAllowed, SaveStatus } from './SaveStatus.tsx';
import { useSave } from './useSave.ts';
import type { RoomSettingsView } from './useRoomSettings.ts';

export function EncryptionSection({ roomId, view }: { roomId: string; view: RoomSettingsView }) {
  const { t } = useTranslation();
  const client = useClient();
  const save = useSave();
  const id = useId();
  const { settings, allowed, state } = view;
  const [confirming, setConfirming] = useState(false);
  const on = settings.encrypted;

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} className="settings-heading">
        {t('roomSettings.encryption')}
      </h3>
      <div className="settings-toggle">
        <input
          id={`${id}-switch`}
          type="checkbox"
          role="switch"
          checked={on}
          // Once on, for good: the switch stays, disabled, with the reason read out.
          disabled={on || !allowed.encryption || save.state.kind === 'saving'}
          aria-describedby={`${id}-hint`}
          onChange={() => setConfirming(true)}
        />
        <label htmlFor={`${id}-switch`}>{t('roomSettings.encryptionSwitch')}</label>
      </div>
      <p id={`${id}-hint`} className="muted small">
        {on ? t('roomSettings.encryptionOnHint') : t('roomSettings.encryptionOffHint')}
      </p>
      {!on && !allowed.encryption ? <NotAllowed id={`${id}-lock`} /> : null}
      {confirming && !on ? (
        <div role="group" aria-labelledby={`${id}-confirm`} className="room-settings-confirm">
          <p id={`${id}-confirm`}>{t('roomSettings.encryptionConfirm')}</p>
          <div className="dialog-actions">
            <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
            <button
              type="button"
              className="button button-primary inline"
              onClick={() =>
                void save.run(async () => {
                  await sendSetting(client, roomId, state, { key: 'encryption' });
                  setConfirming(false);
                })
              }
            >
              {t('roomSettings.encryptionTurnOn')}
            </button>
          </div>
        </div>
      ) : null}
      <SaveStatus state={save.state} />
    </section>
  );
}
