import type { MatrixClient } from 'matrix-js-sdk';
import { describe, expect, it } from 'vitest';
import type { BlobStore, NewEntry } from '../../../../src/renderer/matrix/outbox/matrixOutbox.ts';
import type { Outbox } from '../../../../src/renderer/matrix/outbox/outboxRunner.ts';
import { sendThreadReply } from '../../../../src/renderer/matrix/sendActions.ts';

function context() {
  const added: NewEntry[] = [];
  const outbox = { add: (entry: NewEntry) => Promise.resolve(void added.push(entry)) } as unknown as Outbox;
  return { added, ctx: { outbox, blobs: {} as BlobStore, client: {} as unknown as MatrixClient } };
}

describe('sendThreadReply', () => {
  it('queues the reply in the outbox with its thread relation and a fixed transaction id', async () => {
    const { added, ctx } = context();
    await sendThreadReply(ctx, '!r:x', { rootId: '$root', latestEventId: '$latest', replyToEventId: null }, 'Moi, avant *jeudi*');
    expect(added).toHaveLength(1);
    const entry = added[0];
    expect(entry?.kind).toBe('message');
    expect(entry?.txnId).toMatch(/^relais\./);
    expect(entry?.content).toMatchObject({
      msgtype: 'm.text',
      body: 'Moi, avant *jeudi*',
      'm.relates_to': {
        rel_type: 'm.thread',
        event_id: '$root',
        is_falling_back: true,
        'm.in_reply_to': { event_id: '$latest' },
      },
    });
  });

  it('answers one message of the thread as a real reply', async () => {
    const { added, ctx } = context();
    await sendThreadReply(ctx, '!r:x', { rootId: '$root', latestEventId: '$latest', replyToEventId: '$t1' }, 'Oui');
    expect(added[0]?.kind).toBe('reply');
    expect(added[0]?.content['m.relates_to']).toEqual({
      rel_type: 'm.thread',
      event_id: '$root',
      is_falling_back: false,
      'm.in_reply_to': { event_id: '$t1' },
    });
  });
});
