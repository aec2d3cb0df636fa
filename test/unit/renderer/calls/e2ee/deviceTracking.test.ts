import { describe, expect, it, vi } from 'vitest';
import { deviceTracker } from '../../../../../src/renderer/calls/e2ee/deviceTracking.ts';

function fakeCrypto() {
  const order: string[] = [];
  const crypto = {
    olmMachine: {
      updateTrackedUsers: vi.fn((users: unknown[]) => {
        order.push(`track ${users.join(',')}`);
        return Promise.resolve();
      }),
    },
    outgoingRequestsManager: {
      doProcessOutgoingRequests: vi.fn(() => {
        order.push('query');
        return Promise.resolve();
      }),
    },
  };
  return { crypto, order };
}

const asUserId = (id: string) => `U(${id})`;

describe('deviceTracker', () => {
  it('tracks the users, then runs the key query before the caller encrypts', async () => {
    const { crypto, order } = fakeCrypto();
    await deviceTracker(crypto, asUserId, () => undefined).track(['@a:x', '@b:x', '@a:x']);
    expect(order).toEqual(['track U(@a:x),U(@b:x)', 'query']);
  });

  it('does not query again for users it already tracks, only for newcomers', async () => {
    const { crypto, order } = fakeCrypto();
    const tracker = deviceTracker(crypto, asUserId, () => undefined);
    await tracker.track(['@a:x']);
    await tracker.track(['@a:x']);
    await tracker.track(['@a:x', '@c:x']);
    expect(order).toEqual(['track U(@a:x)', 'query', 'track U(@c:x)', 'query']);
  });

  it('tries again next time when the query failed', async () => {
    const { crypto } = fakeCrypto();
    crypto.outgoingRequestsManager.doProcessOutgoingRequests.mockRejectedValueOnce(new Error('offline'));
    const tracker = deviceTracker(crypto, asUserId, () => undefined);
    await expect(tracker.track(['@a:x'])).rejects.toThrow('offline');
    await tracker.track(['@a:x']);
    expect(crypto.olmMachine.updateTrackedUsers).toHaveBeenCalledTimes(2);
  });

  it('warns once and resolves when the SDK no longer has these internals', async () => {
    const warn = vi.fn();
    const tracker = deviceTracker({ olmMachine: {} }, asUserId, warn);
    await tracker.track(['@a:x']);
    await tracker.track(['@b:x']);
    expect(warn).toHaveBeenCalledTimes(1);
    await deviceTracker(undefined, asUserId, warn).track(['@a:x']);
    expect(warn).toHaveBeenCalledTimes(2);
  });
});
