import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MatrixClient } from 'matrix-js-sdk';
import { useAppConfig } from '../../app/AppConfigContext.ts';
import { roomHref } from '../../app/useHashRoute.ts';
import { createDirectMessage, isValidUserId } from '../../matrix/roomActions.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { TextField } from '../../ui/TextField.tsx';

export function NewDirectMessageDialog({ client, open, onClose }: { client: MatrixClient; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const tchap = useAppConfig().tchap?.enabled === true;
  const [userId, setUserId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    const target = userId.trim();
    if (!isValidUserId(target)) {
      setError(t('invite.errors.invalid'));
      return;
    }
    if (target === client.getSafeUserId()) {
      setError(t('dm.errors.self'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const roomId = await createDirectMessage(client, target, { tchap });
      setUserId('');
      onClose();
      window.location.hash = roomHref(roomId);
    } catch {
      setError(t('dm.errors.failed', { userId: target }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('dm.title')} open={open} onClose={onClose}>
      <form className="dialog-form" onSubmit={(e) => void submit(e)} noValidate>
        {error ? (
          <p className="alert alert-error" role="alert">
            {error}
          </p>
        ) : null}
        <TextField
          label={t('invite.userId')}
          hint={t('invite.userIdHint')}
          value={userId}
          onChange={(e) => setUserId(e.target.value)}
          spellCheck={false}
          autoCapitalize="none"
          autoFocus
        />
        <div className="dialog-actions">
          <button type="button" className="button button-secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button-primary inline" disabled={busy}>
            {t('dm.start')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
