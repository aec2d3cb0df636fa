import { describe, expect, it } from 'vitest';
import {
  hasMore,
  mayBeIncomplete,
  mergeThreadLists,
  pageFailed,
  pageLoaded,
  pageRequested,
  readThreadAggregation,
  startPaging,
  type LiveThreads,
  type ServerThread,
} from '../../../../src/renderer/matrix/threadList.ts';
import { summariseThreads, type ThreadReplyFacts } from '../../../../src/renderer/matrix/threads.ts';

function serverThread(rootId: string, latestTs: number, extra: Partial<ServerThread> = {}): ServerThread {
  return {
    rootId,
    root: { sender: '@ann:x', senderName: 'Ann', timestamp: 1, body: `root ${rootId}` },
    replyCount: 3,
    latest: { eventId: `${rootId}-latest`, sender: '@bob:x', senderName: 'Bob', timestamp: latestTs },
    participated: false,
    ...extra,
  };
}

function reply(eventId: string, rootId: string, timestamp: number, extra: Partial<ThreadReplyFacts> = {}): ThreadReplyFacts {
  return { eventId, rootId, sender: '@bob:x', senderName: 'Bob', timestamp, read: false, mine: false, ...extra };
}

function live(replies: ThreadReplyFacts[], myRoots: string[] = []): LiveThreads {
  return { replies, summaries: summariseThreads(replies), myRoots: new Set(myRoots) };
}

describe('readThreadAggregation', () => {
  it('reads the bundled m.thread summary of a root', () => {
    const unsigned = {
      'm.relations': {
        'm.thread': {
          count: 4,
          current_user_participated: true,
          latest_event: { event_id: '$l', sender: '@bob:x', origin_server_ts: 50, content: {} },
        },
      },
    };
    expect(readThreadAggregation(unsigned)).toEqual({
      count: 4,
      latest: { eventId: '$l', sender: '@bob:x', timestamp: 50 },
      participated: true,
    });
  });

  it('is null without a thread summary, and tolerates a malformed one', () => {
    expect(readThreadAggregation(undefined)).toBeNull();
    expect(readThreadAggregation({ 'm.relations': {} })).toBeNull();
    expect(readThreadAggregation({ 'm.relations': { 'm.thread': { count: 'x', latest_event: 3 } } })).toEqual({
      count: 0,
      latest: null,
      participated: false,
    });
  });
});

describe('thread list paging', () => {
  it('loads pages in turn, keeps one entry per root, and knows when there is more', () => {
    let paging = startPaging('all');
    expect(paging.loading).toBe(true);
    expect(hasMore(paging)).toBe(false);
    paging = pageLoaded(paging, 'all', [serverThread('$a', 30), serverThread('$b', 20)], 'next1');
    expect(hasMore(paging)).toBe(true);
    expect(paging.loading).toBe(false);
    paging = pageRequested(paging);
    // The same thread again (it moved between pages): the newer facts stay.
    paging = pageLoaded(paging, 'all', [serverThread('$b', 25), serverThread('$c', 10)], null);
    expect(paging.threads.map((t) => [t.rootId, t.latest.timestamp])).toEqual([
      ['$a', 30],
      ['$b', 25],
      ['$c', 10],
    ]);
    expect(hasMore(paging)).toBe(false);
    expect(mayBeIncomplete(paging)).toBe(false);
  });

  it('drops a page of a filter no longer shown', () => {
    const paging = startPaging('participated');
    expect(pageLoaded(paging, 'all', [serverThread('$a', 30)], null)).toBe(paging);
    expect(pageFailed(paging, 'all')).toBe(paging);
  });

  it('a failure keeps what was loaded and says the list may be incomplete', () => {
    let paging = pageLoaded(startPaging('all'), 'all', [serverThread('$a', 30)], 'next');
    paging = pageFailed(pageRequested(paging), 'all');
    expect(paging.threads).toHaveLength(1);
    expect(paging.nextBatch).toBe('next');
    expect(mayBeIncomplete(paging)).toBe(true);
    expect(pageRequested(paging).failed).toBe(false);
  });
});

describe('mergeThreadLists', () => {
  it('lists server threads with roots far back, and threads only the timeline knows, most recent first', () => {
    const merged = mergeThreadLists([serverThread('$old', 10)], live([reply('$r1', '$new', 40)]), 'all');
    expect(merged.map((t) => t.rootId)).toEqual(['$new', '$old']);
    expect(merged[1]?.root?.body).toBe('root $old');
    expect(merged[0]?.root).toBeNull();
    expect(merged[0]?.unread).toBe(1);
  });

  it('adds the live replies that came after the server’s latest, by id when the timeline holds it', () => {
    const server = [serverThread('$t', 10, { latest: { eventId: '$l', sender: '@bob:x', senderName: 'Bob', timestamp: 10 } })];
    const byId = mergeThreadLists(server, live([reply('$l', '$t', 10), reply('$n', '$t', 10)]), 'all');
    expect(byId[0]?.replyCount).toBe(4);
    expect(byId[0]?.latest.eventId).toBe('$n');
    const byTime = mergeThreadLists(server, live([reply('$older', '$t', 5), reply('$n', '$t', 12)]), 'all');
    expect(byTime[0]?.replyCount).toBe(4);
    const none = mergeThreadLists(server, live([reply('$older', '$t', 5)]), 'all');
    expect(none[0]?.replyCount).toBe(3);
    expect(none[0]?.latest.eventId).toBe('$l');
  });

  it('with "My threads", keeps the server’s list and only the live threads I started or replied in', () => {
    const replies = [reply('$r1', '$others', 40), reply('$r2', '$replied', 30, { mine: true }), reply('$r3', '$started', 20)];
    const merged = mergeThreadLists(
      [serverThread('$mine', 5, { participated: true })],
      live(replies, ['$started']),
      'participated',
    );
    expect(merged.map((t) => t.rootId)).toEqual(['$replied', '$started', '$mine']);
  });
});
