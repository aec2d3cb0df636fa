// Machine policy as the desktop app applies it (through the real main-process loader and IPC, see
// desktopHarness.ts): a broken policy file puts Relais in safe mode with a plain explanation.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { createDesktopHarness } from './desktopHarness.ts';
import { expect, expectAccessible, test } from './fixtures.ts';
import { submitSignIn } from './helpers.ts';
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
  use: (page: Page, policyFile: string) => Promise<void>,
): Promise<void> {
  const root = mkdtempSync(path.join(tmpdir(), 'relais-policy-'));
  const policyDir = path.join(root, 'etc-relais');
  mkdirSync(policyDir);
  const policyFile = path.join(policyDir, 'policy.json');
  writeFileSync(policyFile, policyText);
  try {
    const harness = await createDesktopHarness({ appOrigin, markerFile: path.join(root, 'marker.json'), policyDir });
    const context = await browser.newContext({ locale: 'en-GB' });
    await harness.attach(context);
    await use(await context.newPage(), policyFile);
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
    await page.getByRole('button', { name: 'Sign out' }).click();
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
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    const managed = dialog.getByRole('region', { name: 'Managed by your organisation' });
    await expect(managed.getByRole('term').filter({ hasText: /^Homeserver$/ })).toBeVisible();
    await expect(managed.getByRole('definition').filter({ hasText: env.homeserver })).toContainText(
      `Locked by your organisation (set by machine policy in ${policyFile}:`,
    );
    await expect(managed.getByRole('definition').filter({ hasText: '2027-06-30' })).toContainText('Locked by your organisation');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
  });
});
