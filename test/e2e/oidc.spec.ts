// Native OIDC sign-in against a real delegated homeserver (issue 21): Synapse in MAS mode, with the
// oidc-provider issuer of test/env/oidcIssuer.ts. The web build stands in for the app: its "system
// browser" is the same tab, which leaves for the issuer's page and comes back to the loopback page.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { oauthCallbackEntryUrl } from '../../src/main/oauthCallback.ts';
import { APP_ORIGIN } from '../../src/shared/appScheme.ts';
import type { DelegatedHomeserver } from '../env/delegatedSynapse.ts';
import { createDesktopHarness } from './desktopHarness.ts';
import { launchApp, quitApp } from './desktopProfile.ts';
import { expect, expectAccessible, test } from './fixtures.ts';
import { openSettings, signOut } from './helpers.ts';
import { createRoom, roomEvents, type ApiSession } from './matrixApi.ts';
import { signInAtIssuer, startTestDelegatedHomeserver } from './oidcEnv.ts';

const AMELIE = { username: 'amelie', password: 'amelie-password-for-tests' };
const BASILE = { username: 'basile', password: 'basile-password-for-tests' };
const CHLOE = { username: 'chloe', password: 'chloe-password-for-tests' };
const DENIS = { username: 'denis', password: 'denis-password-for-tests' };
const ELISE = { username: 'elise', password: 'elise-password-for-tests' };

let delegated: DelegatedHomeserver | undefined;

function homeserver(): DelegatedHomeserver {
  if (!delegated) throw new Error('the delegated homeserver did not start');
  return delegated;
}

test.beforeAll(async () => {
  test.setTimeout(90_000);
  const started = await startTestDelegatedHomeserver();
  delegated = started;
  for (const user of [AMELIE, BASILE, CHLOE, DENIS, ELISE]) await started.issuer.createUser(user.username, user.password);
});

/** The access token the app used last towards the homeserver (it changes at each refresh). */
function watchAccessToken(page: Page, homeserverUrl: string): { current(): string } {
  let latest = '';
  page.on('request', (request) => {
    const header = request.headers().authorization;
    if (header?.startsWith('Bearer ') && request.url().startsWith(homeserverUrl)) latest = header.slice('Bearer '.length);
  });
  return { current: () => latest };
}

async function signInThroughIssuer(page: Page, webUrl: string, user: { username: string; password: string }): Promise<void> {
  await page.goto(`${webUrl}?hs=${encodeURIComponent(homeserver().synapse.baseUrl)}`);
  await page.getByRole('button', { name: 'Continue to the sign-in page' }).click();
  await signInAtIssuer(page, user);
  await expect(page.getByRole('status').filter({ hasText: 'Online' })).toBeVisible({ timeout: 30_000 });
}

async function whoamiStatus(accessToken: string): Promise<number> {
  const response = await fetch(`${homeserver().synapse.baseUrl}/_matrix/client/v3/account/whoami`, {
    headers: { Authorization: `Bearer ${accessToken}` },
  });
  return response.status;
}

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

test('"Manage account" (Settings → Account) opens the issuer’s account page, named in its description', async ({ page, env }) => {
  await signInThroughIssuer(page, env.webUrl, AMELIE);
  const dialog = await openSettings(page, 'Account');
  const manage = dialog.getByRole('button', { name: 'Manage account' });
  const issuer = new URL(homeserver().issuer.issuerUrl);
  await expect(manage).toBeVisible();
  await expect(manage).toHaveAccessibleDescription(
    `Opens your account page on ${issuer.host} in your browser: password, sessions, profile.`,
  );
  await expectAccessible(page);
  const [accountPage] = await Promise.all([page.context().waitForEvent('page'), manage.click()]);
  await expect(accountPage).toHaveURL(`${issuer.origin}/account`);
  await expect(accountPage.getByRole('heading', { name: 'Your account' })).toBeVisible();
  await accountPage.close();
});

test('an access token expiring while a message is being sent is refreshed without a word, and the message is sent once', async ({
  page,
  env,
}) => {
  test.setTimeout(120_000);
  const { synapse, issuer } = homeserver();
  const token = watchAccessToken(page, synapse.baseUrl);
  // Only the first access token is short-lived: it expires while the message below is on its way.
  issuer.setAccessTokenTtl(20);
  await signInThroughIssuer(page, env.webUrl, BASILE);
  const expiresAt = Date.now() + 20_000;
  issuer.setAccessTokenTtl(300);
  const refreshesBefore = issuer.refreshCount();

  const roomName = `Relève ${Date.now()}`;
  const api = (): ApiSession => ({ homeserver: synapse.baseUrl, userId: '@basile:localhost', accessToken: token.current() });
  const roomId = await createRoom(api(), { name: roomName });
  await page.getByRole('navigation', { name: 'Rooms' }).getByRole('link', { name: roomName }).click();

  // The first attempt reaches the homeserver only after the token it carries has expired.
  let held = 0;
  await page.route(`${synapse.baseUrl}/_matrix/client/v3/rooms/*/send/**`, async (route) => {
    held += 1;
    if (held === 1) await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt + 2_000 - Date.now())));
    await route.continue();
  });
  const text = 'Envoyé pendant que le jeton expire';
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  await page.getByRole('button', { name: 'Send' }).click();

  const log = page.getByRole('log', { name: roomName });
  await expect(log.getByRole('article').filter({ hasText: text })).toHaveCount(1, { timeout: 45_000 });
  await expect
    .poll(async () => (await roomEvents(api(), roomId)).filter((e) => e.content.body === text).length, { timeout: 30_000 })
    .toBe(1);
  expect(issuer.refreshCount()).toBeGreaterThan(refreshesBefore);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toHaveCount(0);
  // Still exactly once a little later: no late duplicate from a retry.
  await page.waitForTimeout(2_000);
  expect((await roomEvents(api(), roomId)).filter((e) => e.content.body === text)).toHaveLength(1);
});

test('sign-out revokes the tokens at the issuer, and the device disappears from the homeserver', async ({ page, env }) => {
  const { synapse, issuer } = homeserver();
  const token = watchAccessToken(page, synapse.baseUrl);
  await signInThroughIssuer(page, env.webUrl, DENIS);
  const accessToken = token.current();
  expect(await whoamiStatus(accessToken)).toBe(200);
  const devicesBefore = issuer.deletedDevices.length;

  await signOut(page);
  await expect(page.getByRole('heading', { name: 'Sign in', exact: true })).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => issuer.deletedDevices.length).toBe(devicesBefore + 1);
  // Synapse forgets a device's token as soon as the device is gone, whatever it had cached.
  await expect.poll(() => whoamiStatus(accessToken)).toBe(401);
});

test('a refresh the issuer refuses signs the user out, with an explanation', async ({ page, env }) => {
  test.setTimeout(120_000);
  const { issuer } = homeserver();
  issuer.setAccessTokenTtl(10);
  await signInThroughIssuer(page, env.webUrl, CHLOE);
  issuer.setAccessTokenTtl(300);
  // An administrator ends the session at the issuer: the next refresh is refused.
  await issuer.revokeRefreshTokensOf(CHLOE.username);

  await expect(page.getByRole('heading', { name: 'Sign in', exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('alert')).toContainText('Your session has ended');
  await expectAccessible(page);
});

test('desktop: the system browser comes back through relais://app/oauth-callback, and a restart restores the session from the keychain', async ({
  browser,
  env,
}) => {
  test.skip(process.env.RELAIS_SECRET_SERVICE !== '1', 'needs a Secret Service: run through `npm run test:e2e`');
  test.setTimeout(180_000);
  const { synapse, issuer } = homeserver();
  const profile = mkdtempSync(path.join(tmpdir(), 'relais-oidc-'));
  const harness = await createDesktopHarness({ appOrigin: env.webUrl, markerFile: path.join(profile, 'keychain-backend.json') });
  const systemBrowser = await browser.newContext({ locale: 'en-GB' });
  try {
    let app = await launchApp({ profileDir: path.join(profile, 'chromium'), harness, webUrl: env.webUrl });
    await app.page.goto(`${env.webUrl}?hs=${encodeURIComponent(synapse.baseUrl)}`);
    await app.page.getByRole('button', { name: 'Continue to the sign-in page' }).click();
    await expect(app.page.getByRole('status').filter({ hasText: 'Continue in your browser' })).toBeVisible();
    await expect.poll(() => harness.opened.external.length).toBe(1);
    const authorizationUrl = harness.opened.external[0] ?? '';
    expect(authorizationUrl.startsWith(`${issuer.issuerUrl}auth?`)).toBe(true);
    expect(new URL(authorizationUrl).searchParams.get('redirect_uri')).toBe(`${APP_ORIGIN}/oauth-callback`);

    // The system browser. Chromium cannot follow a redirect to relais:, so after the login form the
    // redirects are followed by hand (same cookies) up to the one the OS would hand to main.
    let deepLink = '';
    const page = await systemBrowser.newPage();
    await page.route(`${issuer.issuerUrl}interaction/*/login`, async (route) => {
      let response = await route.fetch({ maxRedirects: 0 });
      for (let hop = 0; hop < 10; hop += 1) {
        const location = response.headers().location;
        if (!location) break;
        if (location.startsWith(`${APP_ORIGIN}/`)) {
          deepLink = location;
          return route.fulfill({ contentType: 'text/plain', body: 'Back to Relais' });
        }
        response = await systemBrowser.request.get(new URL(location, issuer.issuerUrl).href, { maxRedirects: 0 });
      }
      return route.fulfill({ response });
    });
    await page.goto(authorizationUrl);
    await signInAtIssuer(page, ELISE);
    await expect.poll(() => deepLink).not.toBe('');
    // What main loads into the window, with relais://app served by the test's origin.
    const entry = oauthCallbackEntryUrl(deepLink);
    expect(entry).not.toBeNull();
    await app.page.goto((entry ?? '').replace(APP_ORIGIN, new URL(env.webUrl).origin));
    await expect(app.page.getByRole('status').filter({ hasText: 'Online' })).toBeVisible({ timeout: 30_000 });

    const stored = JSON.parse((await harness.secrets.get('matrix-session')) ?? '{}') as Record<string, unknown>;
    expect(stored).toMatchObject({ userId: '@elise:localhost', homeserverUrl: synapse.baseUrl });
    expect(typeof stored.refreshToken).toBe('string');
    expect(typeof stored.oauthClientId).toBe('string');
    // The refresh token is in the keychain only: not in the page's storages.
    const storages = await app.page.evaluate(() => {
      const values: string[] = [];
      for (const storage of [globalThis.localStorage, globalThis.sessionStorage]) {
        for (let index = 0; index < storage.length; index += 1) values.push(storage.getItem(storage.key(index) ?? '') ?? '');
      }
      return values.join('\n');
    });
    expect(storages).not.toContain(String(stored.refreshToken));
    await quitApp(app.context);

    app = await launchApp({ profileDir: path.join(profile, 'chromium'), harness, webUrl: env.webUrl });
    await app.page.goto(env.webUrl);
    await expect(app.page.getByRole('navigation', { name: 'Rooms' })).toBeVisible({ timeout: 30_000 });
    await expect(app.page.getByRole('status').filter({ hasText: 'Online' })).toBeVisible({ timeout: 30_000 });
    expect(harness.opened.external).toHaveLength(1); // no second trip to the issuer
    // Signing out of the desktop profile waits on each of its steps (revocation, stores), a few seconds each.
    await app.page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(app.page.getByRole('heading', { name: 'Sign in', exact: true })).toBeVisible({ timeout: 45_000 });
    await expect.poll(() => harness.secrets.get('matrix-session')).toBeNull();
    await expect.poll(() => issuer.deletedDevices.length).toBeGreaterThan(0);
    await quitApp(app.context);
  } finally {
    await systemBrowser.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test('machine policy that requires OIDC hides the password form, refuses a homeserver without an issuer, and names a sign-in service its allowlist does not', async ({
  browser,
  env,
}) => {
  const root = mkdtempSync(path.join(tmpdir(), 'relais-oidc-policy-'));
  const policyDir = path.join(root, 'etc-relais');
  mkdirSync(policyDir);
  writeFileSync(path.join(policyDir, 'policy.json'), JSON.stringify({ policyVersion: 1, signIn: { requireOidc: true } }));
  try {
    const harness = await createDesktopHarness({ appOrigin: env.webUrl, markerFile: path.join(root, 'marker.json'), policyDir });
    const context = await browser.newContext({ locale: 'en-GB' });
    await harness.attach(context);
    const page = await context.newPage();
    // The shared Synapse has password sign-in and no issuer: nothing to sign in with.
    await page.goto(`${env.webUrl}?hs=${encodeURIComponent(env.homeserver)}`);
    await expect(page.getByText('Your organisation requires signing in through its sign-in service')).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Password' })).toHaveCount(0);
    await expectAccessible(page);
    // The delegated one: the way through its issuer.
    await page.goto(`${env.webUrl}?hs=${encodeURIComponent(homeserver().synapse.baseUrl)}`);
    await expect(page.getByRole('button', { name: 'Continue to the sign-in page' })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Password' })).toHaveCount(0);
    // This policy's egress allowlist does not name the issuer: said before leaving, naming the host.
    await page.getByRole('button', { name: 'Continue to the sign-in page' }).click();
    const issuerHost = new URL(homeserver().issuer.issuerUrl).host;
    await expect(
      page.getByText(`Your organisation’s policy does not allow Relais to reach the sign-in service ${issuerHost}.`),
    ).toBeVisible();
    await expect(page).not.toHaveURL(/\/interaction\//);
    await context.close();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
