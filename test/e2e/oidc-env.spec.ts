// Proves the delegated test homeserver on its own, without Relais: a client registered dynamically
// goes through authorization code + PKCE at the issuer, and Synapse accepts the token for the device
// named in the scope; revoking the token deletes that device.
import { OAuth2, type ValidatedAuthMetadata } from 'matrix-js-sdk';
import type { DelegatedHomeserver } from '../env/delegatedSynapse.ts';
import { expect, test } from './fixtures.ts';
import { signInAtIssuer, startTestDelegatedHomeserver } from './oidcEnv.ts';

let delegated: DelegatedHomeserver | undefined;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  const started = await startTestDelegatedHomeserver();
  delegated = started;
  await started.issuer.createUser('amelie', 'amelie-password-for-tests');
});

test.afterAll(async () => {
  await delegated?.stop();
});

test('the delegated homeserver accepts an issuer token for its device, and revocation deletes the device', async ({ page }) => {
  if (!delegated) throw new Error('no delegated homeserver');
  const hs = delegated.synapse.baseUrl;
  expect((await fetch(`${hs}/_matrix/client/v3/login`, { method: 'POST', body: '{}' })).status).not.toBe(200);
  const metadata = (await (await fetch(`${hs}/_matrix/client/v1/auth_metadata`)).json()) as ValidatedAuthMetadata;
  expect(metadata.issuer).toBe(delegated.issuer.issuerUrl);
  expect(metadata.account_management_uri).toBe(`${delegated.issuer.issuerUrl}account`);

  const redirect = 'http://127.0.0.1:9/callback';
  const clientId = await OAuth2.registerClient(metadata, {
    client_name: 'env check',
    client_uri: 'http://127.0.0.1:9/',
    redirect_uris: [redirect],
    application_type: 'web',
  });
  const auth = new OAuth2(metadata, { clientId, deviceId: 'ENVCHECK01' });
  const url = await auth.generateAuthorizationCodeGrantUrl('state-1', redirect, 'query');

  let code = '';
  await page.route(`${redirect}**`, async (route) => {
    code = new URL(route.request().url()).searchParams.get('code') ?? '';
    await route.fulfill({ body: 'back', contentType: 'text/plain' });
  });
  await page.goto(url);
  await signInAtIssuer(page, { username: 'amelie', password: 'amelie-password-for-tests' });
  await expect.poll(() => code).not.toBe('');

  const tokens = await auth.completeAuthorizationCodeGrant(code, redirect);
  expect(tokens.refresh_token).toBeTruthy();
  const whoami = await fetch(`${hs}/_matrix/client/v3/account/whoami`, {
    headers: { Authorization: `Bearer ${tokens.access_token}` },
  });
  expect(await whoami.json()).toMatchObject({ user_id: '@amelie:localhost', device_id: 'ENVCHECK01' });

  const refreshed = await auth.performRefreshTokenGrant(tokens.refresh_token ?? '');
  expect(refreshed.access_token).not.toBe(tokens.access_token);

  await auth.revokeToken(refreshed.refresh_token ?? '', 'refresh_token');
  const { issuer } = delegated;
  await expect.poll(() => issuer.deletedDevices).toContain('ENVCHECK01');
  await expect
    .poll(
      async () =>
        (
          await fetch(`${hs}/_matrix/client/v3/account/whoami`, {
            headers: { Authorization: `Bearer ${refreshed.access_token}` },
          })
        ).status,
    )
    .toBe(401);
});
