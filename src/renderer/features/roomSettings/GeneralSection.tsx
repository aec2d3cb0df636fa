// Name and topic, saved together: both are what people see of the room first.
import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../app/SessionContext.ts';
import { sendSetting } from '../../matrix/roomSettingsWriter.ts';
import { TextField } from '../../ui/TextField.tsx';
import { NotAllowed, SaveStatus } from './SaveStatus.tsx';
import { useSave } from './useSave.ts';
import type { RoomSettingsView } from './useRoomSettings.ts';

export function GeneralSection({ roomId, view }: { roomId: string; view: RoomSettingsView }) {
  const { t } = useTranslation();
  const client = useClient();
  const save = useSave();
  const id = useId();
  const { settings, allowed, state } = view;
  const [name, setName] = useState(settings.name);
  const [topic, setTopic] = useState(settings.topic);
  const nameChanged = name.trim() !== settings.name;
  const topicChanged = topic.trim() !== settings.topic;

  function onSubmit(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    void save.run(async () => {
      if (nameChanged) await sendSetting(client, roomId, state, { key: 'name', name });
      if (topicChanged) await sendSetting(client, roomId, state, { key: 'topic', topic });
    });
  }

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} className="settings-heading">
        {t('roomSettings.general')}
      </h3>
      <form className="dialog-form" onSubmit={onSubmit}>
        <TextField
          label={t('roomSettings.name')}
          value={name}
          readOnly={!allowed.name}
          aria-describedby={allowed.name ? undefined : `${id}-name-lock`}
          onChange={(e) => setName(e.target.value)}
        />
        {allowed.name ? null : <NotAllowed id={`${id}-name-lock`} />}
        <TextField
          label={t('roomSettings.topic')}
          value={topic}
          readOnly={!allowed.topic}
          aria-describedby={allowed.topic ? undefined : `${id}-topic-lock`}
          onChange={(e) => setTopic(e.target.value)}
        />
        {allowed.topic ? null : <NotAllowed id={`${id}-topic-lock`} />}
        {allowed.name || allowed.topic ? (
          <div className="dialog-actions">
            <button
              type="submit"
              className="button button-primary inline"
              disabled={(!nameChanged && !topicChanged) || name.trim() === '' || save.state.kind === 'saving'}
            >
              {t('roomSettings.saveGeneral')}
            </button>
          </div>
        ) : null}
        <SaveStatus state={save.state} />
      </form>
    </section>
  );
}
