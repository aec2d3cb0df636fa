// Offline tolerance against the real Synapse: the durable outbox (encrypted at rest, fixed
// transaction ids), cold start from the local cache without a network, the homeserver going away in
// the middle of a send, and a permanent refusal. The desktop app is the desktop harness (real
// keychain) over a persistent Chromium profile; its files are served from disk as relais:// serves
// them, so it starts with the network off.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { startSynapse } from '../env/synapse.ts';
import { freePort } from '../env/freePort.ts';
import { createDesktopHarness } from './desktopHarness.ts';
import { launchApp, quitApp } from './desktopProfile.ts';
import { expect, expectAccessible, test } from './fixtures.ts';
import { signInAs, submitSignIn } from './helpers.ts';
import { apiLogin, createRoom, joinRoom, roomEvents, sendText } from './matrixApi.ts';
import { TEST_USERS } from './testUsers.ts';

const FIRST = 'Premier message écrit hors ligne';
const SECOND = 'Deuxième message écrit hors ligne';
const THIRD = 'Troisième message écrit hors ligne';

async function compose(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
}

/** The texts of the messages in a room's timeline, top to bottom. */
async function timelineTexts(page: Page, roomName: string): Promise<string[]> {
  return page.getByRole('log', { name: roomName }).getByRole('article').allInnerTexts();
}

function positions(texts: string[], wanted: string[]): number[] {
  return wanted.map((w) => texts.findIndex((t) => t.includes(w)));
}

test.describe('offline', () => {
  test.skip(
    process.env.RELAIS_SECRET_SERVICE !== '1',
    'needs a Secret Service: run through `npm run test:e2e` (test/env/with-keyring.sh)',
  );

  test('three messages written offline in an encrypted room survive a restart and arrive once each, in order', async ({
    browser,
    env,
  }) => {
    test.setTimeout(240_000);
    const profile = mkdtempSync(path.join(tmpdir(), 'relais-offline-'));
    const harness = await createDesktopHarness({
      appOrigin: env.webUrl,
      markerFile: path.join(profile, 'keychain-backend.json'),
    });
    const roomName = `Astreinte ${Date.now()}`;
    try {
      // Nina uses the desktop app; Oscar reads in a browser.
      let app = await launchApp({ profileDir: path.join(profile, 'chromium'), harness, webUrl: env.webUrl });
      await app.page.goto(`${env.webUrl}?hs=${encodeURIComponent(env.homeserver)}`);
      await submitSignIn(app.page, TEST_USERS.nina);
      await expect(app.page.getByRole('status').filter({ hasText: 'Online' })).toBeVisible({ timeout: 30_000 });
      const oscar = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.oscar);

      const ninaApi = await apiLogin(env.homeserver, TEST_USERS.nina);
      const roomId = await createRoom(ninaApi, { name: roomName, invite: ['@oscar:localhost'], encrypted: true });
      await oscar.page.getByRole('navigation', { name: 'Rooms' }).getByRole('link', { name: roomName }).click();
      await oscar.page.getByRole('button', { name: 'Accept' }).click();
      await compose(oscar.page, 'Compte rendu de la réunion de lundi');

      await app.page.getByRole('navigation', { name: 'Rooms' }).getByRole('link', { name: roomName }).click();
      const ninaLog = app.page.getByRole('log', { name: roomName });
      await expect(ninaLog.getByText('Compte rendu de la réunion de lundi')).toBeVisible({ timeout: 30_000 });

      // The network goes. Three messages are written; they wait, shown as such.
      await app.context.setOffline(true);
      await expect(app.page.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();
      for (const text of [FIRST, SECOND, THIRD]) await compose(app.page, text);
      const pending = app.page.getByRole('list', { name: 'Waiting to be sent' }).getByRole('listitem');
      await expect(pending).toHaveCount(3);
      await expect(pending.first()).toContainText('Offline: will be sent when the network is back');
      await expect(app.page.getByRole('status').filter({ hasText: '3 messages waiting' })).toBeVisible();
      // The caches are written within 2 s of a change; give them that before quitting.
      await app.page.waitForTimeout(3_000);
      await quitApp(app.context);

      // The app starts again, still without a network: the cached room list appears at once.
      app = await launchApp({ profileDir: path.join(profile, 'chromium'), harness, webUrl: env.webUrl, offline: true });
      const started = Date.now();
      if (process.env.RELAIS_DEBUG_COLD_START)
        app.page.on('console', (m) => console.log(Date.now() - started, m.text().slice(0, 160)));
      await app.page.goto(env.webUrl);
      await expect(app.page.getByRole('navigation', { name: 'Rooms' }).getByRole('link', { name: roomName })).toBeVisible({
        timeout: 15_000,
      });
      const coldStartMs = Date.now() - started;
      // "The window showing" is the first paint (the splash); Electron shows its window then.
      const sinceFirstPaintMs = await app.page.evaluate(() => {
        const paint = performance.getEntriesByName('first-contentful-paint')[0];
        return Math.round(performance.now() - (paint?.startTime ?? 0));
      });
      console.log(JSON.stringify({ offlineColdStartToRoomListMs: coldStartMs, roomListAfterFirstPaintMs: sinceFirstPaintMs }));
      await expect(app.page.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();
      await expect(app.page.getByRole('alert')).toHaveCount(0);
      await app.page.getByRole('navigation', { name: 'Rooms' }).getByRole('link', { name: roomName }).click();
      await expect(app.page.getByRole('log', { name: roomName }).getByText('Compte rendu de la réunion de lundi')).toBeVisible();
      await expect(app.page.getByRole('list', { name: 'Waiting to be sent' }).getByRole('listitem')).toHaveCount(3);
      await expectAccessible(app.page);

      // Searching works offline, in the encrypted room, accents or not.
      await app.page.getByRole('button', { name: 'Search messages' }).click();
      const search = app.page.getByRole('dialog', { name: 'Search messages' });
      await search.getByRole('searchbox', { name: 'Search' }).fill('reunion lundi');
      await expect(search.getByRole('list', { name: 'Results' })).toContainText('Compte rendu de la réunion de lundi');
      await expectAccessible(app.page);
      await search.getByRole('button', { name: 'Close' }).click();

      // The network comes back: the outbox empties by itself.
      await app.context.setOffline(false);
      await expect(app.page.getByRole('list', { name: 'Waiting to be sent' })).toHaveCount(0, { timeout: 60_000 });
      await expect(app.page.getByRole('status').filter({ hasText: 'Online' })).toBeVisible({ timeout: 30_000 });

      // Oscar reads the three, decrypted, in order, once each.
      const oscarLog = oscar.page.getByRole('log', { name: roomName });
      await expect(oscarLog.getByText(THIRD)).toBeVisible({ timeout: 30_000 });
      const texts = await timelineTexts(oscar.page, roomName);
      for (const text of [FIRST, SECOND, THIRD]) expect(texts.filter((t) => t.includes(text))).toHaveLength(1);
      const [a, b, c] = positions(texts, [FIRST, SECOND, THIRD]);
      expect(a).toBeLessThan(b ?? -1);
      expect(b).toBeLessThan(c ?? -1);

      // The homeserver holds exactly three encrypted events from Nina, sent with three transaction ids.
      const fromNina = (await roomEvents(ninaApi, roomId)).filter(
        (e) => e.sender === '@nina:localhost' && e.type === 'm.room.encrypted',
      );
      expect(fromNina).toHaveLength(3);
      await oscar.context.close();
      await quitApp(app.context);
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  });

  test('the homeserver stops in the middle of a send and comes back: no duplicate, no loss', async ({ browser, env }) => {
    test.setTimeout(240_000);
    const synapse = await startSynapse({ port: await freePort() });
    try {
      for (const user of [TEST_USERS.paul, TEST_USERS.quinn]) await synapse.registerUser(user.username, user.password);
      const paulApi = await apiLogin(synapse.baseUrl, TEST_USERS.paul);
      const quinnApi = await apiLogin(synapse.baseUrl, TEST_USERS.quinn);
      const roomName = `Coupure ${Date.now()}`;
      const roomId = await createRoom(paulApi, { name: roomName, invite: ['@quinn:localhost'], encrypted: true });
      await joinRoom(quinnApi, roomId);

      const paul = await signInAs(browser, env.webUrl, synapse.baseUrl, TEST_USERS.paul);
      await paul.page.getByRole('navigation', { name: 'Rooms' }).getByRole('link', { name: roomName }).click();
      await expect(paul.page.getByRole('textbox', { name: 'Message' })).toBeVisible();

      // The first send reaches the server, which stores it; then the server goes down before the
      // answer gets back. The app cannot know it arrived, so it must send it again, same txnId.
      let cut = false;
      let firstTxnPath = '';
      await paul.page.route('**/send/m.room.encrypted/**', async (route) => {
        if (cut) return route.continue();
        cut = true;
        firstTxnPath = new URL(route.request().url()).pathname;
        await route.fetch();
        await synapse.halt();
        await route.abort('connectionreset');
      });
      await compose(paul.page, FIRST);
      await expect.poll(() => cut).toBe(true);
      // While the server is down, two more.
      await compose(paul.page, SECOND);
      await compose(paul.page, THIRD);
      const pending = paul.page.getByRole('list', { name: 'Waiting to be sent' }).getByRole('listitem');
      await expect(pending).toHaveCount(3);
      await expect(paul.page.getByRole('status').filter({ hasText: /Offline|Connecting/ })).toBeVisible({ timeout: 60_000 });

      await synapse.start();
      await expect(paul.page.getByRole('list', { name: 'Waiting to be sent' })).toHaveCount(0, { timeout: 90_000 });

      const fromPaul = (await roomEvents(paulApi, roomId)).filter(
        (e) => e.sender === '@paul:localhost' && e.type === 'm.room.encrypted',
      );
      expect(fromPaul).toHaveLength(3);
      expect(new Set(fromPaul.map((e) => e.event_id)).size).toBe(3);
      expect(firstTxnPath).toMatch(/\/send\/m\.room\.encrypted\/relais\./);
      const texts = await timelineTexts(paul.page, roomName);
      for (const text of [FIRST, SECOND, THIRD]) expect(texts.filter((t) => t.includes(text))).toHaveLength(1);
      const [a, b, c] = positions(texts, [FIRST, SECOND, THIRD]);
      expect(a).toBeLessThan(b ?? -1);
      expect(b).toBeLessThan(c ?? -1);
      await paul.context.close();
    } finally {
      await synapse.stop();
    }
  });

  test('a message refused with 403 is shown failed and can be deleted; the reaction queued after it still goes', async ({
    browser,
    env,
  }) => {
    test.setTimeout(120_000);
    const oscarApi = await apiLogin(env.homeserver, TEST_USERS.oscar);
    const roomName = `Annonces ${Date.now()}`;
    // Only moderators may post messages; everyone may react.
    const roomId = await createRoom(oscarApi, {
      name: roomName,
      invite: ['@nina:localhost'],
      powerLevels: { events: { 'm.room.message': 50 } },
    });
    await sendText(oscarApi, roomId, 'Le service sera fermé vendredi.');
    const ninaApi = await apiLogin(env.homeserver, TEST_USERS.nina);
    await joinRoom(ninaApi, roomId);

    const nina = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.nina);
    await nina.page.getByRole('navigation', { name: 'Rooms' }).getByRole('link', { name: roomName }).click();
    const log = nina.page.getByRole('log', { name: roomName });
    const announcement = log.getByRole('article').filter({ hasText: 'Le service sera fermé vendredi.' });
    await expect(announcement).toBeVisible({ timeout: 30_000 });

    await nina.context.setOffline(true);
    await compose(nina.page, 'Puis-je répondre ici ?');
    await announcement.hover();
    await announcement.getByRole('button', { name: 'React' }).click();
    await nina.page.getByRole('dialog', { name: 'Emoji' }).getByRole('button', { name: 'React with thumbs up' }).click();
    await expect(nina.page.getByRole('list', { name: 'Waiting to be sent' }).getByRole('listitem')).toHaveCount(2);
    await nina.context.setOffline(false);

    const failed = nina.page.getByRole('list', { name: 'Waiting to be sent' }).getByRole('listitem');
    await expect(failed).toHaveCount(1, { timeout: 60_000 });
    await expect(failed).toContainText('Puis-je répondre ici ?');
    await expect(failed).toContainText('Not sent: you are not allowed to post in this room.');
    await expect(announcement.getByRole('list', { name: 'Reactions' })).toContainText('👍', { timeout: 30_000 });
    await expectAccessible(nina.page);
    const reactions = (await roomEvents(oscarApi, roomId)).filter(
      (e) => e.type === 'm.reaction' && e.sender === '@nina:localhost',
    );
    expect(reactions).toHaveLength(1);

    await failed.getByRole('button', { name: 'Delete unsent “Puis-je répondre ici ?”' }).click();
    await expect(nina.page.getByRole('list', { name: 'Waiting to be sent' })).toHaveCount(0);
    await expect(nina.page.getByRole('status').filter({ hasText: 'waiting' })).toHaveCount(0);
    await nina.context.close();
  });
  test('the app is reloaded in the middle of an upload: the file goes again from the start and arrives once', async ({ env }) => {
    test.setTimeout(180_000);
    const profile = mkdtempSync(path.join(tmpdir(), 'relais-upload-reload-'));
    const harness = await createDesktopHarness({
      appOrigin: env.webUrl,
      markerFile: path.join(profile, 'keychain-backend.json'),
    });
    const nina = await apiLogin(env.homeserver, TEST_USERS.nina);
    const roomName = `Téléversement interrompu ${Date.now().toString(36)}`;
    const roomId = await createRoom(nina, { name: roomName, encrypted: true });
    try {
      const app = await launchApp({ profileDir: path.join(profile, 'chromium'), harness, webUrl: env.webUrl });
      await app.page.goto(`${env.webUrl}?hs=${encodeURIComponent(env.homeserver)}`);
      await submitSignIn(app.page, TEST_USERS.nina);
      await expect(app.page.getByRole('status').filter({ hasText: 'Online' })).toBeVisible({ timeout: 30_000 });
      await app.page.getByRole('navigation', { name: 'Rooms' }).getByRole('link', { name: roomName }).click();

      // The media upload endpoint only, held: the upload starts and does not end before the reload.
      const UPLOAD = '**/_matrix/media/*/upload**';
      let uploadsSeen = 0;
      await app.page.route(UPLOAD, () => {
        uploadsSeen += 1;
      });
      await app.page.locator('#composer-file').setInputFiles({
        name: 'rapport-annuel.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.alloc(512 * 1024, 5),
      });
      await app.page.getByRole('dialog', { name: 'Send files' }).getByRole('button', { name: 'Send 1 file' }).click();
      const waiting = app.page.getByRole('list', { name: 'Waiting to be sent' });
      await expect(waiting.getByRole('progressbar', { name: /^Uploading rapport-annuel\.pdf/ })).toBeVisible({ timeout: 15_000 });
      await expect.poll(() => uploadsSeen, { timeout: 15_000 }).toBe(1);
      await app.page.unroute(UPLOAD);
      // The outbox is written as soon as the file is queued; the reload comes with the upload under way.
      await app.page.reload();

      await expect(app.page.getByRole('navigation', { name: 'Rooms' })).toBeVisible({ timeout: 30_000 });
      await app.page.getByRole('navigation', { name: 'Rooms' }).getByRole('link', { name: roomName }).click();
      const log = app.page.getByRole('log', { name: roomName });
      await expect(log.getByRole('link', { name: /rapport-annuel\.pdf/ })).toBeVisible({ timeout: 60_000 });
      await expect(app.page.getByRole('list', { name: 'Waiting to be sent' })).toHaveCount(0);
      // Once on the server, and once in the timeline, a few seconds on.
      await app.page.waitForTimeout(3_000);
      const fromNina = (await roomEvents(nina, roomId)).filter(
        (e) => e.sender === '@nina:localhost' && e.type === 'm.room.encrypted',
      );
      expect(fromNina).toHaveLength(1);
      await expect(log.getByRole('link', { name: /rapport-annuel\.pdf/ })).toHaveCount(1);
      await quitApp(app.context);
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
