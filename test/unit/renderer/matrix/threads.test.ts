import { describe, expect, it } from 'vitest';
import {
  isFallbackReply,
  mainTimelineEntries,
  summariseThreads,
  threadEntries,
  threadRelation,
  threadRootOfContent,
  threadRootOfRelation,
  threadsByActivity,
  unreadThreadCount,
  type ThreadReplyFacts,
} from '../../../../src/renderer/matrix/threads.ts';

function reply(eventId: string, rootId: string, sender: string, timestamp: number, extra: Partial<ThreadReplyFacts> = {}) {
  return {
    eventId,
    rootId,
    sender,
    senderName: sender.slice(1, sender.indexOf(':')),
    timestamp,
    read: false,
    mine: false,
    ...extra,
  };
}

describe('threadRootOfRelation', () => {
  it('names the root of an m.thread relation only', () => {
    expect(threadRootOfRelation({ rel_type: 'm.thread', event_id: '$root' })).toBe('$root');
    expect(threadRootOfRelation({ rel_type: 'm.replace', event_id: '$root' })).toBeNull();
    expect(threadRootOfRelation({ 'm.in_reply_to': { event_id: '$x' } })).toBeNull();
    expect(threadRootOfRelation({ rel_type: 'm.thread', event_id: 42 })).toBeNull();
    expect(threadRootOfRelation(undefined)).toBeNull();
    expect(threadRootOfContent({ body: 'hi', 'm.relates_to': { rel_type: 'm.thread', event_id: '$r' } })).toBe('$r');
  });
});

describe('threadRelation', () => {
  it('is a fallback reply to the latest event of the thread when answering no message in particular', () => {
    expect(threadRelation('$root', '$latest', null)).toEqual({
      rel_type: 'm.thread',
      event_id: '$root',
      is_falling_back: true,
      'm.in_reply_to': { event_id: '$latest' },
    });
  });

  it('is a real reply (not a fallback) when answering one message of the thread', () => {
    expect(threadRelation('$root', '$latest', '$answered')).toEqual({
      rel_type: 'm.thread',
      event_id: '$root',
      is_falling_back: false,
      'm.in_reply_to': { event_id: '$answered' },
    });
  });

  it('tells a fallback quote (not shown) from a real reply (shown)', () => {
    expect(isFallbackReply(threadRelation('$r', '$l', null))).toBe(true);
    expect(isFallbackReply(threadRelation('$r', '$l', '$a'))).toBe(false);
    // Spec: a missing is_falling_back means a fallback.
    expect(isFallbackReply({ rel_type: 'm.thread', event_id: '$r', 'm.in_reply_to': { event_id: '$r' } })).toBe(true);
    expect(isFallbackReply({ 'm.in_reply_to': { event_id: '$x' } })).toBe(false);
  });
});

describe('summariseThreads', () => {
  it('counts replies per root, with the latest reply and the participants in order', () => {
    const summaries = summariseThreads([
      reply('$1', '$a', '@bob:x', 1),
      reply('$2', '$b', '@carol:x', 2),
      reply('$3', '$a', '@carol:x', 3),
      reply('$4', '$a', '@bob:x', 4),
    ]);
    expect(summaries.get('$a')).toEqual({
      rootId: '$a',
      replyCount: 3,
      latest: { eventId: '$4', sender: '@bob:x', senderName: 'bob', timestamp: 4 },
      participants: ['bob', 'carol'],
      unread: 3,
    });
    expect(summaries.get('$b')?.replyCount).toBe(1);
  });

  it('counts as unread the replies from others after the last one I read or wrote', () => {
    const summaries = summariseThreads([
      reply('$1', '$a', '@bob:x', 1),
      reply('$2', '$a', '@bob:x', 2, { read: true }),
      reply('$3', '$a', '@bob:x', 3),
      reply('$4', '$a', '@bob:x', 4),
      reply('$5', '$b', '@bob:x', 5),
      reply('$6', '$b', '@me:x', 6, { mine: true }),
    ]);
    expect(summaries.get('$a')?.unread).toBe(2);
    expect(summaries.get('$b')?.unread).toBe(0);
    expect(unreadThreadCount(summaries.values())).toBe(1);
  });

  it('lists threads by latest activity, newest first', () => {
    const summaries = summariseThreads([
      reply('$1', '$old', '@b:x', 10),
      reply('$2', '$new', '@b:x', 20),
      reply('$3', '$mid', '@b:x', 15),
    ]);
    expect(threadsByActivity(summaries.values()).map((s) => s.rootId)).toEqual(['$new', '$mid', '$old']);
  });
});

describe('outbox entries', () => {
  it('keeps thread replies out of the room’s waiting list and in their thread’s', () => {
    const main = { txnId: 'm', content: { body: 'hello' } };
    const inA = { txnId: 'a', content: { body: 'in a', 'm.relates_to': threadRelation('$a', '$a', null) } };
    const inB = { txnId: 'b', content: { body: 'in b', 'm.relates_to': threadRelation('$b', '$b', null) } };
    const reply = { txnId: 'r', content: { body: 'reply', 'm.relates_to': { 'm.in_reply_to': { event_id: '$x' } } } };
    expect(mainTimelineEntries([main, inA, inB, reply]).map((e) => e.txnId)).toEqual(['m', 'r']);
    expect(threadEntries([main, inA, inB, reply], '$a').map((e) => e.txnId)).toEqual(['a']);
  });
});
