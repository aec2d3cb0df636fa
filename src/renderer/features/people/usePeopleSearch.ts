// People matching what is typed: those one shares rooms with at once, the directory's after a short
// pause in typing (one request per pause, not per key), merged by rankPeople. A directory that cannot be
// reached (offline, or switched off on the server) leaves the known people, and says so.
import { useEffect, useMemo, useState } from 'react';
import { useClient } from '../../app/SessionContext.ts';
import { roomsWithMembers, searchDirectory } from '../../matrix/people/directory.ts';
import { knownPeople, rankPeople, type Person } from '../../matrix/people/peopleSearch.ts';

const PAUSE_MS = 200;

export type DirectoryStatus = 'idle' | 'searching' | 'done' | 'unavailable';

export function usePeopleSearch(term: string, exclude: ReadonlySet<string>) {
  const client = useClient();
  const myUserId = client.getSafeUserId();
  // Read once per opening: members joining meanwhile are found through the directory.
  const known = useMemo(() => knownPeople(roomsWithMembers(client), myUserId), [client, myUserId]);
  const [answer, setAnswer] = useState<{ term: string; people: Person[]; failed: boolean } | null>(null);
  const trimmed = term.trim();

  useEffect(() => {
    if (trimmed === '') return;
    let current = true;
    const timer = setTimeout(() => {
      searchDirectory(client, trimmed).then(
        (people) => current && setAnswer({ term: trimmed, people, failed: false }),
        () => current && setAnswer({ term: trimmed, people: [], failed: true }),
      );
    }, PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, trimmed]);

  const fresh = answer?.term === trimmed ? answer : null;
  const status: DirectoryStatus = trimmed === '' ? 'idle' : fresh === null ? 'searching' : fresh.failed ? 'unavailable' : 'done';
  // While the directory answers, the previous answer's people still count: the list does not flicker.
  const directory = fresh?.people ?? answer?.people;
  const people = useMemo(
    () => rankPeople(trimmed, known, directory ?? [], { myUserId, exclude }),
    [trimmed, known, directory, myUserId, exclude],
  );
  return { people, status };
}
