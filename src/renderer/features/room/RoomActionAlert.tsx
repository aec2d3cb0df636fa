import { useTranslation } from 'react-i18next';
import type { RoomActionFailure } from './useRoomActions.ts';

/** A room action that failed, said in the room, with a way to put the message away. */
export function RoomActionAlert({ failure, onDismiss }: { failure: RoomActionFailure | null; onDismiss: () => void }) {
  const { t } = useTranslation();
  if (!failure) return null;
  return (
    <div className="alert alert-error room-alert" role="alert">
      <span>{t(`room.errors.${failure}`)}</span>{' '}
      <button type="button" className="link-button small" onClick={onDismiss}>
        {t('common.close')}
      </button>
    </div>
  );
}
