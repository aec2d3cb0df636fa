// The narrow layout's room-list panel (roomsPanel.ts has the rules): shown or hidden by the "Rooms"
// button, hidden when a room is opened, closed by Escape.
import { useEffect, useReducer } from 'react';
import { useMediaQuery } from '../../ui/useMediaQuery.ts';
import { initialRoomsPanel, NARROW_SHELL_QUERY, nextRoomsPanel } from './roomsPanel.ts';

export interface RoomsPanel {
  /** The window is too narrow for the list and the room side by side. */
  narrow: boolean;
  /** When narrow: whether the list is showing (instead of the room). */
  open: boolean;
  toggle: () => void;
  close: () => void;
}

export function useRoomsPanel(openRoomId: string | null): RoomsPanel {
  const narrow = useMediaQuery(NARROW_SHELL_QUERY);
  const [state, dispatch] = useReducer(nextRoomsPanel, openRoomId, initialRoomsPanel);
  useEffect(() => dispatch({ kind: 'room-changed', roomId: openRoomId }), [openRoomId]);
  return {
    narrow,
    open: state.open,
    toggle: () => dispatch({ kind: 'toggle' }),
    close: () => dispatch({ kind: 'close' }),
  };
}
