// Simplified sliding sync (MSC4186) against the real Synapse, and the classic /sync fallback: forced
// by machine policy (through the real main-process policy loader, see desktopHarness.ts), and chosen
// automatically against a Synapse with sliding sync switched off.
import type { Page } from '@playwright/test';
import { startSynapse } from '../env/synapse.ts';
import { expect, test } from './fixtures.ts';
import { withPolicyPage } from './policyPage.ts';
import { signInAs, submitSignIn, type SignedInPage } from './helpers.ts';
import { apiLogin, createRoom, sendText, setRoomAvatar, solidPng } from './matrixApi.ts';
import { TEST_USERS } from './testUsers.ts';

const BULK_ROOMS = 60;
// Records the app's console.info lines, where the sync choice is logged, and the room-list range of each
// sliding sync request (every request carries it).
const RECORD_LOG = `window.__relaisLog = []; window.__relaisRanges = [];
  { const info = console.info.bind(console);
    console.info = (...args) => { window.__relaisLog.push(args.join(' ')); info(...args); }; }
  { const fetchNow = window.fetch.bind(window);
    window.fetch = (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.includes('simplified_msc3575/sync') && typeof init?.body === 'string') {
        const ranges = JSON.parse(init.body).lists?.rooms?.ranges;
        if (ranges) window.__relaisRanges.push(JSON.stringify(ranges));
      }
      return fetchNow(input, init);
    }; }`;

async function syncLog(page: Page): Promise<string[]> {
  return page.evaluate(() => (globalThis as unknown as { __relaisLog: string[] }).__relaisLog);
}

async function rangesAskedFor(page: Page): Promise<string[]> {
  return page.evaluate(() => (globalThis as unknown as { __relaisRanges: string[] }).__relaisRanges);
}

/** Pablo creates an encrypted room and invites Olivia, she accepts, and they talk both ways. */
async function talkEncrypted(pablo: SignedInPage, olivia: SignedInPage, roomName: string): Promise<void> {
  await pablo.page.getByRole('button', { name: 'New room' }).click();
  const dialog = pablo.page.getByRole('dialog', { name: 'New room' });
  await dialog.getByRole('textbox', { name: 'Room name' }).fill(roomName);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(pablo.page.getByText('Encrypted', { exact: true })).toBeVisible();
  await pablo.page.getByRole('button', { name: 'Invite' }).click();
  const invite = pablo.page.getByRole('dialog', { name: 'Invite someone' });
  await invite.getByRole('combobox', { name: 'Name or Matrix ID' }).fill('@olivia:localhost');
  await invite.getByRole('button', { name: 'Invite' }).click();
  await expect(invite).toBeHidden();

  // The invitation arrives in Olivia's list (at the top: it is the most recent), she accepts.
  await olivia.page.getByRole('navigation', { name: 'Rooms' }).getByRole('link', { name: roomName }).click({ timeout: 30_000 });
  await olivia.page.getByRole('button', { name: 'Accept' }).click();
  await expect(olivia.page.getByRole('textbox', { name: 'Message' })).toBeVisible();

  await pablo.page.getByRole('textbox', { name: 'Message' }).fill(`Secret plan for ${roomName}`);
  await pablo.page.keyboard.press('Enter');
  const oliviaLog = olivia.page.getByRole('log', { name: roomName });
  await expect(oliviaLog.getByText(`Secret plan for ${roomName}`)).toBeVisible({ timeout: 30_000 });

  await olivia.page.getByRole('textbox', { name: 'Message' }).fill('Received, decrypted');
  await olivia.page.keyboard.press('Enter');
  await expect(pablo.page.getByRole('log', { name: roomName }).getByText('Received, decrypted')).toBeVisible({ timeout: 30_000 });
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(120_000);
  const olivia = await apiLogin(process.env.RELAIS_TEST_HOMESERVER ?? '', TEST_USERS.olivia);
  // Oldest first: "Archive 00" ends up last by recency, far outside the first page.
  for (let i = 0; i < BULK_ROOMS; i++) {
    const name = i === 0 ? 'Archive 00' : `Bulk ${String(i).padStart(2, '0')}`;
    const roomId = await createRoom(olivia, { name });
    // The most recent room has a picture and a message: the first row shows both.
    if (i === BULK_ROOMS - 1) {
      await setRoomAvatar(olivia, roomId, solidPng(96, [224, 108, 32]));
      await sendText(olivia, roomId, 'Ordre du jour envoyé');
    }
  }
});

test('sliding sync: first page by recency, the rest in the background, filter finds any room, encrypted chat works', async ({
  browser,
  env,
}) => {
  test.setTimeout(180_000);
  const olivia = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.olivia, { initScript: RECORD_LOG });
  expect(await syncLog(olivia.page)).toContain(
    '[relais:sync] using sliding sync: the server offers simplified sliding sync (MSC4186)',
  );

  // The first page, most recent first: the first request asks for 20 rooms, not the whole account.
  const rooms = olivia.page.getByRole('navigation', { name: 'Rooms' });
  await expect(rooms.getByRole('link').first()).toHaveAccessibleName(`Bulk ${BULK_ROOMS - 1}`);
  await expect(rooms.getByRole('link').nth(19)).toBeVisible();
  expect((await rangesAskedFor(olivia.page))[0]).toBe('[[0,19]]');
  // The first row: its picture (fetched from the homeserver, authenticated) and its last message.
  const newest = rooms.getByRole('link').first();
  await expect(newest).toHaveAccessibleDescription('olivia: Ordre du jour envoyé');
  await expect
    .poll(() => newest.locator('img').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth), {
      timeout: 15_000,
    })
    .toBeGreaterThan(0);
  await olivia.page.screenshot({ path: test.info().outputPath('sliding-room-list.png') });

  // The rest of the list follows in the background, without scrolling, up to the oldest room.
  await expect(rooms.getByRole('link', { name: 'Archive 00' })).toHaveCount(1, { timeout: 30_000 });
  expect(await rooms.getByRole('link').count()).toBe(BULK_ROOMS);
  // The names list may bring the last rows before the live list has grown to them: it grows all the same.
  await expect.poll(() => rangesAskedFor(olivia.page), { timeout: 30_000 }).toContain(`[[0,${BULK_ROOMS - 1}]]`);

  // Opening a room subscribes to it: its timeline shows its creation.
  await rooms.getByRole('link', { name: 'Bulk 30' }).click();
  await expect(olivia.page.getByRole('heading', { name: 'Bulk 30' })).toBeVisible();
  await olivia.page.getByRole('textbox', { name: 'Message' }).fill('Hello from sliding sync');
  await olivia.page.keyboard.press('Enter');
  await expect(olivia.page.getByRole('log', { name: 'Bulk 30' }).getByText('Hello from sliding sync')).toBeVisible();
  // ...and the room moves to the top of the list, as the most recent.
  await expect(rooms.getByRole('link').first()).toHaveAccessibleName('Bulk 30');

  // An invitation arrives live; the encrypted room it leads to decrypts both ways.
  const pablo = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.pablo);
  await talkEncrypted(pablo, olivia, `Sliding secrets ${Date.now()}`);
  await pablo.context.close();
  await olivia.context.close();

  // A fresh sign-in: filtering by name finds a room beyond the first page, which the server cannot filter.
  const again = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.olivia);
  const list = again.page.getByRole('navigation', { name: 'Rooms' });
  await expect(list.getByRole('link').nth(19)).toBeVisible();
  // Typed at once: the room is found whether the names list or the background growth answers first
  // (the next test holds the growth back to tell them apart).
  await list.getByRole('searchbox', { name: 'Filter rooms' }).fill('archive');
  await expect(list.getByRole('link', { name: 'Archive 00' })).toBeVisible({ timeout: 15_000 });
  await again.context.close();
});

// Holds back, until the test releases them, the names list's requests (roomNames.ts, its own connection),
// the filter's server search (roomNameSearch.ts) and the live list's growth past the first page, so the
// test sees each stage of a large account's first seconds with a small one.
const HOLD_SYNC = `window.__relaisHold = { names: true, growth: true, search: true };
  window.__relaisHeld = { names: [], growth: [], search: [] };
  window.__relaisRelease = (kind) => { window.__relaisHold[kind] = false; window.__relaisHeld[kind].splice(0).forEach((go) => go()); };
  { const fetchNow = window.fetch.bind(window);
    window.fetch = (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      let kind = null;
      if (url.includes('/_matrix/client/v3/search')) kind = 'search';
      else if (url.includes('simplified_msc3575/sync') && typeof init?.body === 'string') {
        const body = JSON.parse(init.body);
        kind = body.conn_id === 'relais-room-names' ? 'names' : (body.lists?.rooms?.ranges?.[0]?.[1] ?? 0) > 19 ? 'growth' : null;
      }
      if (kind && window.__relaisHold[kind]) {
        return new Promise((go) => window.__relaisHeld[kind].push(go)).then(() => fetchNow(input, init));
      }
      return fetchNow(input, init);
    }; }`;

async function release(page: Page, kind: 'names' | 'growth' | 'search'): Promise<void> {
  await page.evaluate((k) => (globalThis as unknown as { __relaisRelease: (kind: string) => void }).__relaisRelease(k), kind);
}

for (const { locale, words } of [
  { locale: 'en-GB', words: { rooms: 'Rooms', filter: 'Filter rooms', loading: 'Still loading rooms…' } },
  { locale: 'fr-FR', words: { rooms: 'Salons', filter: 'Filtrer les salons', loading: 'Chargement des salons en cours…' } },
] as const) {
  test(`large account (${locale}): the filter finds a room the live list has not brought, from the server's search then the names list, and says it is still loading until the names are whole`, async ({
    browser,
    env,
  }) => {
    test.setTimeout(90_000);
    const olivia = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.olivia, {
      initScript: RECORD_LOG + HOLD_SYNC,
      locale,
    });
    const rooms = olivia.page.getByRole('navigation', { name: words.rooms });
    await expect(rooms.getByRole('link').nth(19)).toBeVisible();
    // Only the first page so far: the oldest room is neither live nor named yet, and the list says so.
    await rooms.getByRole('searchbox', { name: words.filter }).fill('archive');
    await expect(rooms.getByRole('status')).toHaveText(words.loading);
    await expect(rooms.getByRole('link', { name: 'Archive 00' })).toHaveCount(0);

    // The server's search answers: the oldest room is found, the names list still on its way.
    await release(olivia.page, 'search');
    await expect(rooms.getByRole('link', { name: 'Archive 00' })).toBeVisible({ timeout: 15_000 });
    await expect(rooms.getByRole('status')).toHaveText(words.loading);

    // The names arrive (the growth still held): the list is whole.
    await release(olivia.page, 'names');
    await expect(rooms.getByRole('status')).toBeHidden({ timeout: 15_000 });
    await expect(rooms.getByRole('link', { name: 'Archive 00' })).toBeVisible();
    // Cleared, the filter shows every room: the first page live, the rest by name.
    await rooms.getByRole('searchbox', { name: words.filter }).fill('');
    await expect.poll(() => rooms.getByRole('link').count()).toBeGreaterThanOrEqual(BULK_ROOMS);
    expect(await rangesAskedFor(olivia.page)).not.toContain(`[[0,${BULK_ROOMS - 1}]]`);

    // Opened, it comes live through its subscription.
    await release(olivia.page, 'growth');
    await rooms.getByRole('link', { name: 'Archive 00' }).click();
    await expect(olivia.page.getByRole('heading', { name: 'Archive 00' })).toBeVisible({ timeout: 15_000 });
    await olivia.context.close();
  });
}

test('classic /sync forced by machine policy: whole list, open a room, encrypted chat works', async ({ browser, env }) => {
  test.skip(process.env.RELAIS_SECRET_SERVICE !== '1', 'needs a Secret Service: run through `npm run test:e2e`');
  test.setTimeout(180_000);
  await withPolicyPage(
    browser,
    env.webUrl,
    { syncMode: 'classic' },
    async (page) => {
      await page.goto(`${env.webUrl}?hs=${encodeURIComponent(env.homeserver)}`);
      await submitSignIn(page, TEST_USERS.olivia);
      const rooms = page.getByRole('navigation', { name: 'Rooms' });
      await expect(rooms.getByRole('link', { name: 'Archive 00' })).toBeVisible({ timeout: 30_000 });
      expect(await syncLog(page)).toContain('[relais:sync] using classic sync: classic /sync forced by the syncMode setting');
      // Classic sync has every room from the start.
      expect(await rooms.getByRole('link').count()).toBeGreaterThanOrEqual(BULK_ROOMS);

      await rooms.getByRole('link', { name: 'Bulk 12' }).click();
      await page.getByRole('textbox', { name: 'Message' }).fill('Hello from classic sync');
      await page.keyboard.press('Enter');
      await expect(page.getByRole('log', { name: 'Bulk 12' }).getByText('Hello from classic sync')).toBeVisible();

      const pablo = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.pablo);
      await talkEncrypted(pablo, { context: page.context(), page }, `Classic secrets ${Date.now()}`);
      await pablo.context.close();
    },
    { initScript: RECORD_LOG },
  );
});

test('a server without sliding sync: classic /sync chosen automatically, and logged', async ({ browser, env }) => {
  test.setTimeout(120_000);
  const synapse = await startSynapse({
    port: Number(process.env.RELAIS_TEST_SYNAPSE_PORT ?? 18008) + 1,
    // Synapse 1.160 serves MSC4186 unless this is off; off, /versions stops advertising it.
    extraConfig: { experimental_features: { msc3575_enabled: false } },
  });
  try {
    await synapse.registerUser(TEST_USERS.quinn.username, TEST_USERS.quinn.password);
    await createRoom(await apiLogin(synapse.baseUrl, TEST_USERS.quinn), { name: 'Plain room' });
    const versions = (await (await fetch(`${synapse.baseUrl}/_matrix/client/versions`)).json()) as {
      unstable_features: Record<string, boolean>;
    };
    expect(versions.unstable_features['org.matrix.simplified_msc3575']).not.toBe(true);

    const quinn = await signInAs(browser, env.webUrl, synapse.baseUrl, TEST_USERS.quinn, { initScript: RECORD_LOG });
    expect(await syncLog(quinn.page)).toContain(
      '[relais:sync] using classic sync: the server does not advertise org.matrix.simplified_msc3575: classic /sync',
    );
    await quinn.page.getByRole('navigation', { name: 'Rooms' }).getByRole('link', { name: 'Plain room' }).click();
    await quinn.page.getByRole('textbox', { name: 'Message' }).fill('Hello without sliding sync');
    await quinn.page.keyboard.press('Enter');
    await expect(quinn.page.getByRole('log', { name: 'Plain room' }).getByText('Hello without sliding sync')).toBeVisible();
    await quinn.context.close();
  } finally {
    await synapse.stop();
  }
});
