// Under a managed install's egress allowlist, the sign-in service must be an allowed host: the
// homeserver names it at run time, and the policy decides whether Relais may talk to it (policy
// `signIn.oidcIssuer` allows it; `allowedEgressHosts` can too). Checked before leaving for the
// issuer, so a blocked host is a sentence naming it instead of a network error halfway through.
// The authorization page is left out: the system browser opens it, not Relais.
import type { ValidatedAuthMetadata } from 'matrix-js-sdk';
import type { EgressFilter } from '../../../shared/policy/egress.ts';

/** The host (host[:port]) of the first endpoint Relais itself would call that the filter blocks, else null. */
export function blockedOidcHost(metadata: ValidatedAuthMetadata, filter: EgressFilter): string | null {
  const calledByRelais = [metadata.issuer, metadata.registration_endpoint, metadata.token_endpoint, metadata.revocation_endpoint];
  for (const url of calledByRelais) {
    if (!url || filter.decide(url).allowed) continue;
    try {
      return new URL(url).host;
    } catch {
      return url;
    }
  }
  return null;
}
