// Finding a person by what one remembers of them: part of their name or of their Matrix ID. Pure: the
// people one already shares rooms with (known at once, offline too) and the homeserver's user directory
// (as one types) are merged, ranked and trimmed here, so the pickers only show the result.
import { isValidUserId } from '../roomActions.ts';

export interface Person {
  userId: string;
  /** null when the person has not set one: the Matrix ID is shown instead. */
  displayName: string | null;
  avatarMxc: string | null;
}

/** How well a person matches what was typed; lower is better, null is no match. */
function matchRank(person: Person, term: string): number | null {
  const id = fold(person.userId);
  const localpart = id.slice(1).split(':')[0] ?? '';
  const name = fold(person.displayName ?? '');
  if (id === term || (term.startsWith('@') && id.startsWith(term))) return 0;
  if (name.startsWith(term)) return 1;
  if (localpart.startsWith(term)) return 2;
  if (name.split(/[\s\-_.']+/).some((word) => word.startsWith(term))) return 3;
  if (name.includes(term) || localpart.includes(term)) return 4;
  return null;
}

/** Case and accents do not matter: "eloise" finds "Éloïse". */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

export interface RankOptions {
  myUserId: string;
  /** People who cannot be chosen here (already members, already picked). */
  exclude?: ReadonlySet<string>;
  limit?: number;
}

/**
 * One list from both sources: each person once (the directory's profile completes a local one), best
 * matches first, then by name. The directory has already matched on the server (it may match on fields
 * we do not see), so its people are kept even when the name alone does not match, after the others.
 * A full Matrix ID that nobody in the list has is offered as it was typed: the directory does not list
 * everyone (other servers, private profiles) and that must not stop anyone from writing to them.
 */
export function rankPeople(
  rawTerm: string,
  known: readonly Person[],
  directory: readonly Person[],
  { myUserId, exclude = new Set(), limit = 10 }: RankOptions,
): Person[] {
  const term = fold(rawTerm);
  if (term === '') return [];
  const byId = new Map<string, Person>();
  for (const person of [...known, ...directory]) {
    if (person.userId === myUserId || exclude.has(person.userId)) continue;
    const seen = byId.get(person.userId);
    byId.set(
      person.userId,
      seen
        ? {
            userId: person.userId,
            displayName: seen.displayName ?? person.displayName,
            avatarMxc: seen.avatarMxc ?? person.avatarMxc,
          }
        : person,
    );
  }
  const fromDirectory = new Set(directory.map((person) => person.userId));
  const ranked = [...byId.values()]
    .map((person) => ({ person, rank: matchRank(person, term) ?? (fromDirectory.has(person.userId) ? 5 : null) }))
    .filter((entry): entry is { person: Person; rank: number } => entry.rank !== null)
    .sort((a, b) => a.rank - b.rank || label(a.person).localeCompare(label(b.person)))
    .map((entry) => entry.person);
  const typed = rawTerm.trim();
  if (isValidUserId(typed) && typed !== myUserId && !exclude.has(typed) && !byId.has(typed)) {
    ranked.unshift({ userId: typed, displayName: null, avatarMxc: null });
  }
  return ranked.slice(0, limit);
}

/** What a person is called in a list: their display name, or their Matrix ID when they have none. */
export function label(person: Person): string {
  return person.displayName?.trim() || person.userId;
}

/** Everyone in rooms one has joined, once each, up to `max` (a very large account must stay quick). */
export function knownPeople(rooms: readonly { members: readonly Person[] }[], myUserId: string, max = 5_000): Person[] {
  const people = new Map<string, Person>();
  for (const room of rooms) {
    for (const member of room.members) {
      if (member.userId === myUserId || people.has(member.userId)) continue;
      people.set(member.userId, member);
      if (people.size >= max) return [...people.values()];
    }
  }
  return [...people.values()];
}
