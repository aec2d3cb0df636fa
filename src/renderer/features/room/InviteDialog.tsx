import { useTranslation } from 'react-i18next';
import { useClient } from '../../app/SessionContext.ts';
import { inviteUser, isValidUserId } from '../../matrix/roomActions.ts';
import { SingleFieldDialog } from '../../ui/SingleFieldDialog.tsx';

export function InviteDialog({ roomId, open, onClose }: { roomId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
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
