import { useTranslation } from 'react-i18next';
import type { MatrixClient } from 'matrix-js-sdk';
import { useAppConfig } from '../../app/AppConfigContext.ts';
import { roomHref } from '../../app/useHashRoute.ts';
import { createPrivateRoom } from '../../matrix/roomActions.ts';
import { SingleFieldDialog } from '../../ui/SingleFieldDialog.tsx';

export function NewRoomDialog({ client, open, onClose }: { client: MatrixClient; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
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
        window.location.hash = roomHref(await createPrivateRoom(client, name, { tchap }));
      }}
      failureMessage={() => t('newRoom.errors.failed')}
    >
      <p className="muted small">{t('newRoom.encryptedHint')}</p>
    </SingleFieldDialog>
  );
}
