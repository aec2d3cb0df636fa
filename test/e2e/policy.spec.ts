// Machine policy as the desktop app applies it (through the real main-process loader and IPC, see
// desktopHarness.ts): a broken policy file puts Relais in safe mode with a plain explanation.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { createDesktopHarness, type DesktopHarness } from './desktopHarness.ts';
import { expect, expectAccessible, test } from './fixtures.ts';
import { openSettings, signOut, submitSignIn } from './helpers.ts';
import { servePage } from './linkSite.ts';
import { apiLogin, createRoom } from './matrixApi.ts';
import { TEST_USERS } from './testUsers.ts';

test.skip(
  process.env.RELAIS_SECRET_SERVICE !== '1',
  'needs a Secret Service: run through `npm run test:e2e` (test/env/with-keyring.sh)',
);

/** Runs `use` on a page of the desktop app whose machine has this policy.json (in a throwaway /etc/relais). */
async function withMachinePolicy(
  browser: Browser,
  appOrigin: string,
  policyText: string,
  use: (page: Page, policyFile: string, harness: DesktopHarness) => Promise<void>,
  attachOptions: { enforceEgress?: boolean } = {},
): Promise<void> {
  const root = mkdtempSync(path.join(tmpdir(), 'relais-policy-'));
  const policyDir = path.join(root, 'etc-relais');
  mkdirSync(policyDir);
  const policyFile = path.join(policyDir, 'policy.json');
  writeFileSync(policyFile, policyText);
  try {
    const harness = await createDesktopHarness({ appOrigin, markerFile: path.join(root, 'marker.json'), policyDir });
    const context = await browser.newContext({ locale: 'en-GB' });
    await harness.attach(context, attachOptions);
    await use(await context.newPage(), policyFile, harness);
    await context.close();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

test('a broken policy file shows safe mode, explained in plain words, and no sign-in', async ({ browser, env }) => {
  const broken = '{\n  "policyVersion": 1,\n  "homeservers": ["https://matrix.example.gouv.fr"],\n  "logLevel": "loud"\n}\n';
  await withMachinePolicy(browser, env.webUrl, broken, async (page) => {
    await page.goto(env.webUrl);
    await expect(page.getByRole('heading', { name: 'Relais cannot start normally' })).toBeVisible();
    await expect(page.getByRole('alert')).toContainText('IT');
    await expect(page.getByRole('textbox', { name: 'Password' })).toHaveCount(0);
    await expectAccessible(page);
  });
});

test('a homeserver locked by policy cannot be changed on the sign-in screen', async ({ browser, env }) => {
  const policy = JSON.stringify({ policyVersion: 1, homeservers: [env.homeserver] });
  await withMachinePolicy(browser, env.webUrl, policy, async (page) => {
    // A homeserver suggested by the URL is ignored: the policy's wins.
    await page.goto(`${env.webUrl}?hs=${encodeURIComponent('https://elsewhere.example')}`);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Homeserver' })).toHaveCount(0);
    await expect(page.getByText(env.homeserver)).toBeVisible();
    await expectAccessible(page);
    await submitSignIn(page, TEST_USERS.grace);
    await expect(page.getByRole('navigation', { name: 'Rooms' })).toBeVisible({ timeout: 30_000 });
    await signOut(page);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  });
});

test('the settings screen shows what the organisation locked, and why', async ({ browser, env }) => {
  const policy = JSON.stringify({
    policyVersion: 1,
    homeservers: [env.homeserver],
    teamsBridge: { enabled: true, sunset: '2027-06-30', modes: { '*': { mode: 'browser' } } },
  });
  await withMachinePolicy(browser, env.webUrl, policy, async (page, policyFile) => {
    await page.goto(env.webUrl);
    await submitSignIn(page, TEST_USERS.grace);
    const dialog = await openSettings(page, 'Organisation');
    const managed = dialog.getByRole('region', { name: 'Managed by your organisation' });
    await expect(managed.getByRole('term').filter({ hasText: /^Homeserver$/ })).toBeVisible();
    await expect(managed.getByRole('definition').filter({ hasText: env.homeserver })).toContainText(
      `Locked by your organisation (set by machine policy in ${policyFile}:`,
    );
    await expect(managed.getByRole('definition').filter({ hasText: '2027-06-30' })).toContainText('Locked by your organisation');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await signOut(page);
  });
});

/** What window.relais (the preload's raw bridge) answers: an envelope, never a thrown error. */
type Envelope = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
function setUserSettingsThroughIpc(page: Page, change: unknown): Promise<Envelope> {
  return page.evaluate(
    (request) =>
      (globalThis as unknown as { relais: { setUserSettings(r: unknown): Promise<Envelope> } }).relais.setUserSettings(request),
    change,
  );
}

test('preferences persist in the profile; what policy locks is shown locked and cannot be changed', async ({ browser, env }) => {
  test.setTimeout(90_000);
  const policy = JSON.stringify({ policyVersion: 1, homeservers: [env.homeserver], notifications: { enabled: false } });
  await withMachinePolicy(browser, env.webUrl, policy, async (page, policyFile, harness) => {
    await page.goto(env.webUrl);
    await submitSignIn(page, TEST_USERS.grace);
    const dialog = await openSettings(page, 'Preferences');
    const preferences = dialog.getByRole('region', { name: 'Your preferences' });
    // Locked by policy: off, disabled, and the reason is read with it.
    const notifications = preferences.getByRole('checkbox', { name: 'Notifications', exact: true });
    await expect(notifications).not.toBeChecked();
    await expect(notifications).toBeDisabled();
    await expect(notifications).toHaveAccessibleDescription(
      new RegExp(`Locked by your organisation \\(set by machine policy in ${policyFile}`),
    );
    // Not locked: the person changes it, and the language.
    const sound = preferences.getByRole('checkbox', { name: 'Notification sound' });
    await expect(sound).toBeChecked();
    await sound.uncheck();
    await expect(sound).not.toBeChecked();
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Français' }).click();
    // The dialog follows the language at once (its name too).
    await expect(page.getByRole('dialog', { name: 'Réglages' }).getByRole('button', { name: 'Fermer' })).toBeVisible();

    // Main refuses what policy locks even when asked directly, and writes nothing for it.
    const refused = await setUserSettingsThroughIpc(page, { notifications: { enabled: true } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not-allowed' } });
    const homeserver = await setUserSettingsThroughIpc(page, { homeserver: 'https://elsewhere.example' });
    expect(homeserver).toMatchObject({ ok: false, error: { code: 'not-allowed' } });
    expect(harness.userSettings.current()).toEqual({ version: 1, language: 'fr', notifications: { sound: false } });
    expect(harness.egress().decide('https://elsewhere.example/_matrix/client/versions').allowed).toBe(false);

    // A reload (a restart, for the renderer): the session comes back from the keychain, and the
    // preferences from the profile.
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await page.getByRole('button', { name: 'Réglages' }).click();
    // A new page: Settings opens on its first tab again.
    await page.getByRole('dialog', { name: 'Réglages' }).getByRole('tab', { name: 'Préférences' }).click();
    const reloaded = page.getByRole('dialog', { name: 'Réglages' }).getByRole('region', { name: 'Vos préférences' });
    await expect(reloaded.getByRole('checkbox', { name: 'Son des notifications' })).not.toBeChecked();
    await expect(reloaded.getByRole('checkbox', { name: 'Notifications', exact: true })).toBeDisabled();
    await expectAccessible(page);
    await page.getByRole('dialog', { name: 'Réglages' }).getByRole('button', { name: 'Fermer' }).click();
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
  });
});

test('a homeserver the user chooses is reachable when policy allows custom homeservers, and nothing else', async ({
  browser,
  env,
}) => {
  test.setTimeout(90_000);
  const policy = JSON.stringify({ policyVersion: 1, allowCustomHomeserver: true, allowedEgressHosts: ['sfu.example.gouv.fr'] });
  await withMachinePolicy(
    browser,
    env.webUrl,
    policy,
    async (page, _policyFile, harness) => {
      const versions = `${env.homeserver}/_matrix/client/versions`;
      expect(harness.egress().decide(versions).allowed).toBe(false);
      await page.goto(env.webUrl);
      await page.getByRole('textbox', { name: 'Homeserver' }).fill(env.homeserver);
      await submitSignIn(page, TEST_USERS.grace);
      // Every request passed main's egress filter: the homeserver became reachable when chosen.
      await expect(page.getByRole('navigation', { name: 'Rooms' })).toBeVisible({ timeout: 30_000 });
      expect(harness.egress().decide(versions).allowed).toBe(true);
      expect(harness.userSettings.current().homeservers).toEqual([env.homeserver]);
      expect(harness.egress().decide('https://elsewhere.example/').allowed).toBe(false);
      // Before the person submitted it, the address was not theirs yet: only the sign-in screen's
      // look-ups of its login flows, while it was being typed, were refused. Nothing after.
      const refused = harness.blocked.filter((url) => url.startsWith(env.homeserver)).map((url) => new URL(url).pathname);
      expect(refused.filter((path) => path !== '/.well-known/matrix/client' && path !== '/_matrix/client/versions')).toEqual([]);
      await signOut(page);
      await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    },
    { enforceEgress: true },
  );
});

/** Grace writes a link in a room of hers; returns the room's log. Every preview request of the page is recorded. */
async function writeLink(page: Page, roomName: string, text: string, previewRequests: string[]) {
  page.on('request', (request) => {
    if (request.url().includes('/preview_url')) previewRequests.push(request.url());
  });
  await expect(page.getByRole('navigation', { name: 'Rooms' })).toBeVisible({ timeout: 30_000 });
  await page
    .getByRole('navigation', { name: 'Rooms' })
    .getByRole('link', { name: new RegExp(`^${roomName}`) })
    .click({ timeout: 30_000 });
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  await page.getByRole('textbox', { name: 'Message' }).press('Enter');
  const log = page.getByRole('log', { name: roomName });
  await expect(log.getByText(text)).toBeVisible({ timeout: 30_000 });
  return log;
}

test('link previews off by policy: no preview is asked of the homeserver, even in a room without encryption', async ({
  browser,
  env,
}) => {
  test.setTimeout(90_000);
  const site = await servePage();
  try {
    const grace = await apiLogin(env.homeserver, TEST_USERS.grace);
    const roomName = `Liens coupés ${Date.now().toString(36)}`;
    await createRoom(grace, { name: roomName });
    const policy = JSON.stringify({ policyVersion: 1, homeservers: [env.homeserver], chat: { urlPreviews: 'off' } });
    await withMachinePolicy(browser, env.webUrl, policy, async (page) => {
      await page.goto(env.webUrl);
      await submitSignIn(page, TEST_USERS.grace);
      const previewRequests: string[] = [];
      const log = await writeLink(page, roomName, `Voir ${site.url}`, previewRequests);
      await page.waitForTimeout(3_000);
      await expect(log.getByRole('group', { name: /^Link preview/ })).toHaveCount(0);
      expect(previewRequests).toEqual([]);
      expect(site.agents).toEqual([]);
      // Settings say why it cannot be turned on.
      const dialog = await openSettings(page, 'Preferences');
      const off = dialog.getByRole('group', { name: 'Link previews' }).getByRole('radio', { name: 'Off', exact: true });
      await expect(off).toBeChecked();
      await expect(off).toBeDisabled();
      await dialog.getByRole('button', { name: 'Close' }).click();
      await signOut(page);
    });
  } finally {
    await site.close();
  }
});

test('link previews for all rooms by policy: a preview in an encrypted room, asked of the homeserver', async ({
  browser,
  env,
}) => {
  test.setTimeout(120_000);
  const site = await servePage();
  try {
    const grace = await apiLogin(env.homeserver, TEST_USERS.grace);
    const roomName = `Liens chiffrés ${Date.now().toString(36)}`;
    await createRoom(grace, { name: roomName, encrypted: true });
    const policy = JSON.stringify({ policyVersion: 1, homeservers: [env.homeserver], chat: { urlPreviews: 'all' } });
    await withMachinePolicy(browser, env.webUrl, policy, async (page) => {
      await page.goto(env.webUrl);
      await submitSignIn(page, TEST_USERS.grace);
      const previewRequests: string[] = [];
      const log = await writeLink(page, roomName, `Circulaire : ${site.url}`, previewRequests);
      const card = log.getByRole('group', { name: 'Link preview: Intranet ministériel' });
      await expect(card).toBeVisible({ timeout: 30_000 });
      await expect(card.getByRole('link', { name: 'Circulaire du 3 mars sur le télétravail' })).toHaveAttribute('href', site.url);
      expect(previewRequests.length).toBeGreaterThan(0);
      expect(previewRequests.every((url) => url.startsWith(env.homeserver))).toBe(true);
      expect(site.agents.every((agent) => agent.includes('Synapse'))).toBe(true);
      await expectAccessible(page);
      await signOut(page);
    });
  } finally {
    await site.close();
  }
});
