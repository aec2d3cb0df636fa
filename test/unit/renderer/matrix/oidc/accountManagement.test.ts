import type { ValidatedAuthMetadata } from 'matrix-js-sdk';
import { describe, expect, it } from 'vitest';
import { accountManagementPage } from '../../../../../src/renderer/matrix/oidc/accountManagement.ts';

const found = (fields: Record<string, string>) => () =>
  Promise.resolve({ issuer: 'https://auth.example.gouv.fr/', ...fields } as unknown as ValidatedAuthMetadata);

describe('accountManagementPage', () => {
  it('offers the https account page with the issuer host for the hint', async () => {
    expect(await accountManagementPage(found({ account_management_uri: 'https://auth.example.gouv.fr/account' }))).toEqual({
      url: 'https://auth.example.gouv.fr/account',
      issuerHost: 'auth.example.gouv.fr',
    });
  });

  it('is null for a server without delegated auth (its metadata request fails)', async () => {
    expect(await accountManagementPage(() => Promise.reject(new Error('404')))).toBeNull();
  });

  it('is null when no page is named, or one Relais will not open', async () => {
    expect(await accountManagementPage(found({}))).toBeNull();
    for (const bad of ['http://auth.example.gouv.fr/account', 'javascript:alert(1)', 'https://u:p@auth.example/x', 'not a url'])
      expect(await accountManagementPage(found({ account_management_uri: bad }))).toBeNull();
  });

  it('allows plain http on loopback (local test servers)', async () => {
    expect((await accountManagementPage(found({ account_management_uri: 'http://127.0.0.1:9000/account' })))?.url).toBe(
      'http://127.0.0.1:9000/account',
    );
  });
});
