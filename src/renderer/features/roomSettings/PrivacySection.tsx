// Who can read the history and who can join, saved together (they are decided together: opening a
// room to anyone usually goes with what newcomers may read). In Tchap mode, Tchap's access rule too.
import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppConfig } from '../../app/AppConfigContext.ts';
import { useClient } from '../../app/SessionContext.ts';
import {
  ACCESS_RULES,
  HISTORY_VISIBILITIES,
  JOIN_RULES,
  accessRuleChoices,
  type AccessRule,
  type HistoryVisibility,
  type JoinRule,
} from '../../matrix/roomSettings.ts';
import { sendSetting } from '../../matrix/roomSettingsWriter.ts';
import { NotAllowed, SaveStatus } from './SaveStatus.tsx';
import { useSave } from './useSave.ts';
import type { RoomSettingsView } from './useRoomSettings.ts';

function isJoinRule(value: string): value is JoinRule {
  return JOIN_RULES.some((rule) => rule === value);
}

function isAccessRule(value: string | null): value is AccessRule {
  return ACCESS_RULES.some((rule) => rule === value);
}

export function PrivacySection({ roomId, view }: { roomId: string; view: RoomSettingsView }) {
  const { t } = useTranslation();
  const client = useClient();
  const tchap = useAppConfig().tchap?.enabled === true;
  const save = useSave();
  const id = useId();
  const { settings, allowed, state } = view;
  const [history, setHistory] = useState<HistoryVisibility>(settings.historyVisibility);
  const [join, setJoin] = useState<string>(settings.joinRule);
  const [access, setAccess] = useState<string | null>(settings.accessRule);
  const accessOpen = accessRuleChoices({ accessRule: settings.accessRule, joinRule: join });
  const changed = history !== settings.historyVisibility || join !== settings.joinRule || access !== settings.accessRule;

  function onSubmit(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    void save.run(async () => {
      // Access rule first: Tchap refuses a public room that is still open to guests.
      if (access !== settings.accessRule && isAccessRule(access)) {
        await sendSetting(client, roomId, state, { key: 'accessRule', value: access });
      }
      if (join !== settings.joinRule && isJoinRule(join))
        await sendSetting(client, roomId, state, { key: 'joinRule', value: join });
      if (history !== settings.historyVisibility) {
        await sendSetting(client, roomId, state, { key: 'historyVisibility', value: history });
      }
    });
  }

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} className="settings-heading">
        {t('roomSettings.privacy')}
      </h3>
      <form className="dialog-form" onSubmit={onSubmit}>
        <fieldset
          className="settings-theme settings-column"
          disabled={!allowed.historyVisibility}
          aria-describedby={allowed.historyVisibility ? undefined : `${id}-history-lock`}
        >
          <legend>{t('roomSettings.history')}</legend>
          {HISTORY_VISIBILITIES.map((value) => (
            <label key={value} className="settings-radio">
              <input type="radio" name={`${id}-history`} checked={history === value} onChange={() => setHistory(value)} />
              {t(`roomSettings.historyValues.${value}`)}
            </label>
          ))}
          {allowed.historyVisibility ? null : <NotAllowed id={`${id}-history-lock`} />}
        </fieldset>
        <fieldset
          className="settings-theme settings-column"
          disabled={!allowed.joinRule}
          aria-describedby={allowed.joinRule ? undefined : `${id}-join-lock`}
        >
          <legend>{t('roomSettings.join')}</legend>
          {isJoinRule(settings.joinRule) ? null : (
            <p className="muted small">{t('roomSettings.joinOther', { rule: settings.joinRule })}</p>
          )}
          {JOIN_RULES.map((value) => (
            <label key={value} className="settings-radio">
              <input
                type="radio"
                name={`${id}-join`}
                checked={join === value}
                // Tchap keeps public rooms to agents: opening one needs the room restricted.
                disabled={tchap && value === 'public' && access === 'unrestricted'}
                onChange={() => setJoin(value)}
              />
              {t(`roomSettings.joinValues.${value}`)}
            </label>
          ))}
          {allowed.joinRule ? null : <NotAllowed id={`${id}-join-lock`} />}
        </fieldset>
        {tchap ? (
          <fieldset
            className="settings-theme settings-column"
            disabled={!allowed.accessRule}
            aria-describedby={`${id}-access-hint`}
          >
            <legend>{t('roomSettings.access')}</legend>
            <p id={`${id}-access-hint`} className="muted small">
              {allowed.accessRule ? t('roomSettings.accessHint') : t('roomSettings.notAllowed')}
            </p>
            {ACCESS_RULES.map((value) => (
              <label key={value} className="settings-radio">
                <input
                  type="radio"
                  name={`${id}-access`}
                  checked={access === value}
                  disabled={!accessOpen[value]}
                  onChange={() => setAccess(value)}
                />
                {t(`roomSettings.accessValues.${value}`)}
              </label>
            ))}
          </fieldset>
        ) : null}
        {allowed.historyVisibility || allowed.joinRule ? (
          <div className="dialog-actions">
            <button type="submit" className="button button-primary inline" disabled={!changed || save.state.kind === 'saving'}>
              {t('roomSettings.savePrivacy')}
            </button>
          </div>
        ) : null}
        <SaveStatus state={save.state} />
      </form>
    </section>
  );
}
