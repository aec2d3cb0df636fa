import type { MatrixClient, MatrixEvent, Room } from 'matrix-js-sdk';
import { MatrixEvent as RealMatrixEvent } from 'matrix-js-sdk';
import { describe, expect, it } from 'vitest';
import {
  combineCounts,
  countUnread,
  oldestCounted,
  roomUnreadCounts,
  withGapEvents,
  type UnreadEventFacts,
} from '../../../../src/renderer/matrix/unreadCounts.ts';

const read: UnreadEventFacts = { read: true, mine: false, notify: true, highlight: false };
const mine: UnreadEventFacts = { read: false, mine: true, notify: false, highlight: false };
const message: UnreadEventFacts = { read: false, mine: false, notify: true, highlight: false };
const mention: UnreadEventFacts = { read: false, mine: false, notify: true, highlight: true };
const quiet: UnreadEventFacts = { read: false, mine: false, notify: false, highlight: false };

describe('countUnread', () => {
  it('counts the notifying events after the last read one, mentions among them', () => {
    expect(countUnread([message, read, message, quiet, mention])).toEqual({ unread: 2, mentions: 1, exact: true });
  });

  it('stops at my own message: what I wrote after, I have read before', () => {
    expect(countUnread([message, message, mine, message])).toEqual({ unread: 1, mentions: 0, exact: true });
  });

  it('is zero and exact when the newest event is read', () => {
    expect(countUnread([message, mention, read])).toEqual({ unread: 0, mentions: 0, exact: true });
    expect(countUnread([])).toEqual({ unread: 0, mentions: 0, exact: true });
  });

  it('is a lower bound when the loaded timeline ends before anything read', () => {
    expect(countUnread([message, mention])).toEqual({ unread: 2, mentions: 1, exact: false });
  });

  it('does not count a highlight that does not notify (a muted room)', () => {
    expect(countUnread([read, { ...quiet, highlight: true }])).toEqual({ unread: 0, mentions: 0, exact: true });
  });
});

describe('combineCounts', () => {
  it('trusts exact local counts over stale server ones (just marked as read)', () => {
    expect(combineCounts({ unread: 0, mentions: 0, exact: true }, { unread: 4, mentions: 1 })).toEqual({
      unread: 0,
      mentions: 0,
    });
  });

  it('takes the larger of each when the local walk was cut short', () => {
    // Sliding sync: the server says 0; the client saw 2.
    expect(combineCounts({ unread: 2, mentions: 1, exact: false }, { unread: 0, mentions: 0 })).toEqual({
      unread: 2,
      mentions: 1,
    });
    // Classic sync: the server counts history the client has not loaded.
    expect(combineCounts({ unread: 2, mentions: 0, exact: false }, { unread: 30, mentions: 3 })).toEqual({
      unread: 30,
      mentions: 3,
    });
  });
});

describe('roomUnreadCounts', () => {
  interface Spec {
    id: string;
    sender: string;
    actions?: { notify: boolean; tweaks: { highlight?: boolean } } | null;
    /** The root of the thread it replies in. */
    thread?: string;
  }
  function setup(
    events: Spec[],
    readUpTo: string | null,
    server = { total: 0, highlight: 0 },
    fullyRead: string | null = null,
    alsoRead: readonly string[] = [],
  ) {
    const order = events.map((e) => e.id);
    const room = {
      roomId: '!r:x',
      getAccountData: (type: string) =>
        type === 'm.fully_read' && fullyRead ? { getContent: () => ({ event_id: fullyRead }) } : undefined,
      getLiveTimeline: () => ({
        getEvents: () =>
          events.map((e) => ({
            getId: () => e.id,
            getSender: () => e.sender,
            isState: () => false,
            getWireContent: () => (e.thread ? { 'm.relates_to': { rel_type: 'm.thread', event_id: e.thread } } : {}),
            spec: e,
          })),
      }),
      hasUserReadEvent: (_user: string, id: string) =>
        alsoRead.includes(id) || (readUpTo !== null && order.indexOf(id) <= order.indexOf(readUpTo)),
      getUnreadNotificationCount: (type?: string) => (type === 'highlight' ? server.highlight : server.total),
    } as unknown as Room;
    const client = {
      getSafeUserId: () => '@me:x',
      getPushActionsForEvent: (event: MatrixEvent & { spec: Spec }) =>
        event.spec.actions === undefined ? { notify: true, tweaks: {} } : event.spec.actions,
    } as unknown as MatrixClient;
    return roomUnreadCounts(client, room);
  }

  it('stops at my read marker when no receipt is known for the events held (sliding sync)', () => {
    const counts = setup(
      [
        { id: '$1', sender: '@bob:x' },
        { id: '$2', sender: '@bob:x' },
        { id: '$3', sender: '@bob:x' },
      ],
      null,
      undefined,
      '$1',
    );
    expect(counts).toEqual({ unread: 2, mentions: 0 });
  });

  it('counts messages from others after my receipt, by my push rules', () => {
    const counts = setup(
      [
        { id: '$1', sender: '@bob:x' },
        { id: '$2', sender: '@bob:x' },
        { id: '$3', sender: '@bob:x', actions: { notify: true, tweaks: { highlight: true } } },
        { id: '$4', sender: '@bob:x', actions: { notify: false, tweaks: {} } }, // a reaction, say
        { id: '$5', sender: '@bob:x' },
      ],
      '$1',
    );
    expect(counts).toEqual({ unread: 3, mentions: 1 });
  });

  it('counts each thread after its own receipt, and the main timeline after the main one', () => {
    const events: Spec[] = [
      { id: '$root', sender: '@bob:x' },
      { id: '$t1', sender: '@bob:x', thread: '$root' },
      { id: '$t2', sender: '@bob:x', thread: '$root' },
      { id: '$m1', sender: '@bob:x' },
      { id: '$t3', sender: '@bob:x', thread: '$root' },
    ];
    // The main timeline read up to $m1 (which covers $t1, $t2 before it): only $t3 is unread.
    expect(setup(events, '$m1')).toEqual({ unread: 1, mentions: 0 });
    // The thread read to its end (a threaded receipt) while the main timeline was not: $m1 only, and
    // the thread's read reply does not end the main timeline's walk.
    expect(setup(events, '$root', undefined, null, ['$t1', '$t2', '$t3'])).toEqual({ unread: 1, mentions: 0 });
  });

  it('ignores push rules not loaded yet (no actions)', () => {
    expect(setup([{ id: '$1', sender: '@bob:x', actions: null }], null)).toEqual({ unread: 0, mentions: 0 });
  });

  it('is zero after my own message, whatever the server still says', () => {
    expect(
      setup(
        [
          { id: '$1', sender: '@bob:x' },
          { id: '$2', sender: '@me:x' },
        ],
        null,
        { total: 5, highlight: 1 },
      ),
    ).toEqual({
      unread: 0,
      mentions: 0,
    });
  });

  it("keeps the server's larger count when the receipt is older than the loaded timeline", () => {
    expect(setup([{ id: '$9', sender: '@bob:x' }], null, { total: 12, highlight: 2 })).toEqual({ unread: 12, mentions: 2 });
  });
});

describe('withGapEvents', () => {
  const at = (id: string, ts: number) =>
    new RealMatrixEvent({ event_id: id, origin_server_ts: ts, type: 'm.room.message', content: {} });
  it('puts skipped events back where they happened, and never twice', () => {
    const timeline = [at('$read', 1), at('$newest', 5)];
    const merged = withGapEvents(timeline, [at('$skipped', 4), at('$newest', 5)]);
    expect(merged.map((e) => e.getId())).toEqual(['$read', '$skipped', '$newest']);
  });

  it('leaves the timeline as it is when nothing was skipped', () => {
    const timeline = [at('$a', 1), at('$b', 2)];
    expect(withGapEvents(timeline, []).map((e) => e.getId())).toEqual(['$a', '$b']);
  });
});

describe('oldestCounted', () => {
  const main = (settled: boolean) => ({ thread: null, settled });
  const inThread = (settled: boolean) => ({ thread: '$root', settled });

  it('the last read (or own) event of the main timeline: nothing before it is counted', () => {
    expect(oldestCounted([main(false), main(true), main(false), main(true), main(false)])).toBe(3);
  });

  it('each thread is walked to its own last read event: the earliest of those', () => {
    expect(oldestCounted([main(false), inThread(true), main(true), inThread(false), main(false)])).toBe(1);
    expect(oldestCounted([inThread(true), main(true), inThread(false)])).toBe(0);
  });

  it('0 when a walk reads everything (no read event held), and for no events', () => {
    expect(oldestCounted([main(true), inThread(false)])).toBe(0);
    expect(oldestCounted([main(false), main(false)])).toBe(0);
    expect(oldestCounted([])).toBe(0);
  });
});
