// Drafts (issue 17.4, first part): what one was writing in a room, and the reply under way, are still there
// after switching rooms and, in the desktop app, after quitting and starting again (kept encrypted in the
// local database, the key in the OS keychain).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDesktopHarness } from './desktopHarness.ts';
import { launchApp, quitApp } from './desktopProfile.ts';
import { expect, expectAccessible, test } from './fixtures.ts';
import { submitSignIn } from './helpers.ts';
import { apiLogin, createRoom, joinRoom, sendText } from './matrixApi.ts';
import { TEST_USERS } from './testUsers.ts';

test.skip(process.env.RELAIS_SECRET_SERVICE !== '1', 'needs a Secret Service: run through `npm run test:e2e`');

test('a draft and its reply survive switching rooms and restarting the app', async ({ env }) => {
  test.setTimeout(180_000);
  const stamp = Date.now().toString(36);
  const xavier = await apiLogin(env.homeserver, TEST_USERS.xavier);
  const zelie = await apiLogin(env.homeserver, TEST_USERS.zelie);
  const budget = `Budget ${stamp}`;
  const other = `Autre ${stamp}`;
  const budgetId = await createRoom(xavier, { name: budget, invite: [zelie.userId], encrypted: true });
  await joinRoom(zelie, budgetId);
  await sendText(zelie, budgetId, 'Peux-tu relire le tableau ?');
  await createRoom(xavier, { name: other });

  const profile = mkdtempSync(path.join(tmpdir(), 'relais-drafts-'));
  const harness = await createDesktopHarness({ appOrigin: env.webUrl, markerFile: path.join(profile, 'keychain-backend.json') });
  try {
    let app = await launchApp({ profileDir: path.join(profile, 'chromium'), harness, webUrl: env.webUrl });
    await app.page.goto(`${env.webUrl}?hs=${encodeURIComponent(env.homeserver)}`);
    await submitSignIn(app.page, TEST_USERS.xavier);
    const rooms = app.page.getByRole('navigation', { name: 'Rooms' });
    await rooms.getByRole('link', { name: new RegExp(`^${budget}`) }).click({ timeout: 30_000 });
    const log = app.page.getByRole('log', { name: budget });
    const question = log.getByRole('article').filter({ hasText: 'Peux-tu relire le tableau ?' });
    await question.hover();
    await question.getByRole('button', { name: 'Reply', exact: true }).click();
    const composer = app.page.getByRole('textbox', { name: 'Message' });
    await composer.fill('Oui, je regarde les lignes 12 à 40 et je');

    // Another room, then back: the text and the reply are where they were.
    await rooms.getByRole('link', { name: new RegExp(`^${other}`) }).click();
    await expect(composer).toHaveValue('');
    await rooms.getByRole('link', { name: new RegExp(`^${budget}`) }).click();
    await expect(composer).toHaveValue('Oui, je regarde les lignes 12 à 40 et je');
    await expect(app.page.getByText('Replying to zelie')).toBeVisible();

    // Quit and start again: still there (saved half a second after the last change).
    await app.page.waitForTimeout(1_500);
    await quitApp(app.context);
    app = await launchApp({ profileDir: path.join(profile, 'chromium'), harness, webUrl: env.webUrl });
    await app.page.goto(env.webUrl);
    await app.page
      .getByRole('navigation', { name: 'Rooms' })
      .getByRole('link', { name: new RegExp(`^${budget}`) })
      .click({ timeout: 30_000 });
    const again = app.page.getByRole('textbox', { name: 'Message' });
    await expect(again).toHaveValue('Oui, je regarde les lignes 12 à 40 et je', { timeout: 15_000 });
    await expect(app.page.getByText('Replying to zelie')).toBeVisible({ timeout: 15_000 });
    await expectAccessible(app.page);

    // Sent: the draft is gone, here and after the next start.
    await again.press('End');
    await again.pressSequentially(' reviens vers toi.');
    await again.press('Enter');
    await expect(app.page.getByRole('log', { name: budget }).getByText('je reviens vers toi.')).toBeVisible();
    await expect(again).toHaveValue('');
    await expect(app.page.getByText('Replying to zelie')).toBeHidden();
    await quitApp(app.context);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});
