// What is mine alone about the room: how it notifies me (a push rule, so my other clients agree) and
// where my room list shows it (a room tag). Each choice is saved as it is made: it changes nothing
// for the other members, so there is nothing to review first.
import { RoomEvent, type Room } from 'matrix-js-sdk';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../app/SessionContext.ts';
import { readNotificationModel, roomLevelChanges, roomLevelOf, type RoomLevel } from '../../matrix/pushRules.ts';
import { moveRoom, placeOf, type RoomListPlace } from '../../matrix/roomTags.ts';
import { usePushRules } from '../notifications/usePushRules.ts';
import { useRoomVersion } from '../room/useRoomEvents.ts';
import { SaveStatus } from './SaveStatus.tsx';
import { useSave } from './useSave.ts';

const LEVELS: readonly RoomLevel[] = ['default', 'all', 'mentions', 'mute'];
const PLACES: readonly RoomListPlace[] = ['favourite', 'normal', 'lowPriority'];
const TAG_CHANGES = { events: [RoomEvent.Tags] as const };

export function PersonalSection({ room }: { room: Room }) {
  const { t } = useTranslation();
  const client = useClient();
  const { rules, apply } = usePushRules(client);
  useRoomVersion(room, TAG_CHANGES);
  const save = useSave();
  const id = useId();
  const model = rules ? readNotificationModel(rules) : null;
  // The choice shows at once; the rules the server sends back (or the old ones, if refused) follow.
  const [pendingLevel, setPendingLevel] = useState<RoomLevel | null>(null);
  const level = pendingLevel ?? (model ? roomLevelOf(model, room.roomId) : null);
  // Tags come back through sync, which replaces room.tags: until then, the choice made is shown.
  const [pendingPlace, setPendingPlace] = useState<{ place: RoomListPlace; tags: Room['tags'] } | null>(null);
  const place = pendingPlace && pendingPlace.tags === room.tags ? pendingPlace.place : placeOf(room.tags);
  const busy = save.state.kind === 'saving';

  function chooseLevel(choice: RoomLevel) {
    if (!rules) return;
    setPendingLevel(choice);
    void save.run(() => apply(roomLevelChanges(rules, room.roomId, choice))).finally(() => setPendingLevel(null));
  }

  function choosePlace(choice: RoomListPlace) {
    const tags = room.tags;
    setPendingPlace({ place: choice, tags });
    void save.run(() => moveRoom(client, room.roomId, tags, choice)).then((ok) => ok || setPendingPlace(null));
  }

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} className="settings-heading">
        {t('roomSettings.forYou')}
      </h3>
      <fieldset className="settings-theme" disabled={!rules || busy}>
        <legend>{t('roomSettings.notifications')}</legend>
        {LEVELS.map((choice) => (
          <label key={choice} className="settings-radio">
            <input type="radio" name={`${id}-level`} checked={level === choice} onChange={() => chooseLevel(choice)} />
            {choice === 'default' && model
              ? t('roomSettings.levels.default', { level: t(`notifications.levels.${model.global}`) })
              : t(`roomSettings.levels.${choice}`)}
          </label>
        ))}
      </fieldset>
      <fieldset className="settings-theme" disabled={busy}>
        <legend>{t('roomSettings.listPlace')}</legend>
        {PLACES.map((choice) => (
          <label key={choice} className="settings-radio">
            <input type="radio" name={`${id}-place`} checked={place === choice} onChange={() => choosePlace(choice)} />
            {t(`roomSettings.places.${choice}`)}
          </label>
        ))}
      </fieldset>
      <SaveStatus state={save.state} />
    </section>
  );
}
