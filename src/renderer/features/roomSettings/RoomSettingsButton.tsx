// The room header's "Room settings" button, and the dialog it opens (mounted only while open, so it
// starts from the room's current settings each time).
import SettingsIcon from '@vector-im/compound-design-tokens/assets/web/icons/settings';
import type { Room } from 'matrix-js-sdk';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RoomSettingsDialog } from './RoomSettingsDialog.tsx';

export function RoomSettingsButton({ room }: { room: Room }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button button-secondary button-icon-only"
        aria-label={t('roomSettings.open')}
        title={t('roomSettings.open')}
        onClick={() => setOpen(true)}
      >
        <SettingsIcon aria-hidden="true" className="button-icon" />
      </button>
      {open ? <RoomSettingsDialog room={room} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
