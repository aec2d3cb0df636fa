import { useTranslation } from 'react-i18next';
import { useAppConfig } from '../../app/AppConfigContext.ts';
import { useClient } from '../../app/SessionContext.ts';
import { navigate } from '../../app/useHashRoute.ts';
import { createPrivateRoom } from '../../matrix/roomActions.ts';
import { SingleFieldDialog } from '../../ui/SingleFieldDialog.tsx';

export function NewRoomDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const tchap = useAppConfig().tchap?.enabled === true;
  return (
    <SingleFieldDialog
      title={t('newRoom.title')}
      open={open}
      onClose={onClose}
      label={t('newRoom.name')}
      submitLabel={t('newRoom.create')}
      validate={(name) => (name ? null : t('newRoom.errors.nameRequired'))}
      submit={async (name) => {
        navigate({ kind: 'room', roomId: await createPrivateRoom(client, name, { tchap }) });
      }}
      failureMessage={() => t('newRoom.errors.failed')}
    >
      <p className="muted small">{t('newRoom.encryptedHint')}</p>
    </SingleFieldDialog>
  );
}
