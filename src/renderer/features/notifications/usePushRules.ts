// The person's push rules, kept current: the SDK replaces client.pushRules when the m.push_rules
// account data arrives (a change from another device too), and `apply` hands back what the server
// holds after our own changes.
import { ClientEvent, EventType, type IPushRules, type MatrixClient, type MatrixEvent } from 'matrix-js-sdk';
import { useCallback, useEffect, useState } from 'react';
import { applyPushRuleChanges } from '../../matrix/pushRuleWriter.ts';
import type { PushRuleChange } from '../../matrix/pushRules.ts';

export interface PushRulesState {
  /** Null until the rules are known (the SDK fetches them before its first sync). */
  rules: IPushRules | null;
  apply: (changes: readonly PushRuleChange[]) => Promise<void>;
}

export function usePushRules(client: MatrixClient): PushRulesState {
  const [rules, setRules] = useState<IPushRules | null>(client.pushRules ?? null);
  useEffect(() => {
    const onAccountData = (event: MatrixEvent) => {
      // The SDK has already stored them; reading back its copy keeps one source.
      if (event.getType() === (EventType.PushRules as string)) setRules(client.pushRules ?? null);
    };
    // The SDK fetches the rules itself before its first sync (prefetchPushRules.ts speeds that up):
    // asking here too would take the prefetched answer from it, so the first sync tells instead.
    const onSync = () => setRules((known) => known ?? client.pushRules ?? null);
    client.on(ClientEvent.AccountData, onAccountData);
    client.on(ClientEvent.Sync, onSync);
    return () => {
      client.off(ClientEvent.AccountData, onAccountData);
      client.off(ClientEvent.Sync, onSync);
    };
  }, [client]);
  const apply = useCallback(
    async (changes: readonly PushRuleChange[]) => {
      if (changes.length === 0) return;
      setRules(await applyPushRuleChanges(client, changes));
    },
    [client],
  );
  return { rules, apply };
}
