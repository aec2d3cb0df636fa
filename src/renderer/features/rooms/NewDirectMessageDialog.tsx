import { useTranslation } from 'react-i18next';
import { useAppConfig } from '../../app/AppConfigContext.ts';
import { useClient } from '../../app/SessionContext.ts';
import { navigate } from '../../app/useHashRoute.ts';
import { createDirectMessage } from '../../matrix/roomActions.ts';
import { PeopleDialog } from '../people/PeopleDialog.tsx';

export function NewDirectMessageDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const tchap = useAppConfig().tchap?.enabled === true;
  return (
    <PeopleDialog
      title={t('dm.title')}
      open={open}
      onClose={onClose}
      submitLabel={t('dm.start')}
      multiple={false}
      act={async (person) => {
        navigate({ kind: 'room', roomId: await createDirectMessage(client, person.userId, { tchap }) });
      }}
      failureMessage={(names) => t('dm.errors.failed', { userId: names })}
    />
  );
}
