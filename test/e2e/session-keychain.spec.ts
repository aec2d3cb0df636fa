// The desktop session lifecycle against the real keychain: sign in, quit, start again without a
// password; sign out and nothing is left behind. See desktopHarness.ts for what stands in for Electron.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../playwright.config.ts';
import { createDesktopHarness } from './desktopHarness.ts';
import { expect, expectAccessible, test } from './fixtures.ts';
import { signOut, submitSignIn } from './helpers.ts';
import { TEST_USERS } from './testUsers.ts';

test.skip(
  process.env.RELAIS_SECRET_SERVICE !== '1',
  'needs a Secret Service: run through `npm run test:e2e` (test/env/with-keyring.sh)',
);

test('restart restores the session from the keychain; sign-out leaves no secret behind', async ({ env }) => {
  test.setTimeout(120_000);
  const profile = mkdtempSync(path.join(tmpdir(), 'relais-profile-'));
  const harness = await createDesktopHarness({ appOrigin: env.webUrl, markerFile: path.join(profile, 'keychain-backend.json') });
  expect(harness.secrets.persistent).toBe(true);
  expect(harness.secrets.backend).toBe('secret-service');

  // A persistent browser profile plays the part of the app's profile folder (IndexedDB survives).
  const launch = async (): Promise<BrowserContext> => {
    const context = await chromium.launchPersistentContext(path.join(profile, 'chromium'), {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      headless: true,
      locale: 'en-GB',
    });
    await harness.attach(context);
    return context;
  };

  try {
    let context = await launch();
    let page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${env.webUrl}?hs=${encodeURIComponent(env.homeserver)}`);
    await submitSignIn(page, TEST_USERS.erin);
    await expect(page.getByRole('navigation', { name: 'Rooms' })).toBeVisible({ timeout: 30_000 });
    // No "session for this run only" banner: the keychain answered.
    await expect(page.getByText('keeps your session for this run only')).toHaveCount(0);

    const stored = await harness.secrets.get('matrix-session');
    expect(stored && (JSON.parse(stored) as { userId: string }).userId).toBe('@erin:localhost');
    expect(await harness.secrets.get('crypto-store-key')).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    await context.close();

    // "Restart": a new browser over the same profile and keychain. No password is asked.
    const started = Date.now();
    context = await launch();
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(env.webUrl);
    await expect(page.getByRole('navigation', { name: 'Rooms' })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText('Signed in as @erin:localhost')).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Password' })).toHaveCount(0);
    console.log(`restore from keychain to room list: ${Date.now() - started} ms`);
    await expectAccessible(page);

    await signOut(page);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    expect(await harness.secrets.get('matrix-session')).toBeNull();
    expect(await harness.secrets.get('crypto-store-key')).toBeNull();
    // Deleting a database waits for its last connection to close (the crypto store's, released as the
    // stopped client is torn down), so the deletion can complete a moment after sign-out.
    await expect
      .poll(
        async () =>
          (
            await page.evaluate(async () => {
              const idb = (globalThis as unknown as { indexedDB: { databases: () => Promise<{ name?: string }[]> } }).indexedDB;
              return (await idb.databases()).map((d) => d.name ?? '');
            })
          ).filter((name) => name.startsWith('relais-crypto:') || name.startsWith('relais-local:')),
        { timeout: 20_000 },
      )
      .toEqual([]);
    await context.close();
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});
