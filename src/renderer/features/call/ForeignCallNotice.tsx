// A room whose call runs on a focus Relais cannot join (Element Call's LiveKit): say so, and offer the
// organisation's Element Call when policy names one, instead of a Start button that would split the
// room into two calls.
import type { Room } from 'matrix-js-sdk';
import { useTranslation } from 'react-i18next';
import { useManagedSettings } from '../../app/ManagedSettingsContext.ts';
import { usePlatform } from '../../app/PlatformContext.ts';
import { elementCallRoomUrl } from '../../calls/elementCall.ts';

export function ForeignCallNotice({ room, focusType }: { room: Room; focusType: string }) {
  const { t } = useTranslation();
  const platform = usePlatform();
  const base = useManagedSettings().settings.calls.elementCallUrl;
  const link = base && focusType === 'livekit' ? elementCallRoomUrl(base, room.roomId) : null;
  return (
    <span className="call-foreign small">
      {focusType === 'livekit' ? t('call.foreign.elementCall') : t('call.foreign.other')}
      {link ? (
        // Through the platform: the desktop app hands it to the system browser after main's checks.
        <button type="button" className="button button-secondary" onClick={() => void platform.openExternal(link)}>
          {t('call.foreign.open')}
        </button>
      ) : null}
    </span>
  );
}
