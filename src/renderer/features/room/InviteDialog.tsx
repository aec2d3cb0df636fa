import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../app/SessionContext.ts';
import { inviteUser } from '../../matrix/roomActions.ts';
import { PeopleDialog } from '../people/PeopleDialog.tsx';

export function InviteDialog({ roomId, open, onClose }: { roomId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  // Members and people already invited are not offered again.
  const present = useMemo(() => {
    const room = open ? client.getRoom(roomId) : null;
    return new Set(
      (room?.getMembers() ?? []).filter((m) => m.membership === 'join' || m.membership === 'invite').map((m) => m.userId),
    );
  }, [client, roomId, open]);
  return (
    <PeopleDialog
      title={t('invite.title')}
      open={open}
      onClose={onClose}
      submitLabel={t('invite.submit')}
      multiple
      exclude={present}
      act={(person) => inviteUser(client, roomId, person.userId)}
      failureMessage={(names) => t('invite.errors.failed', { userId: names })}
    />
  );
}
