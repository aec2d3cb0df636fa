import { useTranslation } from 'react-i18next';
import type { MatrixClient } from 'matrix-js-sdk';
import { inviteUser, isValidUserId } from '../../matrix/roomActions.ts';
import { SingleFieldDialog } from '../../ui/SingleFieldDialog.tsx';

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
  return (
    <SingleFieldDialog
      title={t('invite.title')}
      open={open}
      onClose={onClose}
      label={t('invite.userId')}
      hint={t('invite.userIdHint')}
      submitLabel={t('invite.submit')}
      identifier
      validate={(userId) => (isValidUserId(userId) ? null : t('invite.errors.invalid'))}
      submit={(userId) => inviteUser(client, roomId, userId)}
      failureMessage={(userId) => t('invite.errors.failed', { userId })}
    />
  );
}
