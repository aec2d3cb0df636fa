import type { MatrixClient } from 'matrix-js-sdk';
import { describe, expect, it } from 'vitest';
import type { BlobStore, NewEntry } from '../../../../src/renderer/matrix/outbox/matrixOutbox.ts';
import type { Outbox } from '../../../../src/renderer/matrix/outbox/outboxRunner.ts';
import { sendFiles, sendThreadReply } from '../../../../src/renderer/matrix/sendActions.ts';

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

describe('sendFiles', () => {
  function fileContext() {
    const { added, ctx } = context();
    const stored = new Map<string, ArrayBuffer>();
    const blobs = { put: (k: string, b: ArrayBuffer) => Promise.resolve(void stored.set(k, b)) } as unknown as BlobStore;
    const client = { getMediaConfig: () => Promise.resolve({ 'm.upload.size': 1024 }) } as unknown as MatrixClient;
    return { added, stored, ctx: { ...ctx, blobs, client } };
  }
  const file = (name: string, bytes = 'x') => new File([bytes], name, { type: 'text/plain' });

  it('queues one entry per file, each with its own caption (none when empty), bytes stored by transaction id', async () => {
    const { added, stored, ctx } = fileContext();
    await sendFiles(ctx, '!r:x', [
      { file: file('a.txt'), caption: 'Le **premier**' },
      { file: file('b.txt'), caption: '' },
      { file: file('c.txt'), caption: 'Le dernier' },
    ]);
    expect(added.map((e) => e.kind)).toEqual(['file', 'file', 'file']);
    expect(added.map((e) => (e.content['caption'] as { body?: string } | undefined)?.body)).toEqual([
      'Le **premier**',
      undefined,
      'Le dernier',
    ]);
    expect(added[0]?.content['caption']).toMatchObject({ formatted_body: 'Le <strong>premier</strong>' });
    expect(added.every((e) => e.content['m.relates_to'] === undefined)).toBe(true);
    expect([...stored.keys()]).toEqual(added.map((e) => e.txnId));
  });

  it('in a thread, each file carries the thread relation a message there has', async () => {
    const { added, ctx } = fileContext();
    await sendFiles(ctx, '!r:x', [{ file: file('a.txt'), caption: '' }], {
      rootId: '$root',
      latestEventId: '$latest',
      replyToEventId: null,
    });
    expect(added[0]?.content['m.relates_to']).toEqual({
      rel_type: 'm.thread',
      event_id: '$root',
      is_falling_back: true,
      'm.in_reply_to': { event_id: '$latest' },
    });
  });

  it('one file over the limit refuses them all before anything is queued', async () => {
    const { added, ctx } = fileContext();
    await expect(
      sendFiles(ctx, '!r:x', [
        { file: file('ok.txt'), caption: '' },
        { file: file('big.txt', 'y'.repeat(2048)), caption: '' },
      ]),
    ).rejects.toThrow(/big\.txt/);
    expect(added).toHaveLength(0);
  });
});
