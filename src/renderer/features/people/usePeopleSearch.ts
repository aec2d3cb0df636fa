// People matching what is typed: those one shares rooms with at once, the directory's after a short
// pause in typing (one request per pause, not per key), merged by rankPeople. A directory that cannot be
// reached (offline, or switched off on the server) leaves the known people, and says so.
// In Tchap mode an e-mail address is looked up on the identity server instead (as Tchap does); outside
// Tchap mode it is never sent to one.
import type { MatrixClient } from 'matrix-js-sdk';
import { useEffect, useMemo, useState } from 'react';
import { useAppConfig } from '../../app/AppConfigContext.ts';
import { useClient } from '../../app/SessionContext.ts';
import { roomsWithMembers, searchDirectory } from '../../matrix/people/directory.ts';
import { knownPeople, rankPeople, type Person } from '../../matrix/people/peopleSearch.ts';
import { normaliseEmail } from '../../matrix/tchap/discovery.ts';
import { lookupEmailFor } from '../../matrix/tchap/identitySession.ts';

const PAUSE_MS = 200;

export type DirectoryStatus = 'idle' | 'searching' | 'done' | 'unavailable' | 'no-account' | 'lookup-unavailable';

interface Answer {
  term: string;
  people: Person[];
  status: 'done' | 'unavailable' | 'no-account' | 'lookup-unavailable';
}

async function searchByEmail(client: MatrixClient, term: string, email: string): Promise<Answer> {
  const result = await lookupEmailFor(client, email);
  if (result.kind === 'not-found') return { term, people: [], status: 'no-account' };
  if (result.kind === 'unavailable') return { term, people: [], status: 'lookup-unavailable' };
  // The profile only adds a name and picture to the found account: without it the Matrix ID is shown.
  const profile = await client.getProfileInfo(result.userId).catch(() => null);
  const person = { userId: result.userId, displayName: profile?.displayname ?? null, avatarMxc: profile?.avatar_url ?? null };
  return { term, people: [person], status: 'done' };
}

async function searchByName(client: MatrixClient, term: string): Promise<Answer> {
  return searchDirectory(client, term).then(
    (people): Answer => ({ term, people, status: 'done' }),
    (): Answer => ({ term, people: [], status: 'unavailable' }),
  );
}

export function usePeopleSearch(term: string, exclude: ReadonlySet<string>) {
  const client = useClient();
  const tchap = useAppConfig().tchap?.enabled === true;
  const myUserId = client.getSafeUserId();
  // Read once per opening: members joining meanwhile are found through the directory.
  const known = useMemo(() => knownPeople(roomsWithMembers(client), myUserId), [client, myUserId]);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const trimmed = term.trim();
  const email = tchap ? normaliseEmail(trimmed) : null;

  useEffect(() => {
    if (trimmed === '') return;
    let current = true;
    const timer = setTimeout(() => {
      void (email ? searchByEmail(client, trimmed, email) : searchByName(client, trimmed)).then(
        (found) => current && setAnswer(found),
      );
    }, PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, trimmed, email]);

  const fresh = answer?.term === trimmed ? answer : null;
  const status: DirectoryStatus = trimmed === '' ? 'idle' : fresh === null ? 'searching' : fresh.status;
  // While the directory answers, the previous answer's people still count: the list does not flicker.
  const directory = fresh?.people ?? answer?.people;
  const people = useMemo(() => {
    const ranked = rankPeople(trimmed, known, email ? [] : (directory ?? []), { myUserId, exclude });
    // An address's owner is the answer itself: their name need not match what was typed.
    if (!email || !fresh) return ranked;
    return fresh.people.filter((person) => person.userId !== myUserId && !exclude.has(person.userId));
  }, [trimmed, known, directory, myUserId, exclude, email, fresh]);
  return { people, status };
}
