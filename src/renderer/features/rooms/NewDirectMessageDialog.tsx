import { useTranslation } from 'react-i18next';
import { useAppConfig } from '../../app/AppConfigContext.ts';
import { useClient } from '../../app/SessionContext.ts';
import { navigate } from '../../app/useHashRoute.ts';
import { createDirectMessage, isValidUserId } from '../../matrix/roomActions.ts';
import { SingleFieldDialog } from '../../ui/SingleFieldDialog.tsx';

export function NewDirectMessageDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const tchap = useAppConfig().tchap?.enabled === true;
  return (
    <SingleFieldDialog
      title={t('dm.title')}
      open={open}
      onClose={onClose}
      label={t('invite.userId')}
      hint={t('invite.userIdHint')}
      submitLabel={t('dm.start')}
      identifier
      validate={(userId) => {
        if (!isValidUserId(userId)) return t('invite.errors.invalid');
        return userId === client.getSafeUserId() ? t('dm.errors.self') : null;
      }}
      submit={async (userId) => {
        navigate({ kind: 'room', roomId: await createDirectMessage(client, userId, { tchap }) });
      }}
      failureMessage={(userId) => t('dm.errors.failed', { userId })}
    />
  );
}
