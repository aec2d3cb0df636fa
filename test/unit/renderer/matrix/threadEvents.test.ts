import { MatrixEvent, type Room } from 'matrix-js-sdk';
import { describe, expect, it } from 'vitest';
import {
  isMainTimelineEvent,
  latestThreadEventId,
  latestThreadReply,
  roomThreadSummaries,
  threadRootIdOf,
} from '../../../../src/renderer/matrix/threadEvents.ts';

function message(id: string, sender: string, ts: number, thread?: string, type = 'm.room.message'): MatrixEvent {
  const relation = thread ? { 'm.relates_to': { rel_type: 'm.thread', event_id: thread, is_falling_back: true } } : {};
  return new MatrixEvent({
    event_id: id,
    sender,
    type,
    origin_server_ts: ts,
    room_id: '!r:x',
    // An encrypted event keeps its relation in clear, beside the ciphertext.
    content:
      type === 'm.room.encrypted'
        ? { algorithm: 'm.megolm.v1.aes-sha2', ciphertext: 'x', ...relation }
        : { msgtype: 'm.text', body: id, ...relation },
  });
}

function roomOf(events: MatrixEvent[], read: readonly string[] = []): Room {
  return {
    roomId: '!r:x',
    getLiveTimeline: () => ({ getEvents: () => events }),
    hasUserReadEvent: (_user: string, id: string) => read.includes(id),
  } as unknown as Room;
}

describe('threadEvents', () => {
  const events = [
    message('$root', '@bob:x', 1),
    message('$t1', '@bob:x', 2, '$root'),
    message('$main', '@bob:x', 3),
    message('$t2', '@carol:x', 4, '$root', 'm.room.encrypted'),
  ];

  it('places replies by their relation, encrypted ones included', () => {
    expect(events.map(threadRootIdOf)).toEqual([null, '$root', null, '$root']);
    expect(events.filter(isMainTimelineEvent).map((e) => e.getId())).toEqual(['$root', '$main']);
  });

  it('summarises the room’s threads with my reads', () => {
    const summary = roomThreadSummaries(roomOf(events, ['$t1']), '@me:x').get('$root');
    expect(summary).toMatchObject({ replyCount: 2, unread: 1, latest: { eventId: '$t2', sender: '@carol:x' } });
  });

  it('finds the thread’s latest event, the root when it has no reply yet', () => {
    const room = roomOf(events);
    expect(latestThreadEventId(room, '$root')).toBe('$t2');
    expect(latestThreadEventId(room, '$main')).toBe('$main');
    expect(latestThreadReply(room, '$root')?.getId()).toBe('$t2');
    expect(latestThreadReply(room, '$main')).toBeNull();
  });
});
