import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MatrixClient } from 'matrix-js-sdk';
import { inviteUser, isValidUserId } from '../../matrix/roomActions.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { TextField } from '../../ui/TextField.tsx';

export function InviteDialog({
  client,
  roomId,
  open,
  onClose,
}: {
  client: MatrixClient;
  roomId: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
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
    setBusy(true);
    setError(null);
    try {
      await inviteUser(client, roomId, target);
      setUserId('');
      onClose();
    } catch {
      setError(t('invite.errors.failed', { userId: target }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('invite.title')} open={open} onClose={onClose}>
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
            {t('invite.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
