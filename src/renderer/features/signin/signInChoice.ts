// Which way of signing in the form shows, from what the homeserver offers and what machine policy
// allows (signIn.* keys): native OIDC when the server delegates authentication (and, if policy names
// an issuer, to that one), otherwise password and SSO, unless policy rules them out.
import type { EffectiveSettings } from '../../../shared/policy/settings.ts';

export type SignInPolicy = EffectiveSettings['signIn'];

export interface Offered {
  /** The issuer the homeserver names; null when it has no auth metadata. */
  oidcIssuer: string | null;
  password: boolean;
  sso: boolean;
}

export type SignInChoice =
  | { kind: 'oidc' }
  | { kind: 'legacy'; password: boolean; sso: boolean }
  /** Policy rules out everything this homeserver offers. */
  | { kind: 'refused'; reason: 'oidc-required' | 'wrong-issuer' | 'password-disabled' };

function sameIssuer(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}

export function chooseSignIn(offered: Offered, policy: SignInPolicy): SignInChoice {
  if (offered.oidcIssuer !== null) {
    if (policy.oidcIssuer !== null && !sameIssuer(offered.oidcIssuer, policy.oidcIssuer)) {
      return { kind: 'refused', reason: 'wrong-issuer' };
    }
    return { kind: 'oidc' };
  }
  if (policy.requireOidc) return { kind: 'refused', reason: 'oidc-required' };
  const password = offered.password && policy.passwordEnabled;
  if (!password && !offered.sso) return { kind: 'refused', reason: 'password-disabled' };
  return { kind: 'legacy', password, sso: offered.sso };
}
