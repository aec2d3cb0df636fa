import { describe, expect, it } from 'vitest';
import { chooseSignIn, type SignInPolicy } from '../../../../../src/renderer/features/signin/signInChoice.ts';

const OPEN: SignInPolicy = { requireOidc: false, oidcIssuer: null, oidcClientId: null, passwordEnabled: true };
const ISSUER = 'https://auth.example.gouv.fr/';

describe('chooseSignIn', () => {
  it('takes native OIDC whenever the homeserver delegates authentication', () => {
    expect(chooseSignIn({ oidcIssuer: ISSUER, password: true, sso: true }, OPEN)).toEqual({ kind: 'oidc' });
  });

  it('keeps password and SSO for a homeserver without an issuer', () => {
    expect(chooseSignIn({ oidcIssuer: null, password: true, sso: true }, OPEN)).toEqual({
      kind: 'legacy',
      password: true,
      sso: true,
    });
  });

  it('refuses a homeserver without an issuer when policy requires OIDC', () => {
    expect(chooseSignIn({ oidcIssuer: null, password: true, sso: true }, { ...OPEN, requireOidc: true })).toEqual({
      kind: 'refused',
      reason: 'oidc-required',
    });
  });

  it('accepts only the issuer policy names (a trailing slash aside)', () => {
    const policy = { ...OPEN, oidcIssuer: 'https://auth.example.gouv.fr' };
    expect(chooseSignIn({ oidcIssuer: ISSUER, password: false, sso: false }, policy)).toEqual({ kind: 'oidc' });
    expect(chooseSignIn({ oidcIssuer: 'https://evil.example/', password: false, sso: false }, policy)).toEqual({
      kind: 'refused',
      reason: 'wrong-issuer',
    });
  });

  it('hides the password form when policy says so, leaving SSO', () => {
    const policy = { ...OPEN, passwordEnabled: false };
    expect(chooseSignIn({ oidcIssuer: null, password: true, sso: true }, policy)).toEqual({
      kind: 'legacy',
      password: false,
      sso: true,
    });
    expect(chooseSignIn({ oidcIssuer: null, password: true, sso: false }, policy)).toEqual({
      kind: 'refused',
      reason: 'password-disabled',
    });
  });
});
