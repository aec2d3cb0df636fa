// One page of the room's thread list from the server (GET /_matrix/client/v1/rooms/{roomId}/threads,
// Matrix 1.4). Asked directly rather than through the SDK's helper, which picks an unstable prefix
// unless its own thread support (off in Relais) has probed the server first.
import { ClientPrefix, MatrixEvent, Method, type IEvent, type MatrixClient, type Room } from 'matrix-js-sdk';
import { readThreadAggregation, type ServerThread, type ThreadListFilter } from './threadList.ts';
import { stripReplyFallback } from './timeline.ts';

export const THREAD_PAGE_SIZE = 20;

interface ThreadsResponse {
  chunk?: Partial<IEvent>[];
  next_batch?: string;
}

export async function fetchThreadPage(
  client: Pick<MatrixClient, 'http' | 'decryptEventIfNeeded'>,
  room: Room,
  filter: ThreadListFilter,
  from: string | null,
): Promise<{ threads: ServerThread[]; nextBatch: string | null }> {
  const query: Record<string, string> = { include: filter, limit: String(THREAD_PAGE_SIZE) };
  if (from) query.from = from;
  const response = await client.http.authedRequest<ThreadsResponse>(
    Method.Get,
    `/rooms/${encodeURIComponent(room.roomId)}/threads`,
    query,
    undefined,
    { prefix: ClientPrefix.V1 },
  );
  const threads: ServerThread[] = [];
  for (const raw of response.chunk ?? []) {
    const thread = await toServerThread(client, room, raw);
    if (thread) threads.push(thread);
  }
  return { threads, nextBatch: response.next_batch ?? null };
}

async function toServerThread(
  client: Pick<MatrixClient, 'decryptEventIfNeeded'>,
  room: Room,
  raw: Partial<IEvent>,
): Promise<ServerThread | null> {
  const aggregation = readThreadAggregation(raw.unsigned);
  if (!raw.event_id || !raw.sender || typeof raw.origin_server_ts !== 'number' || !aggregation?.latest) return null;
  const root = new MatrixEvent(raw);
  // In an encrypted room the root's text needs the room's keys; without them the list says it is not readable.
  await client.decryptEventIfNeeded(root).catch(() => undefined);
  const content: Record<string, unknown> = root.getContent();
  const body = root.isRedacted() || root.isDecryptionFailure() ? null : content['body'];
  const nameOf = (userId: string) => room.getMember(userId)?.name ?? userId;
  return {
    rootId: raw.event_id,
    root: {
      sender: raw.sender,
      senderName: nameOf(raw.sender),
      timestamp: raw.origin_server_ts,
      body: typeof body === 'string' ? stripReplyFallback(body) : null,
    },
    replyCount: aggregation.count,
    latest: { ...aggregation.latest, senderName: nameOf(aggregation.latest.sender) },
    participated: aggregation.participated,
  };
}
