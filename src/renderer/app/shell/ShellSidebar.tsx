// The left column: start a room or a conversation, search, the room list, join a Teams meeting.
// In the narrow layout it is the panel the header's "Rooms" button shows and hides.
import { ChatNewIcon, PlusIcon, SearchIcon, VideoCallIcon } from '@vector-im/compound-design-tokens/assets/web/icons';
import { useCallback, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../SessionContext.ts';
import { ExploreRoomsButton } from '../../features/explore/ExploreRoomsButton.tsx';
import { LeaveRoomDialog } from '../../features/room/LeaveRoomDialog.tsx';
import { RoomList } from '../../features/rooms/RoomList.tsx';
import { useAvatarCache } from '../../features/rooms/useAvatarCache.ts';
import type { FindRooms } from '../../features/rooms/useFoundRooms.ts';
import { useRoomOptions } from '../../features/rooms/useRoomOptions.ts';
import { useSyncWindow } from '../../features/rooms/useSyncWindow.ts';
import { namedRoomSummary } from '../../matrix/namedRooms.ts';
import { markRoomRead } from '../../matrix/readMarkers.ts';
import { directRoomIds, type RoomSummary } from '../../matrix/roomList.ts';
import { searchRoomNames } from '../../matrix/sync/roomNameSearch.ts';
import { rendererLogger } from '../../platform/log.ts';
import { ROOMS_TOGGLE_ID, SIDEBAR_ID } from './ShellHeader.tsx';
import type { ShellDialog } from './useShellDialog.ts';

export interface ShellSidebarProps {
  rooms: RoomSummary[];
  /** Some rooms' names have not arrived yet: a filter may miss them for now. */
  stillLoading?: boolean;
  openRoomId: string | null;
  openDialog: (dialog: ShellDialog) => void;
  /** A room link was followed (even the open room's: the narrow layout then shows it). */
  onRoomChosen: () => void;
  /** Escape inside the sidebar, when it is a panel that can close. */
  onEscape?: (() => void) | undefined;
}

export function ShellSidebar({ rooms, stillLoading = false, openRoomId, openDialog, onRoomChosen, onEscape }: ShellSidebarProps) {
  const { t } = useTranslation();
  const client = useClient();
  const avatars = useAvatarCache(client);
  const onListView = useSyncWindow(client);
  const findRooms = useCallback<FindRooms>(
    async (query, signal) => {
      const direct = directRoomIds(client);
      return (await searchRoomNames(client, query, signal)).map((room) => namedRoomSummary(room, direct));
    },
    [client],
  );
  const options = useRoomOptions(client, openRoomId);
  const onMarkRead = useCallback(
    (roomId: string) => {
      const room = client.getRoom(roomId);
      if (room) void markRoomRead(client, room).catch(log.swallow('marking a room as read', 'info'));
    },
    [client],
  );
  function onClick(event: MouseEvent<HTMLElement>) {
    if (event.target instanceof Element && event.target.closest('a[href^="#/room/"]')) onRoomChosen();
  }
  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (event.key !== 'Escape' || event.defaultPrevented || !onEscape) return;
    onEscape();
    document.getElementById(ROOMS_TOGGLE_ID)?.focus();
  }
  return (
    // The Rooms landmark is the list's own <nav>; this is only the column around it.
    <div className="sidebar" id={SIDEBAR_ID} onClick={onClick} onKeyDown={onKeyDown}>
      <div className="sidebar-actions">
        <button type="button" className="button button-primary button-icon-text" onClick={() => openDialog({ kind: 'new-room' })}>
          <PlusIcon aria-hidden="true" className="button-icon" />
          {t('rooms.newRoom')}
        </button>
        <button
          type="button"
          className="button button-secondary button-icon-only"
          aria-label={t('dm.new')}
          title={t('dm.new')}
          onClick={() => openDialog({ kind: 'new-direct-message' })}
        >
          <ChatNewIcon aria-hidden="true" className="button-icon" />
        </button>
        <button
          type="button"
          className="button button-secondary button-icon-only"
          aria-label={t('search.open')}
          title={t('search.open')}
          onClick={() => openDialog({ kind: 'search' })}
        >
          <SearchIcon aria-hidden="true" className="button-icon" />
        </button>
        <ExploreRoomsButton />
      </div>
      <RoomList
        rooms={rooms}
        stillLoading={stillLoading}
        findRooms={findRooms}
        activeRoomId={openRoomId}
        onView={onListView}
        avatars={avatars}
        onMarkRead={onMarkRead}
        options={options.handlers}
      />
      {options.leaving ? (
        <LeaveRoomDialog
          key={options.leaving.roomId}
          room={options.leaving}
          open
          onClose={options.cancelLeave}
          onLeave={(forget) => {
            if (options.leaving) void options.leave(options.leaving.roomId, forget);
          }}
        />
      ) : null}
      <button
        type="button"
        className="button button-secondary button-icon-text sidebar-teams"
        onClick={() => openDialog({ kind: 'join-teams', text: '', key: Date.now() })}
      >
        <VideoCallIcon aria-hidden="true" className="button-icon" />
        {t('teams.joinMenu')}
      </button>
    </div>
  );
}

const log = rendererLogger('rooms');
