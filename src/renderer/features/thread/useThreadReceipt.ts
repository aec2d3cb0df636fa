import { ReceiptType, RoomEvent, type Room } from 'matrix-js-sdk';
import { useEffect, useRef } from 'react';
import { useClient } from '../../app/SessionContext.ts';
import { latestThreadReply } from '../../matrix/threadEvents.ts';
import { rendererLogger } from '../../platform/log.ts';

const log = rendererLogger('thread');

/**
 * Sends my threaded read receipt (thread_id = the root) on the thread's newest reply while its panel
 * shows it: the latest reply in view, the window visible and focused. The client runs without the
 * SDK's thread support, so the SDK would send an unthreaded receipt (which would mark the main
 * timeline read up to there too): the thread id is given here.
 */
export function useThreadReceipt(room: Room, rootId: string, latestInView: boolean): void {
  const client = useClient();
  const asked = useRef<string | null>(null);
  useEffect(() => {
    if (!latestInView) return;
    const me = client.getSafeUserId();
    const markRead = () => {
      if (document.visibilityState !== 'visible' || !document.hasFocus()) return;
      const latest = latestThreadReply(room, rootId);
      const id = latest?.getId();
      if (!latest || !id || latest.getSender() === me || room.hasUserReadEvent(me, id) || asked.current === id) return;
      asked.current = id;
      client.sendReceipt(latest, ReceiptType.Read, { thread_id: rootId }).catch((error: unknown) => {
        asked.current = null;
        log.swallow('sending a threaded receipt', 'info')(error);
      });
    };
    markRead();
    room.on(RoomEvent.Timeline, markRead);
    document.addEventListener('visibilitychange', markRead);
    window.addEventListener('focus', markRead);
    return () => {
      room.off(RoomEvent.Timeline, markRead);
      document.removeEventListener('visibilitychange', markRead);
      window.removeEventListener('focus', markRead);
    };
  }, [client, room, rootId, latestInView]);
}
