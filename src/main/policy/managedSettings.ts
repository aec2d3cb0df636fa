// What the renderer is told about machine policy (shared/policy/managedSettings.ts): the mode, the
// user-facing explanation in safe mode, every setting's effective value, and a lock for each
// setting the user cannot change, with why and where policy wrote it.
import type { ManagedBranding } from '../../shared/branding/branding.ts';
import type { Language } from '../../shared/i18n/languages.ts';
import { loadBranding } from '../branding/loadBranding.ts';
import { effectiveEgress, egressRulesOf, type EgressRules } from '../../shared/policy/egress.ts';
import type { ManagedSettings, SettingLock } from '../../shared/policy/managedSettings.ts';
import { describeProblemForUser } from './problems.ts';
import { resolveSettings, type ResolvedSettings } from '../../shared/policy/resolve.ts';
import { SETTING_KEYS } from '../../shared/policy/settings.ts';
import { describeOrigin, type LoadedPolicy } from '../../shared/policy/types.ts';

/** The wire's plain arrays from the filter's read-only ones, with only the fields the schema knows. */
function wireRules(rules: EgressRules): ManagedSettings['egress'] {
  const allowedHosts = rules.allowedHosts.map((h) => ({
    host: h.host,
    port: h.port,
    schemes: [...h.schemes],
    purposes: [...h.purposes],
  }));
  return { mode: rules.mode, allowedHosts };
}

/** One entry per locked setting; an unlocked one has none. */
export function locksOf(resolved: ResolvedSettings): ManagedSettings['locks'] {
  const locks: ManagedSettings['locks'] = {};
  for (const key of SETTING_KEYS) {
    const setting = resolved.settings[key];
    if (!setting.locked) continue;
    // resolveSettings gives every lock a kind and a reason; one without would be a lock the renderer
    // could not explain, so it is a programming error rather than something to drop quietly.
    if (setting.lockKind === undefined || !setting.lockReason) throw new Error(`${key} is locked without a kind or reason`);
    const lock: SettingLock = {
      kind: setting.lockKind,
      reason: setting.lockReason,
      sources: setting.origins.map(describeOrigin),
    };
    locks[key] = lock;
  }
  return locks;
}

/** `branding`: main reads the logo once at start-up and passes it; by default it is read now. */
export function managedSettingsFor(
  loaded: LoadedPolicy,
  userSettings: unknown,
  language: Language,
  branding: ManagedBranding = loadBranding(loaded).branding,
): ManagedSettings {
  const resolved = resolveSettings(loaded, userSettings);
  return {
    mode: loaded.status === 'invalid' ? 'safe' : loaded.status === 'valid' ? 'managed' : 'none',
    userMessage: loaded.status === 'invalid' ? describeProblemForUser(loaded.problems, language) : null,
    settings: resolved.values,
    locks: locksOf(resolved),
    egress: wireRules(egressRulesOf(effectiveEgress(loaded, { userSettings }))),
    branding,
  };
}
