// The homeserver's public room directory, page by page, and joining a room by its address. Pure
// parsing here; the requests go through the client handed in.
import type { MatrixClient } from 'matrix-js-sdk';

export interface DirectoryRoom {
  roomId: string;
  name: string;
  topic: string;
  members: number;
  alias: string | null;
  avatarMxc: string | null;
  /** Anyone may join (join rule "public"); otherwise the room can only be viewed or knocked on. */
  joinable: boolean;
}

export interface DirectoryPage {
  rooms: DirectoryRoom[];
  /** Where the next page starts; null on the last page. */
  next: string | null;
}

/** How many rooms one "Show more" asks for. */
export const DIRECTORY_PAGE = 20;

interface PublicRoomChunk {
  room_id: string;
  name?: string;
  topic?: string;
  num_joined_members: number;
  canonical_alias?: string;
  avatar_url?: string;
  join_rule?: string;
}

export function toDirectoryRoom(chunk: PublicRoomChunk): DirectoryRoom {
  return {
    roomId: chunk.room_id,
    name: chunk.name?.trim() || chunk.canonical_alias || chunk.room_id,
    topic: chunk.topic?.trim() ?? '',
    members: chunk.num_joined_members,
    alias: chunk.canonical_alias ?? null,
    avatarMxc: chunk.avatar_url ?? null,
    // Absent means public: the directory lists rooms anyone may join unless it says otherwise.
    joinable: (chunk.join_rule ?? 'public') === 'public',
  };
}

export async function directoryPage(
  client: Pick<MatrixClient, 'publicRooms'>,
  filter: string,
  since: string | null,
): Promise<DirectoryPage> {
  const term = filter.trim();
  const response = await client.publicRooms({
    limit: DIRECTORY_PAGE,
    ...(since ? { since } : {}),
    ...(term ? { filter: { generic_search_term: term } } : {}),
  });
  return { rooms: response.chunk.map(toDirectoryRoom), next: response.next_batch ?? null };
}

export type RoomAddress = { kind: 'alias'; value: string } | { kind: 'id'; value: string };

/** "#name:server" or "!id:server" (a matrix.to link's fragment too), or null if it is neither. */
export function parseRoomAddress(typed: string): RoomAddress | null {
  let value = typed.trim();
  const link = /^https:\/\/matrix\.to\/#\/(.+)$/.exec(value);
  if (link?.[1]) value = decodeURIComponent(link[1].split('?')[0] ?? '');
  if (/^#[^\s:]+:[^\s]+$/.test(value)) return { kind: 'alias', value };
  if (/^![^\s:]+(:[^\s]+)?$/.test(value)) return { kind: 'id', value };
  return null;
}

/** Joins by address or id; resolves to the room id joined. */
export async function joinByAddress(client: Pick<MatrixClient, 'joinRoom'>, address: RoomAddress): Promise<string> {
  const room = await client.joinRoom(address.value);
  return room.roomId;
}
