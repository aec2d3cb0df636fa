import { describe, expect, it, vi } from 'vitest';
import { directoryPage, parseRoomAddress, toDirectoryRoom } from '../../../../src/renderer/matrix/roomDirectory.ts';

describe('parseRoomAddress', () => {
  it('takes an address, a room id or a matrix.to link, and nothing else', () => {
    expect(parseRoomAddress(' #team:hs ')).toEqual({ kind: 'alias', value: '#team:hs' });
    expect(parseRoomAddress('!abc:hs')).toEqual({ kind: 'id', value: '!abc:hs' });
    expect(parseRoomAddress('https://matrix.to/#/%23team%3Ahs?via=hs')).toEqual({ kind: 'alias', value: '#team:hs' });
    expect(parseRoomAddress('team')).toBeNull();
    expect(parseRoomAddress('#team')).toBeNull();
    expect(parseRoomAddress('#my team:hs')).toBeNull();
  });
});

describe('directory', () => {
  it('names a room by its name, else its address, else its id', () => {
    expect(toDirectoryRoom({ room_id: '!r:hs', num_joined_members: 3, canonical_alias: '#a:hs' })).toEqual({
      roomId: '!r:hs',
      name: '#a:hs',
      topic: '',
      members: 3,
      alias: '#a:hs',
      avatarMxc: null,
      joinable: true,
    });
    expect(toDirectoryRoom({ room_id: '!r:hs', num_joined_members: 1, join_rule: 'knock' }).joinable).toBe(false);
  });

  it('asks for one page with the filter, and says where the next starts', async () => {
    const publicRooms = vi.fn(() =>
      Promise.resolve({
        chunk: [{ room_id: '!r:hs', name: 'R', num_joined_members: 2 }],
        next_batch: 'n2',
        total_room_count_estimate: 5,
      }),
    );
    const page = await directoryPage({ publicRooms } as never, ' budget ', 'n1');
    expect(publicRooms).toHaveBeenCalledWith({ limit: 20, since: 'n1', filter: { generic_search_term: 'budget' } });
    expect(page.next).toBe('n2');
    expect(page.rooms.map((r) => r.name)).toEqual(['R']);
  });
});
