// What the renderer is told about machine policy: the mode, the user-facing explanation in safe
// mode, and every setting with whether it is locked and why.
import type { Language } from '../../shared/i18n/languages.ts';
import { effectiveEgress, egressRulesOf, type EgressRules } from '../../shared/policy/egress.ts';
import { describeProblemForUser } from '../../shared/policy/problems.ts';
import { resolveSettings } from '../../shared/policy/resolve.ts';
import type { LoadedPolicy } from '../../shared/policy/types.ts';
import type { IpcResponseOf } from '../ipc/router.ts';

/** The contract's (mutable) arrays from the filter's read-only ones. */
function wireRules(rules: EgressRules): IpcResponseOf<'getManagedSettings'>['egress'] {
  const allowedHosts = rules.allowedHosts.map((h) => ({ ...h, schemes: [...h.schemes], purposes: [...h.purposes] }));
  return { mode: rules.mode, allowedHosts };
}

export function managedSettingsFor(
  loaded: LoadedPolicy,
  userSettings: unknown,
  language: Language,
): IpcResponseOf<'getManagedSettings'> {
  const resolved = resolveSettings(loaded, userSettings);
  const settings: IpcResponseOf<'getManagedSettings'>['settings'] = {};
  for (const [key, setting] of Object.entries(resolved.settings)) {
    settings[key] = {
      value: setting.value,
      locked: setting.locked,
      reason: setting.locked ? (setting.lockReason ?? null) : null,
    };
  }
  return {
    mode: loaded.status === 'invalid' ? 'safe' : loaded.status === 'valid' ? 'managed' : 'none',
    userMessage: loaded.status === 'invalid' ? describeProblemForUser(loaded.problems, language) : null,
    settings,
    egress: wireRules(egressRulesOf(effectiveEgress(loaded, { userSettings }))),
  };
}
