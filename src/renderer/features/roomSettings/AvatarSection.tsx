// The room's picture: the current one, a chosen file previewed before it is sent, or removal.
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../app/SessionContext.ts';
import { sendSetting, setRoomPicture } from '../../matrix/roomSettingsWriter.ts';
import { useAvatarCache, useAvatarUrl } from '../rooms/useAvatarCache.ts';
import { NotAllowed, SaveStatus } from './SaveStatus.tsx';
import { useSave } from './useSave.ts';
import type { RoomSettingsView } from './useRoomSettings.ts';

/** An object URL for the chosen file, released when another is chosen or the dialog closes. */
function usePreview(file: File | null): string | null {
  const url = useMemo(() => (file ? URL.createObjectURL(file) : null), [file]);
  useEffect(() => (url ? () => URL.revokeObjectURL(url) : undefined), [url]);
  return url;
}

export function AvatarSection({ roomId, view }: { roomId: string; view: RoomSettingsView }) {
  const { t } = useTranslation();
  const client = useClient();
  const avatars = useAvatarCache(client);
  const save = useSave();
  const id = useId();
  const { settings, allowed, state } = view;
  const current = useAvatarUrl(settings.avatarMxc, avatars);
  const [file, setFile] = useState<File | null>(null);
  const preview = usePreview(file);
  const shown = preview ?? current;

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} className="settings-heading">
        {t('roomSettings.picture')}
      </h3>
      <div className="room-settings-picture">
        {shown ? (
          <img
            className="room-settings-avatar"
            src={shown}
            alt={preview ? t('roomSettings.picturePreview') : t('roomSettings.pictureCurrent')}
          />
        ) : (
          <p className="muted small">{t('roomSettings.noPicture')}</p>
        )}
        {allowed.avatar ? (
          <div className="room-settings-picture-actions">
            <label className="button button-secondary inline room-settings-file">
              {t('roomSettings.choosePicture')}
              <input
                type="file"
                accept="image/png,image/jpeg,image/gif,image/webp"
                className="visually-hidden"
                onChange={(event) => setFile(event.target.files?.[0] ?? null)}
              />
            </label>
            {file ? (
              <button
                type="button"
                className="button button-primary inline"
                disabled={save.state.kind === 'saving'}
                onClick={() =>
                  void save.run(async () => {
                    await setRoomPicture(client, roomId, state, file);
                    setFile(null);
                  })
                }
              >
                {t('roomSettings.savePicture')}
              </button>
            ) : null}
            {settings.avatarMxc && !file ? (
              <button
                type="button"
                className="button button-secondary inline"
                disabled={save.state.kind === 'saving'}
                onClick={() => void save.run(() => sendSetting(client, roomId, state, { key: 'avatar', mxc: null }))}
              >
                {t('roomSettings.removePicture')}
              </button>
            ) : null}
          </div>
        ) : (
          <NotAllowed id={`${id}-lock`} />
        )}
      </div>
      <SaveStatus state={save.state} />
    </section>
  );
}
