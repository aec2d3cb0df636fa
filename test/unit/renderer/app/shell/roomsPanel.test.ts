import { describe, expect, it } from 'vitest';
import { initialRoomsPanel, nextRoomsPanel } from '../../../../../src/renderer/app/shell/roomsPanel.ts';

describe('rooms panel (narrow windows)', () => {
  it('starts on the room list when no room is open, on the room otherwise', () => {
    expect(initialRoomsPanel(null)).toEqual({ open: true });
    expect(initialRoomsPanel('!a:hs')).toEqual({ open: false });
  });

  it('toggles, and closing twice is harmless', () => {
    const open = nextRoomsPanel({ open: false }, { kind: 'toggle' });
    expect(open).toEqual({ open: true });
    const closed = nextRoomsPanel(open, { kind: 'close' });
    expect(closed).toEqual({ open: false });
    expect(nextRoomsPanel(closed, { kind: 'close' })).toBe(closed);
  });

  it('hands the screen to a room that opens, and back to the list when it closes', () => {
    expect(nextRoomsPanel({ open: true }, { kind: 'room-changed', roomId: '!b:hs' })).toEqual({ open: false });
    expect(nextRoomsPanel({ open: false }, { kind: 'room-changed', roomId: null })).toEqual({ open: true });
  });
});
