import type { ValidatedAuthMetadata } from 'matrix-js-sdk';
import { describe, expect, it } from 'vitest';
import { blockedOidcHost } from '../../../../../src/renderer/matrix/oidc/oidcEgress.ts';
import { createEgressFilter } from '../../../../../src/shared/policy/egress.ts';

const metadata = (endpoints: Partial<ValidatedAuthMetadata> = {}) =>
  ({
    issuer: 'https://auth.example.gouv.fr/',
    authorization_endpoint: 'https://login.elsewhere.example/authorize',
    registration_endpoint: 'https://auth.example.gouv.fr/register',
    token_endpoint: 'https://auth.example.gouv.fr/token',
    revocation_endpoint: 'https://auth.example.gouv.fr/revoke',
    ...endpoints,
  }) as ValidatedAuthMetadata;

describe('blockedOidcHost', () => {
  it('is null when every endpoint Relais calls is allowed (the browser opens the authorization page)', () => {
    expect(blockedOidcHost(metadata(), createEgressFilter(['https://auth.example.gouv.fr']))).toBeNull();
  });

  it('names the issuer host when the allowlist does not have it', () => {
    expect(blockedOidcHost(metadata(), createEgressFilter(['https://matrix.example.gouv.fr']))).toBe('auth.example.gouv.fr');
  });

  it('names an endpoint on another host than the issuer', () => {
    const split = metadata({ token_endpoint: 'https://tokens.example.gouv.fr:8443/token' });
    expect(blockedOidcHost(split, createEgressFilter(['https://auth.example.gouv.fr']))).toBe('tokens.example.gouv.fr:8443');
  });
});
