import { describe, expect, it } from 'vitest';
import { nameSearchRequest, nameSearchTerm, parseNameSearch } from '../../../../../src/renderer/matrix/sync/roomNameSearch.ts';

describe('nameSearchTerm', () => {
  it('searches the complete words, leaving out a word still being typed', () => {
    expect(nameSearchTerm('big roo')).toBe('big');
    expect(nameSearchTerm('big room ')).toBe('big room');
  });

  it('searches the text itself while no word is complete, and nothing for blanks', () => {
    expect(nameSearchTerm('archive')).toBe('archive');
    expect(nameSearchTerm('  budget')).toBe('budget');
    expect(nameSearchTerm('   ')).toBe('');
  });
});

describe('nameSearchRequest', () => {
  it('asks for room name events only, by their name', () => {
    expect(nameSearchRequest('big')).toEqual({
      search_categories: {
        room_events: { search_term: 'big', keys: ['content.name'], filter: { types: ['m.room.name'], limit: 50 } },
      },
    });
  });
});

describe('parseNameSearch', () => {
  const result = (roomId: string, name: string, ts: number) => ({
    result: { room_id: roomId, content: { name }, origin_server_ts: ts },
  });

  it('keeps the rooms whose latest matching name contains the query, accents and case aside', () => {
    const body = {
      search_categories: {
        room_events: {
          results: [
            result('!a:x', 'Big room', 10),
            result('!b:x', 'Big data', 11),
            result('!c:x', 'Équipe big room', 12),
            // Renamed: the latest name found counts.
            result('!a:x', 'Big room (archive)', 20),
            { result: { room_id: '!bad:x' } },
          ],
        },
      },
    };
    const rooms = parseNameSearch(body, 'BIG ROOM');
    expect(rooms.map((r) => [r.roomId, r.name])).toEqual([
      ['!a:x', 'Big room (archive)'],
      ['!c:x', 'Équipe big room'],
    ]);
    expect(rooms[0]).toMatchObject({ invite: false, unread: 0, mentions: 0 });
    expect(parseNameSearch(body, 'equipe').map((r) => r.roomId)).toEqual(['!c:x']);
  });

  it('ranks found rooms after every room of the server’s list, and survives an empty answer', () => {
    const [room] = parseNameSearch({ search_categories: { room_events: { results: [result('!a:x', 'Big', 1)] } } }, 'big');
    expect(room?.rank).toBeGreaterThan(1_000_000);
    expect(parseNameSearch({}, 'big')).toEqual([]);
    expect(parseNameSearch(null, 'big')).toEqual([]);
  });
});
