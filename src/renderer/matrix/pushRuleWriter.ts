// Sends push rule changes to the homeserver, one at a time and in order (a room's old rule is removed
// before its new one is added), then reads the rules back so this client judges the next event by
// what the server now holds rather than waiting for the change to come back through sync.
import type { IPushRules, MatrixClient } from 'matrix-js-sdk';
import type { PushRuleChange } from './pushRules.ts';

type PushRulesClient = Pick<
  MatrixClient,
  'addPushRule' | 'deletePushRule' | 'setPushRuleEnabled' | 'setPushRuleActions' | 'getPushRules' | 'setPushRules'
>;

export async function applyPushRuleChanges(client: PushRulesClient, changes: readonly PushRuleChange[]): Promise<IPushRules> {
  for (const change of changes) {
    switch (change.op) {
      case 'enable':
        await client.setPushRuleEnabled('global', change.kind, change.ruleId, change.enabled);
        break;
      case 'actions':
        await client.setPushRuleActions('global', change.kind, change.ruleId, change.actions);
        break;
      case 'add':
        await client.addPushRule('global', change.kind, change.ruleId, change.body);
        break;
      case 'delete':
        await client.deletePushRule('global', change.kind, change.ruleId);
        break;
    }
  }
  const rules = await client.getPushRules();
  client.setPushRules(rules);
  return rules;
}
