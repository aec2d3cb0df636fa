import { useTranslation } from 'react-i18next';
import type { MatrixClient } from 'matrix-js-sdk';
import { useAppConfig } from '../../app/AppConfigContext.ts';
import { roomHref } from '../../app/useHashRoute.ts';
import { createDirectMessage, isValidUserId } from '../../matrix/roomActions.ts';
import { SingleFieldDialog } from '../../ui/SingleFieldDialog.tsx';

export function NewDirectMessageDialog({ client, open, onClose }: { client: MatrixClient; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
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
        window.location.hash = roomHref(await createDirectMessage(client, userId, { tchap }));
      }}
      failureMessage={(userId) => t('dm.errors.failed', { userId })}
    />
  );
}
