// Wires the keyboard shortcuts (shortcuts.ts) to the shell: dialogs and moving between rooms. Listens on
// the window, so they work wherever focus is, but not while a dialog is open (its own keys come first).
import { useEffect, useRef } from 'react';
import type { RoomSummary } from '../../matrix/roomList.ts';
import { groupRooms } from '../../matrix/roomSections.ts';
import { navigate } from '../useHashRoute.ts';
import { adjacentRoomId, adjacentUnreadRoomId } from './roomNavigation.ts';
import { shortcutFor, type KeyboardPlatform } from './shortcuts.ts';
import type { ShellDialog } from './useShellDialog.ts';

export function useShellShortcuts(
  platform: KeyboardPlatform,
  rooms: readonly RoomSummary[],
  openRoomId: string | null,
  openDialog: (dialog: ShellDialog) => void,
): void {
  // Read at key time: the listener stays put while the list changes with every message.
  const latest = useRef({ rooms, openRoomId });
  useEffect(() => {
    latest.current = { rooms, openRoomId };
  });
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || document.querySelector('dialog[open]')) return;
      const action = shortcutFor(event, platform);
      if (action === null) return;
      event.preventDefault();
      const { openRoomId: current } = latest.current;
      // The order the list shows: section by section.
      const list = groupRooms(latest.current.rooms).flatMap((section) => section.rooms);
      let target: string | null = null;
      switch (action) {
        case 'switch-room':
          openDialog({ kind: 'switch-room' });
          return;
        case 'show-shortcuts':
          openDialog({ kind: 'shortcuts' });
          return;
        case 'previous-room':
        case 'next-room':
          target = adjacentRoomId(list, current, action === 'next-room' ? 1 : -1);
          break;
        case 'previous-unread':
        case 'next-unread':
          target = adjacentUnreadRoomId(list, current, action === 'next-unread' ? 1 : -1);
          break;
      }
      if (target !== null && target !== current) navigate({ kind: 'room', roomId: target });
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [platform, openDialog]);
}
