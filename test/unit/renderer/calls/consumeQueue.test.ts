import { describe, expect, it } from 'vitest';
import { ConsumeQueue } from '../../../../src/renderer/calls/consumeQueue.ts';

const queue = () => {
  const started: string[] = [];
  return { q: new ConsumeQueue((id) => started.push(id)), started };
};

describe('consume queue (producers announced before the receive transport exists)', () => {
  it('keeps what is announced before the transport opens, and consumes it on open, in order', () => {
    const { q, started } = queue();
    q.announce('from-join-answer');
    q.announce('newProducer-during-transport-creation');
    expect(started).toEqual([]);
    expect(q.pending).toEqual(['from-join-answer', 'newProducer-during-transport-creation']);
    q.open();
    expect(started).toEqual(['from-join-answer', 'newProducer-during-transport-creation']);
    q.announce('after-open');
    expect(started).toEqual(['from-join-answer', 'newProducer-during-transport-creation', 'after-open']);
  });

  it('never consumes one producer twice in a generation (join answer and newProducer both naming it)', () => {
    const { q, started } = queue();
    q.announce('p');
    q.announce('p');
    q.open();
    q.announce('p');
    expect(started).toEqual(['p']);
  });

  it('drops a producer closed before the transport opened', () => {
    const { q, started } = queue();
    q.announce('closed-meanwhile');
    q.announce('kept');
    q.forget('closed-meanwhile');
    q.open();
    expect(started).toEqual(['kept']);
  });

  it('asks again for a producer whose consume failed', () => {
    const { q, started } = queue();
    q.open();
    q.announce('p');
    q.failed('p');
    q.announce('p');
    expect(started).toEqual(['p', 'p']);
  });

  it('starts over on a re-join: closed again, every producer of the new generation consumed again', () => {
    const { q, started } = queue();
    q.open();
    q.announce('old');
    q.reset();
    expect(q.opened).toBe(false);
    q.announce('old'); // the same id announced again (after a reconnect) is consumed again
    q.announce('new');
    expect(started).toEqual(['old']);
    q.open();
    expect(started).toEqual(['old', 'old', 'new']);
  });
});
