// Issue 16, point 2: on a fresh sign-in (sliding sync, the default), a room opened from the list shows
// its history in the order it happened. Before the fix, the room's last event (known from the list)
// stayed on top and the rest of its history came below it: "sybil joined" above "sybil was invited",
// the newest message above "… joined". The engine-level test (test/unit/renderer/
// timelineOrder.integration.test.ts) covers classic /sync, the offline cache and the races.
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { signInAs } from './helpers.ts';
import { apiLogin, createRoom, joinRoom, sendText } from './matrixApi.ts';
import { TEST_USERS } from './testUsers.ts';

const WROTE_THEN_JOINED = 'Order: wrote, then joined';
const JOINED_THEN_WROTE = 'Order: joined, then a message';

/** The given rows of the timeline, sorted by where they are drawn, top first. */
async function drawnOrder(log: Locator, rows: readonly string[]): Promise<string[]> {
  const placed = await Promise.all(
    rows.map(async (text) => ({ text, top: (await log.getByText(text, { exact: true }).boundingBox())?.y ?? Number.NaN })),
  );
  if (placed.some((row) => Number.isNaN(row.top))) return [];
  return placed.sort((a, b) => a.top - b.top).map((row) => row.text);
}

test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(60_000);
  const homeserver = process.env.RELAIS_TEST_HOMESERVER ?? '';
  const rupert = await apiLogin(homeserver, TEST_USERS.rupert);
  const sybil = await apiLogin(homeserver, TEST_USERS.sybil);
  // Sybil is invited, Rupert writes twice, then she joins: the room's last event is her join.
  const wrote = await createRoom(rupert, { name: WROTE_THEN_JOINED, invite: ['@sybil:localhost'] });
  await sendText(rupert, wrote, 'Before you arrive');
  await sendText(rupert, wrote, 'The agenda is attached');
  await joinRoom(sybil, wrote);
  // Sybil is invited and joins, then Rupert writes: the room's last event is his message.
  const joined = await createRoom(rupert, { name: JOINED_THEN_WROTE, invite: ['@sybil:localhost'] });
  await joinRoom(sybil, joined);
  await sendText(rupert, joined, 'Welcome aboard');
});

test('a fresh sign-in shows each room’s history in the order it happened', async ({ browser, env }) => {
  const sybil = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.sybil);
  const rooms = sybil.page.getByRole('navigation', { name: 'Rooms' });

  await rooms.getByRole('link', { name: WROTE_THEN_JOINED }).click();
  const wrote = ['rupert joined', 'sybil was invited', 'Before you arrive', 'The agenda is attached', 'sybil joined'];
  await expect.poll(() => drawnOrder(sybil.page.getByRole('log', { name: WROTE_THEN_JOINED }), wrote)).toEqual(wrote);

  await rooms.getByRole('link', { name: JOINED_THEN_WROTE }).click();
  const joined = ['rupert joined', 'sybil was invited', 'sybil joined', 'Welcome aboard'];
  await expect.poll(() => drawnOrder(sybil.page.getByRole('log', { name: JOINED_THEN_WROTE }), joined)).toEqual(joined);
  await sybil.context.close();
});
