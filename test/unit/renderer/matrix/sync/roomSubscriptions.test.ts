import type { MatrixClient } from 'matrix-js-sdk';
import { SlidingSync, type MSC3575SlidingSyncRequest, type MSC3575SlidingSyncResponse } from 'matrix-js-sdk/lib/sliding-sync.js';
import { describe, expect, it } from 'vitest';
import { resendRoomSubscriptions, withRoomSubscriptions } from '../../../../../src/renderer/matrix/sync/roomSubscriptions.ts';

const SUBSCRIPTION = { timeline_limit: 30, required_state: [['*', '*']] };

describe('withRoomSubscriptions', () => {
  it('every request carries the current subscriptions, not only the one after they were made', () => {
    const request: MSC3575SlidingSyncRequest = { lists: {}, pos: '5' };
    expect(withRoomSubscriptions(request, new Set(['!open:hs']), SUBSCRIPTION)).toEqual({
      lists: {},
      pos: '5',
      room_subscriptions: { '!open:hs': SUBSCRIPTION },
    });
  });

  it('a room no longer open is simply left out (MSC4186 has no unsubscribe)', () => {
    const request: MSC3575SlidingSyncRequest = {
      lists: {},
      room_subscriptions: { '!old:hs': SUBSCRIPTION },
      unsubscribe_rooms: ['!old:hs'],
    };
    expect(withRoomSubscriptions(request, new Set(), SUBSCRIPTION)).toEqual({ lists: {} });
    expect(withRoomSubscriptions(request, new Set(['!new:hs']), SUBSCRIPTION)).toEqual({
      lists: {},
      room_subscriptions: { '!new:hs': SUBSCRIPTION },
    });
  });
});

describe('resendRoomSubscriptions', () => {
  it("goes through the client's own request, with the subscriptions of the moment; the undo restores it", async () => {
    const sent: MSC3575SlidingSyncRequest[] = [];
    const answer: MSC3575SlidingSyncResponse = { pos: '1', lists: {}, rooms: {}, extensions: {} };
    const proto = {
      slidingSync: (request: MSC3575SlidingSyncRequest): Promise<MSC3575SlidingSyncResponse> => {
        sent.push(request);
        return Promise.resolve(answer);
      },
    };
    const client = Object.create(proto) as MatrixClient;
    const slidingSync = new SlidingSync('http://127.0.0.1:1', new Map(), SUBSCRIPTION, client, 30_000);
    const undo = resendRoomSubscriptions(client, slidingSync, SUBSCRIPTION);

    slidingSync.modifyRoomSubscriptions(new Set(['!open:hs']));
    await client.slidingSync({ lists: {} });
    await client.slidingSync({ lists: {} });
    expect(sent.map((r) => r.room_subscriptions)).toEqual([{ '!open:hs': SUBSCRIPTION }, { '!open:hs': SUBSCRIPTION }]);

    undo();
    expect(Object.hasOwn(client, 'slidingSync')).toBe(false);
  });
});
