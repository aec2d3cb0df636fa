// Notifications as the person's server push rules hold them: what notifies, keywords and sound. Kept
// on the server so their other clients (Element on the phone, Relais elsewhere) agree. The
// "Notifications" and "Notification sound" preferences above are this computer's own (they can be
// locked by the organisation); the sound here is the one the rules ask every device to play.
import CloseIcon from '@vector-im/compound-design-tokens/assets/web/icons/close';
import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../app/SessionContext.ts';
import {
  addKeywordChanges,
  globalLevelChanges,
  keywordProblem,
  readNotificationModel,
  removeKeywordChanges,
  soundChanges,
  type GlobalLevel,
} from '../../matrix/pushRules.ts';
import { TextField } from '../../ui/TextField.tsx';
import { usePushRules } from '../notifications/usePushRules.ts';
import { SaveStatus } from '../roomSettings/SaveStatus.tsx';
import { useSave } from '../roomSettings/useSave.ts';

const LEVELS: readonly GlobalLevel[] = ['all', 'dmsAndMentions', 'mentionsOnly'];

export function NotificationsSection() {
  const { t } = useTranslation();
  const client = useClient();
  const { rules, apply } = usePushRules(client);
  const save = useSave();
  const name = useId();
  const [keyword, setKeyword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const model = rules ? readNotificationModel(rules) : null;
  // A choice shows at once; the rules the server sends back (or the old ones, if refused) follow.
  const [pendingLevel, setPendingLevel] = useState<GlobalLevel | null>(null);
  const [pendingSound, setPendingSound] = useState<boolean | null>(null);

  function chooseLevel(level: GlobalLevel, sound: boolean) {
    if (!rules) return;
    setPendingLevel(level);
    void save.run(() => apply(globalLevelChanges(rules, level, sound))).finally(() => setPendingLevel(null));
  }

  function chooseSound(sound: boolean) {
    if (!rules) return;
    setPendingSound(sound);
    void save.run(() => apply(soundChanges(rules, sound))).finally(() => setPendingSound(null));
  }

  function addKeyword(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!rules || !model) return;
    const why = keywordProblem(rules, keyword);
    setProblem(why ? t(`notifications.keywordProblems.${why}`) : null);
    if (why) return;
    void save.run(() => apply(addKeywordChanges(rules, keyword, model.sound))).then((ok) => ok && setKeyword(''));
  }

  return (
    <section aria-labelledby="settings-notifications">
      <h3 id="settings-notifications" className="settings-heading">
        {t('notifications.heading')}
      </h3>
      <p className="muted small">{t('notifications.hint')}</p>
      {!rules || !model ? (
        <p className="muted small">{t('notifications.loading')}</p>
      ) : (
        <>
          <fieldset className="settings-theme" disabled={save.state.kind === 'saving'}>
            <legend>{t('notifications.levelLabel')}</legend>
            {LEVELS.map((level) => (
              <label key={level} className="settings-radio">
                <input
                  type="radio"
                  name={name}
                  checked={(pendingLevel ?? model.global) === level}
                  onChange={() => chooseLevel(level, model.sound)}
                />
                {t(`notifications.levels.${level}`)}
              </label>
            ))}
          </fieldset>
          <div className="settings-toggle">
            <input
              id={`${name}-sound`}
              type="checkbox"
              checked={pendingSound ?? model.sound}
              disabled={save.state.kind === 'saving'}
              onChange={(event) => chooseSound(event.target.checked)}
            />
            <label htmlFor={`${name}-sound`}>{t('notifications.sound')}</label>
          </div>
          <h4 className="notifications-subheading">{t('notifications.keywordsHeading')}</h4>
          {model.keywords.length === 0 ? (
            <p className="muted small">{t('notifications.noKeywords')}</p>
          ) : (
            <ul className="chip-list" aria-label={t('notifications.keywordsHeading')}>
              {model.keywords.map((word) => (
                <li key={word} className="chip">
                  {word}
                  <button
                    type="button"
                    className="button button-secondary button-icon-only chip-remove"
                    aria-label={t('notifications.removeKeyword', { keyword: word })}
                    title={t('notifications.removeKeyword', { keyword: word })}
                    onClick={() => void save.run(() => apply(removeKeywordChanges(rules, word)))}
                  >
                    <CloseIcon aria-hidden="true" className="button-icon" />
                  </button>
                </li>
              ))}
            </ul>
          )}
          <form className="inline-add" onSubmit={addKeyword}>
            <TextField
              label={t('notifications.keyword')}
              hint={problem ?? t('notifications.keywordHint')}
              value={keyword}
              aria-invalid={problem !== null}
              onChange={(event) => setKeyword(event.target.value)}
            />
            <button type="submit" className="button button-secondary inline">
              {t('notifications.addKeyword')}
            </button>
          </form>
          <SaveStatus state={save.state} />
        </>
      )}
    </section>
  );
}
