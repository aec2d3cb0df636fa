// Native OIDC sign-in against a real delegated homeserver (issue 21): Synapse in MAS mode, with the
// oidc-provider issuer of test/env/oidcIssuer.ts. The web build stands in for the app: its "system
// browser" is the same tab, which leaves for the issuer's page and comes back to the loopback page.
import type { DelegatedHomeserver } from '../env/delegatedSynapse.ts';
import { expect, expectAccessible, test } from './fixtures.ts';
import { signInAtIssuer, startTestDelegatedHomeserver } from './oidcEnv.ts';

const AMELIE = { username: 'amelie', password: 'amelie-password-for-tests' };

let delegated: DelegatedHomeserver | undefined;

function homeserver(): DelegatedHomeserver {
  if (!delegated) throw new Error('the delegated homeserver did not start');
  return delegated;
}

test.beforeAll(async () => {
  test.setTimeout(90_000);
  const started = await startTestDelegatedHomeserver();
  delegated = started;
  await started.issuer.createUser(AMELIE.username, AMELIE.password);
});

test.afterAll(async () => {
  await delegated?.stop();
});

test('first sign-in goes through the issuer’s page, with no password form in Relais', async ({ page, env }) => {
  const { synapse } = homeserver();
  await page.goto(`${env.webUrl}?hs=${encodeURIComponent(synapse.baseUrl)}`);
  await expect(page.getByRole('heading', { name: 'Sign in with your organisation’s account' })).toBeVisible();
  await expect(page.getByText('signs you in on its account page (127.0.0.1:')).toBeVisible();
  await expect(page.getByLabel('Password')).toHaveCount(0);
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Continue to the sign-in page' }).click();
  await expect(page).toHaveURL(/\/interaction\//);
  await signInAtIssuer(page, AMELIE);
  await expect(page.getByRole('navigation', { name: 'Rooms' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('status').filter({ hasText: 'Online' })).toBeVisible({ timeout: 30_000 });
  // The code and state are gone from the address bar.
  expect(new URL(page.url()).search).not.toMatch(/code=|state=/);
});
