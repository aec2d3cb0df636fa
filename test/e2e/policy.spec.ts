// Machine policy as the desktop app applies it (through the real main-process loader and IPC, see
// desktopHarness.ts): a broken policy file puts Relais in safe mode with a plain explanation.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDesktopHarness } from './desktopHarness.ts';
import { expect, expectAccessible, test } from './fixtures.ts';
import { TEST_USERS } from './testUsers.ts';

test.skip(
  process.env.RELAIS_SECRET_SERVICE !== '1',
  'needs a Secret Service: run through `npm run test:e2e` (test/env/with-keyring.sh)',
);

test('a broken policy file shows safe mode, explained in plain words, and no sign-in', async ({ browser, env }) => {
  const root = mkdtempSync(path.join(tmpdir(), 'relais-policy-'));
  const policyDir = path.join(root, 'etc-relais');
  mkdirSync(policyDir);
  writeFileSync(
    path.join(policyDir, 'policy.json'),
    '{\n  "policyVersion": 1,\n  "homeservers": ["https://matrix.example.gouv.fr"],\n  "logLevel": "loud"\n}\n',
  );
  try {
    const harness = await createDesktopHarness({ appOrigin: env.webUrl, markerFile: path.join(root, 'marker.json'), policyDir });
    const context = await browser.newContext({ locale: 'en-GB' });
    await harness.attach(context);
    const page = await context.newPage();
    await page.goto(env.webUrl);
    await expect(page.getByRole('heading', { name: 'Relais cannot start normally' })).toBeVisible();
    await expect(page.getByRole('alert')).toContainText('IT');
    await expect(page.getByRole('textbox', { name: 'Password' })).toHaveCount(0);
    await expectAccessible(page);
    await context.close();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a homeserver locked by policy cannot be changed on the sign-in screen', async ({ browser, env }) => {
  const root = mkdtempSync(path.join(tmpdir(), 'relais-policy-'));
  const policyDir = path.join(root, 'etc-relais');
  mkdirSync(policyDir);
  writeFileSync(path.join(policyDir, 'policy.json'), JSON.stringify({ policyVersion: 1, homeservers: [env.homeserver] }));
  try {
    const harness = await createDesktopHarness({ appOrigin: env.webUrl, markerFile: path.join(root, 'marker.json'), policyDir });
    const context = await browser.newContext({ locale: 'en-GB' });
    await harness.attach(context);
    const page = await context.newPage();
    // A homeserver suggested by the URL is ignored: the policy's wins.
    await page.goto(`${env.webUrl}?hs=${encodeURIComponent('https://elsewhere.example')}`);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Homeserver' })).toHaveCount(0);
    await expect(page.getByText(env.homeserver)).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('textbox', { name: 'Username' }).fill(TEST_USERS.grace.username);
    await page.getByRole('textbox', { name: 'Password' }).fill(TEST_USERS.grace.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('navigation', { name: 'Rooms' })).toBeVisible({ timeout: 30_000 });
    // The keychain outlives the browser context: sign out so the next test starts signed out.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await context.close();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('the settings screen shows what the organisation locked, and why', async ({ browser, env }) => {
  const root = mkdtempSync(path.join(tmpdir(), 'relais-policy-'));
  const policyDir = path.join(root, 'etc-relais');
  mkdirSync(policyDir);
  writeFileSync(
    path.join(policyDir, 'policy.json'),
    JSON.stringify({
      policyVersion: 1,
      homeservers: [env.homeserver],
      teamsBridge: { enabled: true, sunset: '2027-06-30', modes: { '*': { mode: 'browser' } } },
    }),
  );
  try {
    const harness = await createDesktopHarness({ appOrigin: env.webUrl, markerFile: path.join(root, 'marker.json'), policyDir });
    const context = await browser.newContext({ locale: 'en-GB' });
    await harness.attach(context);
    const page = await context.newPage();
    await page.goto(env.webUrl);
    await page.getByRole('textbox', { name: 'Username' }).fill(TEST_USERS.grace.username);
    await page.getByRole('textbox', { name: 'Password' }).fill(TEST_USERS.grace.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    const managed = dialog.getByRole('region', { name: 'Managed by your organisation' });
    await expect(managed.getByRole('term').filter({ hasText: /^Homeserver$/ })).toBeVisible();
    await expect(managed.getByRole('definition').filter({ hasText: env.homeserver })).toContainText(
      `Locked by your organisation (set by machine policy in ${path.join(policyDir, 'policy.json')}:`,
    );
    await expect(managed.getByRole('definition').filter({ hasText: '2027-06-30' })).toContainText('Locked by your organisation');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await context.close();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
