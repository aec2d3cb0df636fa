import type { IPushRules } from 'matrix-js-sdk';
import { describe, expect, it } from 'vitest';
import { prefetchPushRules } from '../../../../../src/renderer/matrix/sync/prefetchPushRules.ts';

function rules(tag: string): IPushRules {
  return { global: { override: [{ rule_id: tag, default: false, enabled: true, actions: [] }] } };
}

class FakeServer {
  requests = 0;
  failNext = false;
  getPushRules(): Promise<IPushRules> {
    this.requests += 1;
    if (this.failNext) {
      this.failNext = false;
      return Promise.reject(new TypeError('Failed to fetch'));
    }
    return Promise.resolve(rules(`answer ${this.requests}`));
  }
}

describe('prefetchPushRules', () => {
  it('asks at once, answers the next call from that request, and asks the server again after', async () => {
    const client = new FakeServer();
    prefetchPushRules(client);
    expect(client.requests).toBe(1);
    expect(await client.getPushRules()).toEqual(rules('answer 1'));
    expect(client.requests).toBe(1);
    expect(await client.getPushRules()).toEqual(rules('answer 2'));
    expect(client.requests).toBe(2);
    expect(Object.hasOwn(client, 'getPushRules')).toBe(false);
  });

  it('asks again when the prefetch failed (offline at start), without an unhandled rejection', async () => {
    const client = new FakeServer();
    client.failNext = true;
    prefetchPushRules(client);
    await Promise.resolve();
    expect(await client.getPushRules()).toEqual(rules('answer 2'));
    expect(client.requests).toBe(2);
  });
});
