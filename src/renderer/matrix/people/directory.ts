// The two sources of people for the pickers: the homeserver's user directory, and the members of the
// rooms this client already knows (direct conversations first: those are the people one writes to).
import type { MatrixClient, Room } from 'matrix-js-sdk';
import type { Person } from './peopleSearch.ts';

/** The directory's answer for `term`; it decides which users are searchable (often: local users only). */
export async function searchDirectory(client: MatrixClient, term: string, limit = 20): Promise<Person[]> {
  const response = await client.searchUserDirectory({ term, limit });
  return response.results.map((result) => ({
    userId: result.user_id,
    displayName: result.display_name ?? null,
    avatarMxc: result.avatar_url ?? null,
  }));
}

/** Joined rooms with their loaded members, smallest first: two-person rooms are the likely choices. */
export function roomsWithMembers(client: MatrixClient): { members: Person[] }[] {
  return client
    .getRooms()
    .filter((room: Room) => room.getMyMembership() === 'join')
    .map((room) => room.getJoinedMembers())
    .sort((a, b) => a.length - b.length)
    .map((members) =>
      members.map((member) => ({
        userId: member.userId,
        displayName: member.rawDisplayName || null,
        avatarMxc: member.getMxcAvatarUrl() ?? null,
      })),
    )
    .map((members) => ({ members }));
}
