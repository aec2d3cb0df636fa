// When the window is narrow (a small screen, or 200-400 % zoom) the room list and the open room cannot
// sit side by side: the room list becomes a panel the "Rooms" button shows and hides. These rules say
// when it is shown; the component only wires them to events.

/** Below this width the room list and the room take turns (kept in step with shell.css). */
export const NARROW_SHELL_QUERY = '(max-width: 720px)';

export interface RoomsPanelState {
  /** Shown when narrow; the wide layout always shows the list. */
  open: boolean;
}

export type RoomsPanelEvent =
  | { kind: 'toggle' }
  | { kind: 'close' }
  /** A room was opened (or the open room closed): the room takes the screen, or the list when none is open. */
  | { kind: 'room-changed'; roomId: string | null };

export function initialRoomsPanel(openRoomId: string | null): RoomsPanelState {
  return { open: openRoomId === null };
}

export function nextRoomsPanel(state: RoomsPanelState, event: RoomsPanelEvent): RoomsPanelState {
  switch (event.kind) {
    case 'toggle':
      return { open: !state.open };
    case 'close':
      return state.open ? { open: false } : state;
    case 'room-changed':
      return { open: event.roomId === null };
  }
}
