// Settings → Export diagnostics against the real Synapse. Web build: the downloaded file holds the
// app's recent log and none of the session's secrets, even when an error message carried one.
// Desktop (the real main-process IPC router, log intake, log file and diagnostics builder, see
// desktopHarness.ts): the renderer's lines reach relais.log and the saved file.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDesktopHarness } from './desktopHarness.ts';
import { expect, expectAccessible, test } from './fixtures.ts';
import { openSettings, submitSignIn } from './helpers.ts';
import { TEST_USERS } from './testUsers.ts';

test('Export diagnostics downloads the recent log, without the access token', async ({ browser, env }) => {
  const context = await browser.newContext({ locale: 'en-GB', acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${env.webUrl}?hs=${encodeURIComponent(env.homeserver)}`);
  const login = page.waitForResponse((r) => r.url().endsWith('/_matrix/client/v3/login') && r.request().method() === 'POST');
  await submitSignIn(page, TEST_USERS.zoe);
  const { access_token: accessToken } = (await (await login).json()) as { access_token: string };
  expect(accessToken).toMatch(/^syt_/);
  await expect(page.getByRole('navigation', { name: 'Rooms' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('status').filter({ hasText: 'Online' })).toBeVisible({ timeout: 30_000 });

  // Errors nobody caught, whose messages hold the token: the app logs them (redacted).
  await page.evaluate(`
    window.dispatchEvent(new ErrorEvent('error', { message: 'request failed: GET /sync?access_token=' + ${JSON.stringify(accessToken)} }));
    void Promise.reject(new Error('upload refused: Authorization: Bearer ' + ${JSON.stringify(accessToken)}));
  `);

  const dialog = await openSettings(page, 'Diagnostics');
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export diagnostics' }).click();
  const download = await downloading;
  await expect(dialog.getByRole('status').filter({ hasText: 'Diagnostics file downloaded.' })).toBeVisible();
  await expectAccessible(page);

  expect(download.suggestedFilename()).toMatch(/^relais-diagnostics-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.txt$/);
  const text = await readFile(await download.path(), 'utf8');
  expect(text).toContain('Build: web');
  // Lines the app wrote on the way here: its start, and the sync mode it chose.
  expect(text).toMatch(/^\S+Z INFO {2}\[app\] started \(web\), machine policy: none$/m);
  expect(text).toMatch(/^\S+Z INFO {2}\[sync\] using (sliding|classic) sync: /m);
  expect(text).toContain('ERROR [app] uncaught error: request failed: GET /sync?access_token=[redacted]');
  expect(text).toContain(
    'ERROR [app] a task nobody waited for failed (ignored): upload refused: Authorization: Bearer [redacted]',
  );
  expect(text).not.toContain(accessToken);
  expect(text).not.toContain(accessToken.slice(4));
  expect(text).not.toContain(TEST_USERS.zoe.password);
  await context.close();
});

test('desktop: the renderer logs into main’s log file, and Export diagnostics saves it with the versions', async ({
  browser,
  env,
}) => {
  test.skip(process.env.RELAIS_SECRET_SERVICE !== '1', 'needs a Secret Service: run through `npm run test:e2e`');
  const root = mkdtempSync(path.join(tmpdir(), 'relais-diagnostics-'));
  const logDir = path.join(root, 'logs');
  try {
    const harness = await createDesktopHarness({ appOrigin: env.webUrl, markerFile: path.join(root, 'marker.json'), logDir });
    const context = await browser.newContext({ locale: 'en-GB' });
    await harness.attach(context);
    const page = await context.newPage();
    await page.goto(`${env.webUrl}?hs=${encodeURIComponent(env.homeserver)}`);
    const login = page.waitForResponse((r) => r.url().endsWith('/_matrix/client/v3/login') && r.request().method() === 'POST');
    await submitSignIn(page, TEST_USERS.zoe);
    const { access_token: accessToken } = (await (await login).json()) as { access_token: string };
    await expect(page.getByRole('navigation', { name: 'Rooms' })).toBeVisible({ timeout: 30_000 });

    const dialog = await openSettings(page, 'Diagnostics');
    await dialog.getByRole('button', { name: 'Export diagnostics' }).click();
    await expect(dialog.getByRole('status').filter({ hasText: 'Diagnostics file saved.' })).toBeVisible();

    const saved = readdirSync(logDir).filter((name) => name.startsWith('relais-diagnostics-'));
    expect(saved).toHaveLength(1);
    const text = await readFile(path.join(logDir, saved[0]!), 'utf8');
    expect(text).toContain('Build: desktop (Electron)');
    expect(text).toContain(`Node.js: ${process.versions.node}`);
    // The renderer's lines, as main wrote them: marked as the renderer's.
    expect(text).toMatch(/^\S+Z INFO {2}\[renderer\/app\] started \(electron\), machine policy: none$/m);
    expect(text).toMatch(/^\S+Z INFO {2}\[renderer\/sync\] using (sliding|classic) sync: /m);
    const logFile = await readFile(path.join(logDir, 'relais.log'), 'utf8');
    expect(logFile).toMatch(/\[renderer\/sync\] using (sliding|classic) sync: /);
    for (const written of [text, logFile]) {
      expect(written).not.toContain(accessToken);
      expect(written).not.toContain(TEST_USERS.zoe.password);
    }
    await context.close();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
