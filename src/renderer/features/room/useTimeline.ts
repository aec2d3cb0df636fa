import { ClientEvent, MatrixEventEvent, RoomEvent, type MatrixClient, type Room } from 'matrix-js-sdk';
import { useEffect, useState } from 'react';
import { buildTimeline, type TimelineItem } from '../../matrix/timeline.ts';

/** The room's timeline items, rebuilt (at most once a frame) when anything that shows in it changes. */
export function useTimeline(client: MatrixClient, room: Room): TimelineItem[] {
  const myUserId = client.getSafeUserId();
  const [items, setItems] = useState<TimelineItem[]>(() => buildTimeline(room, myUserId));
  useEffect(() => {
    let frame = 0;
    const refresh = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        setItems(buildTimeline(room, myUserId));
      });
    };
    refresh();
    const roomEvents = [RoomEvent.Timeline, RoomEvent.LocalEchoUpdated, RoomEvent.Redaction, RoomEvent.TimelineReset] as const;
    roomEvents.forEach((e) => client.on(e, refresh));
    client.on(MatrixEventEvent.Decrypted, refresh);
    client.on(ClientEvent.Sync, refresh);
    return () => {
      cancelAnimationFrame(frame);
      roomEvents.forEach((e) => client.off(e, refresh));
      client.off(MatrixEventEvent.Decrypted, refresh);
      client.off(ClientEvent.Sync, refresh);
    };
  }, [client, room, myUserId]);
  return items;
}
