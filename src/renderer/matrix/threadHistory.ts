// A thread whose root is further back than the loaded timeline (opened from the server's thread
// list): its root and latest replies are asked of the server, decrypted, and shown with whatever
// the live timeline adds. Only the newest page of replies: a longer thread shows its latest ones.
import { Direction, MatrixEvent, type IEvent, type MatrixClient, type Room } from 'matrix-js-sdk';
import { THREAD_REL_TYPE } from './threads.ts';

export const THREAD_HISTORY_LIMIT = 50;

export async function fetchThreadHistory(
  client: Pick<MatrixClient, 'fetchRoomEvent' | 'fetchRelations' | 'decryptEventIfNeeded'>,
  room: Room,
  rootId: string,
): Promise<MatrixEvent[]> {
  const [root, relations] = await Promise.all([
    client.fetchRoomEvent(room.roomId, rootId),
    client.fetchRelations(room.roomId, rootId, THREAD_REL_TYPE, null, { dir: Direction.Backward, limit: THREAD_HISTORY_LIMIT }),
  ]);
  const raws: Partial<IEvent>[] = [root, ...[...relations.chunk].reverse()];
  return Promise.all(
    raws.map(async (raw) => {
      const event = new MatrixEvent(raw);
      // Not from the room's timeline, so not tied to its members yet: named as the timeline's are.
      event.sender = room.getMember(event.getSender() ?? '');
      await client.decryptEventIfNeeded(event).catch(() => undefined);
      return event;
    }),
  );
}
