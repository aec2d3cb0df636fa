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
import type { Page } from '@playwright/test';

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

    // Quit and start again: still there (saved half a second after the last change; the record's key,
    // the room id, is in clear in the local database, its content encrypted).
    await expect.poll(() => storedDraftRooms(app.page), { timeout: 15_000 }).toContain(budgetId);
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

// Runs in the page (the e2e tsconfig has no DOM types, hence a string): the record keys of every
// Relais local database's drafts store.
const LIST_DRAFT_KEYS = `(async () => {
  const keys = [];
  for (const { name } of await indexedDB.databases()) {
    if (!name || !name.startsWith('relais-local:')) continue;
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    if (db.objectStoreNames.contains('drafts')) {
      keys.push(...(await new Promise((resolve, reject) => {
        const request = db.transaction('drafts').objectStore('drafts').getAllKeys();
        request.onsuccess = () => resolve(request.result.map(String));
        request.onerror = () => reject(request.error);
      })));
    }
    db.close();
  }
  return keys;
})()`;

/** The rooms whose draft is in the app's local database (its record keys; the drafts themselves are encrypted). */
function storedDraftRooms(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(LIST_DRAFT_KEYS);
}
