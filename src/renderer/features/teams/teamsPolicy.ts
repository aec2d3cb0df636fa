import type { ManagedSettings } from '../../platform/Platform.ts';
import type { TeamsBridgePolicy, TeamsModePolicy } from '../../../shared/teams/routing.ts';

const OFF: TeamsBridgePolicy = { enabled: false, sunset: null, tenantsAllowlist: [], modes: {} };

/** The Teams bridge settings out of the managed settings, defensively: anything malformed means off. */
export function teamsBridgePolicyFrom(managed: ManagedSettings): TeamsBridgePolicy {
  const value = (key: string): unknown => managed.settings[`teamsBridge.${key}`]?.value;
  const enabled = value('enabled') === true;
  const sunset = value('sunset');
  const allowlist = value('tenantsAllowlist');
  const modes = value('modes');
  if (!enabled) return OFF;
  return {
    enabled,
    sunset: typeof sunset === 'string' ? sunset : null,
    tenantsAllowlist: Array.isArray(allowlist) ? allowlist.filter((t): t is string => typeof t === 'string') : [],
    modes: typeof modes === 'object' && modes !== null ? (modes as Record<string, TeamsModePolicy>) : {},
  };
}
