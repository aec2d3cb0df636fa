import { describe, expect, it } from 'vitest';
import {
  foldForSearch,
  MAX_MESSAGES_PER_ROOM,
  MessageIndex,
  type IndexedMessage,
} from '../../../../../src/renderer/matrix/search/messageIndex.ts';

function message(eventId: string, body: string, overrides: Partial<IndexedMessage> = {}): IndexedMessage {
  return {
    eventId,
    roomId: '!a:hs',
    sender: '@alice:hs',
    senderName: 'Alice Martin',
    timestamp: 1_000,
    body,
    ...overrides,
  };
}

function ids(hits: readonly { eventId: string }[]): string[] {
  return hits.map((h) => h.eventId);
}

describe('foldForSearch', () => {
  it('drops accents and case', () => {
    expect(foldForSearch('Réunion À Noël, ÇA Être')).toBe('reunion a noel, ca etre');
  });

  it('folds decomposed input (as typed on macOS) the same as precomposed', () => {
    expect(foldForSearch('Re\u0301union')).toBe(foldForSearch('R\u00e9union'));
    expect(foldForSearch('Re\u0301union')).toBe('reunion');
  });

  it('keeps letters that are not accented forms, and digits', () => {
    expect(foldForSearch('Œuvre 2025 ß')).toBe('œuvre 2025 ß');
  });
});

describe('MessageIndex.search', () => {
  it('ignores accents and case in both directions', () => {
    const index = new MessageIndex();
    index.add(message('$1', 'Réunion de service à 14h'));
    index.add(message('$2', 'Rien à voir'));
    expect(ids(index.search('reunion'))).toEqual(['$1']);
    expect(ids(index.search('RÉUNION'))).toEqual(['$1']);
    expect(ids(index.search('réunion'))).toEqual(['$1']);
    expect(index.search('réunions')).toEqual([]);
  });

  it('requires every term, each found in the body or the sender’s name', () => {
    const index = new MessageIndex();
    index.add(message('$1', 'budget prévisionnel', { senderName: 'Émile Durand' }));
    index.add(message('$2', 'budget voté', { senderName: 'Alice Martin' }));
    index.add(message('$3', 'prévisionnel seulement', { senderName: 'Emile Durand' }));
    expect(ids(index.search('budget emile'))).toEqual(['$1']);
    expect(ids(index.search('  previsionnel   durand  ')).sort()).toEqual(['$1', '$3']);
    expect(index.search('budget absent')).toEqual([]);
  });

  it('matches substrings of words', () => {
    const index = new MessageIndex();
    index.add(message('$1', 'la préfecture confirme'));
    expect(ids(index.search('fectur'))).toEqual(['$1']);
  });

  it('returns nothing for an empty or blank query', () => {
    const index = new MessageIndex();
    index.add(message('$1', 'anything'));
    expect(index.search('')).toEqual([]);
    expect(index.search('   \t ')).toEqual([]);
  });

  it('sorts newest first across rooms and applies the limit after sorting', () => {
    const index = new MessageIndex();
    index.add(message('$old', 'note', { timestamp: 100 }));
    index.add(message('$new', 'note', { timestamp: 300, roomId: '!b:hs' }));
    index.add(message('$mid', 'note', { timestamp: 200 }));
    expect(ids(index.search('note'))).toEqual(['$new', '$mid', '$old']);
    expect(ids(index.search('note', 2))).toEqual(['$new', '$mid']);
  });

  it('defaults to at most 50 hits', () => {
    const index = new MessageIndex();
    for (let i = 0; i < 60; i++) index.add(message(`$${i}`, 'same', { timestamp: i }));
    const hits = index.search('same');
    expect(hits).toHaveLength(50);
    expect(hits[0]?.eventId).toBe('$59');
  });

  it('returns the message fields with the hit', () => {
    const index = new MessageIndex();
    const m = message('$1', 'hello', { roomId: '!r:hs', sender: '@bob:hs', senderName: 'Bob', timestamp: 7 });
    index.add(m);
    expect(index.search('hello')).toEqual([{ ...m, snippet: 'hello' }]);
  });
});

describe('MessageIndex snippets', () => {
  const before = 'a'.repeat(100);
  const after = 'z'.repeat(300);

  it('shows the text around the match with ellipses on both cut sides', () => {
    const index = new MessageIndex();
    index.add(message('$1', `${before} Réunion ${after}`));
    const [hit] = index.search('reunion');
    expect(hit).toBeDefined();
    const snippet = hit?.snippet ?? '';
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet).toContain('Réunion');
    // 40 characters of context before the match, 160 characters of body in all.
    expect(snippet).toBe(`…${'a'.repeat(39)} Réunion ${'z'.repeat(112)}…`);
  });

  it('has no leading ellipsis when the match is near the start, and none at the end when the text fits', () => {
    const index = new MessageIndex();
    index.add(message('$1', `Réunion ${after}`));
    index.add(message('$2', `${before} Réunion fin`));
    index.add(message('$3', 'Courte réunion'));
    const byId = new Map(index.search('reunion').map((h) => [h.eventId, h.snippet]));
    expect(byId.get('$1')).toBe(`Réunion ${'z'.repeat(152)}…`);
    expect(byId.get('$2')).toBe(`…${'a'.repeat(39)} Réunion fin`);
    expect(byId.get('$3')).toBe('Courte réunion');
  });

  it('starts at the beginning when only the sender’s name matched', () => {
    const index = new MessageIndex();
    index.add(message('$1', `${before} ${after}`, { senderName: 'Zoé' }));
    const [hit] = index.search('zoe');
    expect(hit?.snippet).toBe(`${before.slice(0, 100)} ${'z'.repeat(59)}…`);
  });
});

describe('MessageIndex updates', () => {
  it('an edit replaces the searchable text', () => {
    const index = new MessageIndex();
    index.add(message('$1', 'rendez-vous lundi'));
    index.edit('!a:hs', '$1', 'rendez-vous mardi');
    expect(index.search('lundi')).toEqual([]);
    expect(ids(index.search('mardi'))).toEqual(['$1']);
    expect(index.messagesOf('!a:hs')[0]).toMatchObject({ body: 'rendez-vous mardi', timestamp: 1_000 });
  });

  it('an edit of an unknown message or room is ignored', () => {
    const index = new MessageIndex();
    index.add(message('$1', 'texte'));
    index.takeDirtyRooms();
    index.edit('!a:hs', '$unknown', 'nouveau');
    index.edit('!other:hs', '$1', 'nouveau');
    expect(index.search('nouveau')).toEqual([]);
    expect(index.size()).toBe(1);
    expect(index.takeDirtyRooms()).toEqual([]);
  });

  it('remove takes the message out of results and marks the room dirty only if something was removed', () => {
    const index = new MessageIndex();
    index.add(message('$1', 'à supprimer'));
    index.takeDirtyRooms();
    index.remove('!a:hs', '$1');
    expect(index.search('supprimer')).toEqual([]);
    expect(index.size()).toBe(0);
    expect(index.takeDirtyRooms()).toEqual(['!a:hs']);
    index.remove('!a:hs', '$1');
    index.remove('!nowhere:hs', '$1');
    expect(index.takeDirtyRooms()).toEqual([]);
  });

  it('re-adding the same message unchanged does not mark the room dirty; a new sender name does', () => {
    const index = new MessageIndex();
    index.add(message('$1', 'x'));
    index.takeDirtyRooms();
    index.add(message('$1', 'x'));
    expect(index.takeDirtyRooms()).toEqual([]);
    index.add(message('$1', 'x', { senderName: 'Alice M.' }));
    expect(index.takeDirtyRooms()).toEqual(['!a:hs']);
    expect(ids(index.search('alice m.'))).toEqual(['$1']);
    expect(index.size()).toBe(1);
  });
});

describe('MessageIndex bounds and persistence hooks', () => {
  it(`keeps only the newest ${MAX_MESSAGES_PER_ROOM} messages per room, whatever the arrival order`, () => {
    const index = new MessageIndex();
    // Arrive newest first (as a back-fill would), then one older than all of them.
    for (let t = MAX_MESSAGES_PER_ROOM + 10; t > 10; t--) index.add(message(`$${t}`, 'm', { timestamp: t }));
    expect(index.messagesOf('!a:hs')).toHaveLength(MAX_MESSAGES_PER_ROOM);
    index.add(message('$ancient', 'm', { timestamp: 1 }));
    const kept = index.messagesOf('!a:hs');
    expect(kept).toHaveLength(MAX_MESSAGES_PER_ROOM);
    expect(kept.some((m) => m.eventId === '$ancient')).toBe(false);
    index.add(message('$newest', 'm', { timestamp: 10 ** 9 }));
    const times = index.messagesOf('!a:hs').map((m) => m.timestamp);
    expect(times).toHaveLength(MAX_MESSAGES_PER_ROOM);
    expect(Math.min(...times)).toBe(12);
    expect(Math.max(...times)).toBe(10 ** 9);
  });

  it('the cap is per room: other rooms are untouched', () => {
    const index = new MessageIndex();
    index.add(message('$b', 'm', { roomId: '!b:hs', timestamp: 0 }));
    for (let t = 1; t <= MAX_MESSAGES_PER_ROOM + 1; t++) index.add(message(`$${t}`, 'm', { timestamp: t }));
    expect(index.messagesOf('!b:hs')).toHaveLength(1);
    expect(index.size()).toBe(MAX_MESSAGES_PER_ROOM + 1);
  });

  it('takeDirtyRooms returns each changed room once, then nothing', () => {
    const index = new MessageIndex();
    index.add(message('$1', 'x'));
    index.add(message('$2', 'y'));
    index.add(message('$3', 'z', { roomId: '!b:hs' }));
    expect(index.takeDirtyRooms().sort()).toEqual(['!a:hs', '!b:hs']);
    expect(index.takeDirtyRooms()).toEqual([]);
  });

  it('load makes stored messages searchable without marking the room dirty, and trims to the cap', () => {
    const index = new MessageIndex();
    const stored = Array.from({ length: MAX_MESSAGES_PER_ROOM + 3 }, (_, i) => message(`$${i}`, 'archivé', { timestamp: i }));
    index.load('!a:hs', stored);
    expect(index.takeDirtyRooms()).toEqual([]);
    expect(index.messagesOf('!a:hs')).toHaveLength(MAX_MESSAGES_PER_ROOM);
    expect(index.messagesOf('!a:hs').some((m) => m.eventId === '$0')).toBe(false);
    expect(index.search('archive', 1)[0]?.eventId).toBe(`$${MAX_MESSAGES_PER_ROOM + 2}`);
  });

  it('load does not overwrite a message already indexed live (it may be newer, e.g. edited)', () => {
    const index = new MessageIndex();
    index.add(message('$1', 'texte corrigé'));
    index.load('!a:hs', [message('$1', 'texte original'), message('$2', 'autre')]);
    expect(index.messagesOf('!a:hs').find((m) => m.eventId === '$1')?.body).toBe('texte corrigé');
    expect(index.size()).toBe(2);
  });

  it('messagesOf an unknown room is empty', () => {
    expect(new MessageIndex().messagesOf('!none:hs')).toEqual([]);
  });
});

describe('MessageIndex regressions', () => {
  it('keeps the match in the snippet when the body is in decomposed form (NFD)', () => {
    // The match offset is taken in the folded text, which is shorter than the original by one
    // character per combining accent; the window is then cut from the original at that offset.
    const index = new MessageIndex();
    index.add(message('$1', `${'e\u0301'.repeat(150)} cible`));
    const [hit] = index.search('cible');
    expect(hit?.snippet).toContain('cible');
  });

  it('keeps a search to one room when asked', () => {
    const index = new MessageIndex();
    index.add({ eventId: '$a', roomId: '!one', sender: '@a:hs', senderName: 'Anne', timestamp: 1, body: 'budget 2027' });
    index.add({ eventId: '$b', roomId: '!two', sender: '@b:hs', senderName: 'Bruno', timestamp: 2, body: 'budget draft' });
    expect(index.search('budget').map((h) => h.eventId)).toEqual(['$b', '$a']);
    expect(index.search('budget', 50, '!one').map((h) => h.eventId)).toEqual(['$a']);
    expect(index.search('budget', 50, '!nowhere')).toEqual([]);
  });

  it('tells subscribers of each change, and only of real changes', () => {
    const index = new MessageIndex();
    let calls = 0;
    const stop = index.subscribe(() => (calls += 1));
    const message = { eventId: '$a', roomId: '!one', sender: '@a:hs', senderName: 'Anne', timestamp: 1, body: 'hello' };
    index.add(message);
    index.add(message);
    index.edit('!one', '$a', 'hello again');
    index.remove('!one', '$a');
    index.remove('!one', '$a');
    expect(calls).toBe(3);
    expect(index.version()).toBe(3);
    stop();
    index.add(message);
    expect(calls).toBe(3);
  });
});
