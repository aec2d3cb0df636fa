import { MatrixEvent } from 'matrix-js-sdk';
import { describe, expect, it } from 'vitest';
import { MAX_GAP_EVENTS, mayHaveSkippedEvents, mergeGapEvents } from '../../../../../src/renderer/matrix/sync/unreadGaps.ts';

const event = (id: string, ts: number) =>
  new MatrixEvent({ event_id: id, origin_server_ts: ts, type: 'm.room.message', content: {} });
const ids = (events: readonly MatrixEvent[]) => events.map((e) => e.getId());

describe('messages a sliding sync update skipped', () => {
  it('are looked for only after a live update that was cut short', () => {
    expect(mayHaveSkippedEvents({ limited: true, prev_batch: 't1' })).toBe(true);
    expect(mayHaveSkippedEvents({ limited: true, initial: true, prev_batch: 't1' })).toBe(false);
    expect(mayHaveSkippedEvents({ limited: false, prev_batch: 't1' })).toBe(false);
    expect(mayHaveSkippedEvents({ limited: true })).toBe(false);
  });

  it('are kept once each, oldest first, at most MAX_GAP_EVENTS per room', () => {
    const merged = mergeGapEvents([event('$b', 2), event('$a', 1)], [event('$c', 3), event('$b', 2)]);
    expect(ids(merged)).toEqual(['$a', '$b', '$c']);
    const many = Array.from({ length: MAX_GAP_EVENTS + 5 }, (_, i) => event(`$${i}`, i));
    const kept = mergeGapEvents([], many);
    expect(kept).toHaveLength(MAX_GAP_EVENTS);
    expect(kept[0]?.getId()).toBe('$5');
  });
});
