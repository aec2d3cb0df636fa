// The room's published addresses (#name:server): the main one first. Adding one creates it in my
// homeserver's directory, then publishes it in the room.
import CloseIcon from '@vector-im/compound-design-tokens/assets/web/icons/close';
import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../app/SessionContext.ts';
import { aliasFor, publishedAddresses } from '../../matrix/roomSettings.ts';
import { addAddress, removeAddress } from '../../matrix/roomSettingsWriter.ts';
import { TextField } from '../../ui/TextField.tsx';
import { NotAllowed, SaveStatus } from './SaveStatus.tsx';
import { useSave } from './useSave.ts';
import type { RoomSettingsView } from './useRoomSettings.ts';

export function AddressesSection({ roomId, view }: { roomId: string; view: RoomSettingsView }) {
  const { t } = useTranslation();
  const client = useClient();
  const save = useSave();
  const id = useId();
  const { settings, allowed, state } = view;
  const serverName = client.getDomain() ?? '';
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const addresses = publishedAddresses(settings);

  function onSubmit(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = aliasFor(typed, serverName);
    if ('problem' in result) {
      setProblem(t(`roomSettings.aliasProblems.${result.problem}`, { server: serverName }));
      return;
    }
    setProblem(null);
    void save.run(() => addAddress(client, roomId, state, settings, result.alias)).then((ok) => ok && setTyped(''));
  }

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} className="settings-heading">
        {t('roomSettings.addresses')}
      </h3>
      {addresses.length === 0 ? (
        <p className="muted small">{t('roomSettings.noAddresses')}</p>
      ) : (
        <ul className="chip-list" aria-labelledby={`${id}-heading`}>
          {addresses.map((alias, index) => (
            <li key={alias} className="chip">
              {alias}
              {index === 0 ? <span className="muted small">{t('roomSettings.mainAddress')}</span> : null}
              {allowed.canonicalAlias ? (
                <button
                  type="button"
                  className="button button-secondary button-icon-only chip-remove"
                  aria-label={t('roomSettings.removeAddress', { alias })}
                  title={t('roomSettings.removeAddress', { alias })}
                  disabled={save.state.kind === 'saving'}
                  onClick={() => void save.run(() => removeAddress(client, roomId, state, settings, alias))}
                >
                  <CloseIcon aria-hidden="true" className="button-icon" />
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {allowed.canonicalAlias ? (
        <form className="inline-add" onSubmit={onSubmit}>
          <TextField
            label={t('roomSettings.newAddress')}
            hint={problem ?? t('roomSettings.newAddressHint', { server: serverName })}
            aria-invalid={problem !== null}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
          />
          <button type="submit" className="button button-secondary inline" disabled={save.state.kind === 'saving'}>
            {t('roomSettings.addAddress')}
          </button>
        </form>
      ) : (
        <NotAllowed id={`${id}-lock`} />
      )}
      <SaveStatus state={save.state} />
    </section>
  );
}
