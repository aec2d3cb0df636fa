// matrix-js-sdk asks for the push rules before its first sync request (classic and sliding alike),
// which it only sends once encryption has opened: one more round trip on the way to the first room
// list. Asking while encryption opens takes it off that path. The SDK cannot be handed the rules, so
// its next getPushRules call is answered with the prefetched ones; every later call (after the rules
// change) goes to the server as usual.
import type { MatrixClient } from 'matrix-js-sdk';

type PushRulesClient = Pick<MatrixClient, 'getPushRules'>;

export function prefetchPushRules(client: PushRulesClient): void {
  const fetchRules = client.getPushRules.bind(client);
  const prefetched = fetchRules();
  // A failed prefetch (offline, server down) is asked again when the SDK needs the rules.
  prefetched.catch(() => undefined);
  client.getPushRules = () => {
    // Back to the prototype's method: the prefetch answers once.
    Reflect.deleteProperty(client, 'getPushRules');
    return prefetched.catch(() => fetchRules());
  };
}
