import { describe, expect, it } from 'vitest';
import type { RoomSummary } from '../../../../src/renderer/matrix/roomList.ts';
import { roomsNeedingAttention, windowTitle } from '../../../../src/renderer/matrix/unreadSummary.ts';

function room(overrides: Partial<RoomSummary>): RoomSummary {
  return { roomId: '!r', name: 'r', kind: 'room', unread: 0, mentions: 0, lastActivity: 0, ...overrides };
}

describe('roomsNeedingAttention', () => {
  it('counts rooms with notifications and invitations, not messages', () => {
    expect(
      roomsNeedingAttention([
        room({ unread: 5 }),
        room({ unread: 1, mentions: 1 }),
        room({ kind: 'invite' }),
        room({}),
        room({ kind: 'dm' }),
      ]),
    ).toBe(3);
    expect(roomsNeedingAttention([])).toBe(0);
  });
});

describe('windowTitle', () => {
  it('is "(N) Relais" with rooms waiting, "Relais" without', () => {
    expect(windowTitle('Relais', 0)).toBe('Relais');
    expect(windowTitle('Relais', 1)).toBe('(1) Relais');
    expect(windowTitle('Relais', 12)).toBe('(12) Relais');
  });

  it('caps the number where the badge does', () => {
    expect(windowTitle('Relais', 123_456)).toBe('(9999) Relais');
  });
});
