// "Room settings": one section per thing to decide, each saved on its own so a refusal in one (my
// power level, the server) never loses what was typed in another.
import type { Room } from 'matrix-js-sdk';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../ui/Dialog.tsx';
import { AddressesSection } from './AddressesSection.tsx';
import { AvatarSection } from './AvatarSection.tsx';
import { EncryptionSection } from './EncryptionSection.tsx';
import { GeneralSection } from './GeneralSection.tsx';
import { PersonalSection } from './PersonalSection.tsx';
import { PrivacySection } from './PrivacySection.tsx';
import { useRoomSettings } from './useRoomSettings.ts';

export function RoomSettingsDialog({ room, onClose }: { room: Room; onClose: () => void }) {
  const { t } = useTranslation();
  const view = useRoomSettings(room);
  return (
    <Dialog title={t('roomSettings.title')} open onClose={onClose}>
      <div className="dialog-form room-settings">
        <GeneralSection roomId={room.roomId} view={view} />
        <AvatarSection roomId={room.roomId} view={view} />
        <PersonalSection room={room} />
        <PrivacySection roomId={room.roomId} view={view} />
        <EncryptionSection roomId={room.roomId} view={view} />
        <AddressesSection roomId={room.roomId} view={view} />
        <div className="dialog-actions">
          <button type="button" className="button button-primary inline" onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
