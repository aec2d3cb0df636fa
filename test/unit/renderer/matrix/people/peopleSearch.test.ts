import { describe, expect, it } from 'vitest';
import { fold, knownPeople, label, rankPeople, type Person } from '../../../../../src/renderer/matrix/people/peopleSearch.ts';

const person = (userId: string, displayName: string | null = null, avatarMxc: string | null = null): Person => ({
  userId,
  displayName,
  avatarMxc,
});
const ME = '@marianne:relais.test';
const ids = (people: readonly Person[]) => people.map((p) => p.userId);

describe('rankPeople', () => {
  const known = [
    person('@jules:relais.test', 'Jules Ferry'),
    person('@julie:relais.test', 'Julie Martin'),
    person('@eloise:relais.test', 'Éloïse Dupont'),
    person('@bob:relais.test', 'Robert (Bob) Jullien'),
    person(ME, 'Marianne'),
  ];

  it('finds people by the start of their name or Matrix ID, best matches first, then by name', () => {
    expect(ids(rankPeople('jul', known, [], { myUserId: ME }))).toEqual([
      '@jules:relais.test',
      '@julie:relais.test',
      '@bob:relais.test',
    ]);
  });

  it('ignores case and accents, and matches any word of the name', () => {
    expect(ids(rankPeople('ELOISE', known, [], { myUserId: ME }))).toEqual(['@eloise:relais.test']);
    expect(ids(rankPeople('dupont', known, [], { myUserId: ME }))).toEqual(['@eloise:relais.test']);
    expect(fold('  Éloïse ')).toBe('eloise');
  });

  it('never offers oneself, nor people excluded (already members)', () => {
    expect(ids(rankPeople('mar', known, [], { myUserId: ME }))).toEqual(['@julie:relais.test']);
    expect(ids(rankPeople('jul', known, [], { myUserId: ME, exclude: new Set(['@jules:relais.test']) }))).toEqual([
      '@julie:relais.test',
      '@bob:relais.test',
    ]);
  });

  it('lists each person once, the directory completing what the room members lacked', () => {
    const directory = [person('@jules:relais.test', 'Jules F.', 'mxc://relais.test/a'), person('@julien:relais.test', 'Julien')];
    const found = rankPeople('jul', [person('@jules:relais.test', null)], directory, { myUserId: ME });
    expect(found).toEqual([
      person('@jules:relais.test', 'Jules F.', 'mxc://relais.test/a'),
      person('@julien:relais.test', 'Julien'),
    ]);
  });

  it('keeps what the directory matched on fields we cannot see, after the visible matches', () => {
    const directory = [person('@x123:relais.test', 'Agent 123'), person('@jules:relais.test', 'Jules')];
    expect(ids(rankPeople('jul', [], directory, { myUserId: ME }))).toEqual(['@jules:relais.test', '@x123:relais.test']);
  });

  it('offers a full Matrix ID as typed when nobody listed has it (other servers, private profiles)', () => {
    expect(rankPeople(' @ana:other.example ', known, [], { myUserId: ME })).toEqual([person('@ana:other.example')]);
    expect(ids(rankPeople('@jules:relais.test', known, [], { myUserId: ME }))).toEqual(['@jules:relais.test']);
    expect(rankPeople(ME, known, [], { myUserId: ME })).toEqual([]);
    expect(rankPeople('@half', known, [], { myUserId: ME })).toEqual([]);
  });

  it('returns nothing for an empty term, and at most `limit` people', () => {
    expect(rankPeople('   ', known, [], { myUserId: ME })).toEqual([]);
    const many = Array.from({ length: 30 }, (_, i) => person(`@user${i}:relais.test`, `User ${i}`));
    expect(rankPeople('user', many, [], { myUserId: ME, limit: 10 })).toHaveLength(10);
  });
});

describe('knownPeople', () => {
  it('collects each member once across rooms, without oneself, up to a bound', () => {
    const rooms = [{ members: [person(ME), person('@a:x')] }, { members: [person('@a:x'), person('@b:x'), person('@c:x')] }];
    expect(ids(knownPeople(rooms, ME))).toEqual(['@a:x', '@b:x', '@c:x']);
    expect(ids(knownPeople(rooms, ME, 2))).toEqual(['@a:x', '@b:x']);
  });
});

describe('label', () => {
  it('is the display name, or the Matrix ID when there is none', () => {
    expect(label(person('@a:x', 'Ana'))).toBe('Ana');
    expect(label(person('@a:x', '  '))).toBe('@a:x');
    expect(label(person('@a:x'))).toBe('@a:x');
  });
});
