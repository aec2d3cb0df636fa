// The egress filter main enforces, rebuilt when the user's settings change: with a policy that
// allows custom homeservers, the homeserver a person chose becomes reachable (and the one they
// replaced stops being so); with a policy that fixes the homeservers, user settings change nothing.
import { effectiveEgress, egressFilterFor, type EgressFilter } from '../../shared/policy/egress.ts';
import type { LoadedPolicy } from '../../shared/policy/types.ts';

export interface EgressState {
  filter(): EgressFilter;
  /** Recomputes from the current user settings; logs the allowed hosts when they change. */
  refresh(): void;
}

export function createEgressState(
  policy: LoadedPolicy,
  userSettings: () => unknown,
  log: (message: string) => void,
): EgressState {
  const build = () => egressFilterFor(effectiveEgress(policy, { userSettings: userSettings() }));
  const describe = (filter: EgressFilter) => filter.allowedHosts.map((h) => `${h.host}:${h.port}`).join(', ');
  let current = build();
  return {
    filter: () => current,
    refresh() {
      const next = build();
      if (describe(next) !== describe(current)) log(`egress: allowed hosts now ${describe(next) || '(none)'}`);
      current = next;
    },
  };
}
