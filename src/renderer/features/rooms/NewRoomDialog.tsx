import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MatrixClient } from 'matrix-js-sdk';
import { Dialog } from '../../ui/Dialog.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { createPrivateRoom } from '../../matrix/roomActions.ts';
import { roomHref } from '../../app/useHashRoute.ts';
import { useAppConfig } from '../../app/AppConfigContext.ts';

export function NewRoomDialog({ client, open, onClose }: { client: MatrixClient; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const tchap = useAppConfig().tchap?.enabled === true;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!name.trim()) {
      setError(t('newRoom.errors.nameRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const roomId = await createPrivateRoom(client, name.trim(), { tchap });
      setName('');
      onClose();
      window.location.hash = roomHref(roomId);
    } catch {
      setError(t('newRoom.errors.failed'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('newRoom.title')} open={open} onClose={onClose}>
      <form className="dialog-form" onSubmit={(e) => void submit(e)} noValidate>
        {error ? (
          <p className="alert alert-error" role="alert">
            {error}
          </p>
        ) : null}
        <TextField label={t('newRoom.name')} value={name} onChange={(e) => setName(e.target.value)} autoFocus />
        <p className="muted small">{t('newRoom.encryptedHint')}</p>
        <div className="dialog-actions">
          <button type="button" className="button button-secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button-primary inline" disabled={busy}>
            {t('newRoom.create')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
