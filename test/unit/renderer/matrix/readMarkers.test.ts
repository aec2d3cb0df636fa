import type { MatrixClient, MatrixEvent, Room } from 'matrix-js-sdk';
import { describe, expect, it, vi } from 'vitest';
import { latestMarkableEvent, markRoomRead } from '../../../../src/renderer/matrix/readMarkers.ts';

function event(id: string | undefined, status: string | null = null): MatrixEvent {
  return { getId: () => id, status } as unknown as MatrixEvent;
}

describe('latestMarkableEvent', () => {
  it('skips local echoes still sending, and events without a server id', () => {
    const sent = event('$sent');
    expect(latestMarkableEvent([event('$old'), sent, event('~local', 'sending'), event(undefined)])).toBe(sent);
  });

  it('is null for an empty timeline', () => {
    expect(latestMarkableEvent([])).toBeNull();
  });
});

describe('markRoomRead', () => {
  it('moves the read receipt and m.fully_read to the latest event', async () => {
    const latest = event('$2');
    const room = { roomId: '!r:x', getLiveTimeline: () => ({ getEvents: () => [event('$1'), latest] }) } as unknown as Room;
    const setRoomReadMarkers = vi.fn(() => Promise.resolve({}));
    const client = { setRoomReadMarkers } as unknown as MatrixClient;
    await expect(markRoomRead(client, room)).resolves.toBe(true);
    expect(setRoomReadMarkers).toHaveBeenCalledWith('!r:x', '$2', latest);
  });

  it('does nothing in a room with no event', async () => {
    const room = { roomId: '!r:x', getLiveTimeline: () => ({ getEvents: () => [] }) } as unknown as Room;
    const setRoomReadMarkers = vi.fn();
    await expect(markRoomRead({ setRoomReadMarkers } as unknown as MatrixClient, room)).resolves.toBe(false);
    expect(setRoomReadMarkers).not.toHaveBeenCalled();
  });
});
