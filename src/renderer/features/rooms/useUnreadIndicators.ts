// The app-wide signs that rooms need attention: the window title ("(2) Relais", which the desktop
// window and the taskbar show) and, on the desktop, the OS badge. The number is unreadSummary.ts's.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { usePlatform } from '../../app/PlatformContext.ts';
import type { RoomSummary } from '../../matrix/roomList.ts';
import { roomsNeedingAttention, windowTitle, MAX_BADGE_COUNT } from '../../matrix/unreadSummary.ts';
import { rendererLogger } from '../../platform/log.ts';

const log = rendererLogger('rooms');

export function useUnreadIndicators(rooms: readonly RoomSummary[]): void {
  const { t } = useTranslation();
  const platform = usePlatform();
  const count = Math.min(roomsNeedingAttention(rooms), MAX_BADGE_COUNT);
  const appName = t('app.name');
  const description = t('rooms.badge', { count });

  useEffect(() => {
    document.title = windowTitle(appName, count);
  }, [appName, count]);
  useEffect(() => {
    void platform.setUnreadBadge(count, description).catch(log.swallow('setting the unread badge', 'debug'));
  }, [platform, count, description]);
  // Signed out (the shell unmounts): nothing is unread any more.
  useEffect(
    () => () => {
      document.title = appName;
      void platform.setUnreadBadge(0, '').catch(log.swallow('clearing the unread badge', 'debug'));
    },
    [platform, appName],
  );
}
