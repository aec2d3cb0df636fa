// The left column: start a room or a conversation, search, the room list, join a Teams meeting.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../SessionContext.ts';
import { RoomList } from '../../features/rooms/RoomList.tsx';
import { useAvatarCache } from '../../features/rooms/useAvatarCache.ts';
import { useSyncWindow } from '../../features/rooms/useSyncWindow.ts';
import { markRoomRead } from '../../matrix/readMarkers.ts';
import type { RoomSummary } from '../../matrix/roomList.ts';
import { rendererLogger } from '../../platform/log.ts';
import type { ShellDialog } from './useShellDialog.ts';

export interface ShellSidebarProps {
  rooms: RoomSummary[];
  openRoomId: string | null;
  openDialog: (dialog: ShellDialog) => void;
}

export function ShellSidebar({ rooms, openRoomId, openDialog }: ShellSidebarProps) {
  const { t } = useTranslation();
  const client = useClient();
  const avatars = useAvatarCache(client);
  const onListView = useSyncWindow(client);
  const onMarkRead = useCallback(
    (roomId: string) => {
      const room = client.getRoom(roomId);
      if (room) void markRoomRead(client, room).catch(log.swallow('marking a room as read', 'info'));
    },
    [client],
  );
  return (
    <div className="sidebar">
      <button type="button" className="button button-primary" onClick={() => openDialog({ kind: 'new-room' })}>
        {t('rooms.newRoom')}
      </button>
      <button type="button" className="button button-secondary" onClick={() => openDialog({ kind: 'new-direct-message' })}>
        {t('dm.new')}
      </button>
      <button type="button" className="button button-secondary" onClick={() => openDialog({ kind: 'search' })}>
        {t('search.open')}
      </button>
      <RoomList rooms={rooms} activeRoomId={openRoomId} onView={onListView} avatars={avatars} onMarkRead={onMarkRead} />
      <button
        type="button"
        className="button button-secondary"
        onClick={() => openDialog({ kind: 'join-teams', text: '', key: Date.now() })}
      >
        {t('teams.joinMenu')}
      </button>
    </div>
  );
}

const log = rendererLogger('rooms');
