// Unread and attention in the room list (issue 16.1), against the real Synapse, in both sync modes:
// sliding sync (the default, whose Synapse implementation sends every room's counts as 0) and
// classic /sync (a Synapse with sliding sync switched off). Everything is found by accessible names,
// as a screen reader user finds it.
import type { Page } from '@playwright/test';
import { startSynapse } from '../env/synapse.ts';
import { expect, expectAccessible, test } from './fixtures.ts';
import { signInAs } from './helpers.ts';
import { api, apiLogin, createRoom, joinRoom, roomEvents, sendText, type ApiSession } from './matrixApi.ts';
import { TEST_USERS } from './testUsers.ts';

interface Setup {
  alpha: string;
  beta: string;
  felix: ApiSession;
  ulla: ApiSession;
}

/**
 * Felix writes to Ulla in two rooms; she also has a favourite room and a direct message with him.
 * Set up through the API: what is under test is what her app shows.
 */
async function prepare(homeserver: string, suffix: string): Promise<Setup> {
  const felix = await apiLogin(homeserver, TEST_USERS.felix);
  const ulla = await apiLogin(homeserver, TEST_USERS.ulla);
  const alpha = await createRoom(felix, { name: `Projet Alpha ${suffix}`, invite: [ulla.userId] });
  const beta = await createRoom(felix, { name: `Projet Beta ${suffix}`, invite: [ulla.userId] });
  const favourite = await createRoom(felix, { name: `Salle favorite ${suffix}`, invite: [ulla.userId] });
  for (const roomId of [alpha, beta, favourite]) await joinRoom(ulla, roomId);
  await api(ulla, 'PUT', `/user/${encodeURIComponent(ulla.userId)}/rooms/${encodeURIComponent(favourite)}/tags/m.favourite`, {
    order: 0.5,
  });
  const { room_id: direct } = await api<{ room_id: string }>(ulla, 'POST', '/createRoom', {
    preset: 'trusted_private_chat',
    is_direct: true,
    invite: [felix.userId],
  });
  await joinRoom(felix, direct);
  await api(ulla, 'PUT', `/user/${encodeURIComponent(ulla.userId)}/account_data/m.direct`, { [felix.userId]: [direct] });
  return { alpha, beta, felix, ulla };
}

/** A message that mentions Ulla the way Relais and Element send mentions (intentional mentions). */
async function sendMention(felix: ApiSession, roomId: string, userId: string, body: string): Promise<void> {
  await api(felix, 'PUT', `/rooms/${encodeURIComponent(roomId)}/send/m.room.message/mention-${Date.now()}`, {
    msgtype: 'm.text',
    body,
    'm.mentions': { user_ids: [userId] },
  });
}

async function unreadScenario(page: Page, setup: Setup, suffix: string): Promise<void> {
  const rooms = page.getByRole('navigation', { name: 'Rooms' });
  const alpha = `Projet Alpha ${suffix}`;
  const beta = `Projet Beta ${suffix}`;

  // Reading room A; nothing waits anywhere.
  await rooms.getByRole('link', { name: alpha, exact: true }).click({ timeout: 30_000 });
  await expect(page.getByRole('heading', { name: alpha })).toBeVisible();
  await expect(rooms.getByRole('link', { name: beta, exact: true })).toBeVisible();
  await expect(page).toHaveTitle('Relais');

  // Two messages in room B, sent back to back.
  await sendText(setup.felix, setup.beta, 'Premier point');
  await sendText(setup.felix, setup.beta, 'Second point');
  await expect(rooms.getByRole('link', { name: `${beta}, 2 unread messages`, exact: true })).toBeVisible({ timeout: 15_000 });
  await expect(page).toHaveTitle('(1) Relais');

  // A mention of Ulla: counted, and said.
  await sendMention(setup.felix, setup.beta, setup.ulla.userId, 'ulla, peux-tu relire ?');
  const mentioned = rooms.getByRole('link', { name: `${beta}, 3 unread messages, 1 mention`, exact: true });
  await expect(mentioned).toBeVisible({ timeout: 15_000 });
  await expect(page).toHaveTitle('(1) Relais');
  await expectAccessible(page);
  await page.screenshot({ path: test.info().outputPath('unread-room-list.png') });

  // "Mark as read" beside the link clears it without opening the room, and keeps focus on the row.
  await rooms.getByRole('button', { name: `Mark ${beta} as read` }).click();
  await expect(rooms.getByRole('link', { name: beta, exact: true })).toBeFocused();
  await expect(page).toHaveTitle('Relais');
  await expect(rooms.getByRole('button', { name: `Mark ${beta} as read` })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: alpha })).toBeVisible();
  // ...and the server agrees: m.fully_read and the read receipt are on the latest event.
  const latest = (await roomEvents(setup.ulla, setup.beta, 1))[0]?.event_id;
  await expect
    .poll(async () => {
      const marker = await api<{ event_id: string }>(
        setup.ulla,
        'GET',
        `/user/${encodeURIComponent(setup.ulla.userId)}/rooms/${encodeURIComponent(setup.beta)}/account_data/m.fully_read`,
      ).catch(() => null);
      return marker?.event_id;
    })
    .toBe(latest);

  // One more message, then opening the room clears it as well.
  await sendText(setup.felix, setup.beta, 'Dernier point');
  await expect(rooms.getByRole('link', { name: `${beta}, 1 unread message`, exact: true })).toBeVisible({ timeout: 15_000 });
  await expect(page).toHaveTitle('(1) Relais');
  await rooms.getByRole('link', { name: `${beta}, 1 unread message`, exact: true }).click();
  await expect(page.getByRole('heading', { name: beta })).toBeVisible();
  await expect(rooms.getByRole('link', { name: beta, exact: true })).toBeVisible({ timeout: 15_000 });
  await expect(page).toHaveTitle('Relais');

  // Sections: the favourite under Favourites, the direct message under People, the rest under Rooms.
  await expect(
    rooms.getByRole('group', { name: 'Favourites' }).getByRole('link', { name: `Salle favorite ${suffix}` }),
  ).toBeVisible();
  await expect(rooms.getByRole('group', { name: 'People' }).getByRole('link', { name: /felix.*Direct message/ })).toBeVisible();
  await expect(rooms.getByRole('group', { name: 'Rooms' }).getByRole('link', { name: alpha, exact: true })).toBeVisible();
}

test('sliding sync: unread counts, mentions, Mark as read, window title and sections', async ({ browser, env }) => {
  test.setTimeout(120_000);
  const suffix = 'S';
  const setup = await prepare(env.homeserver, suffix);
  const { context, page } = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.ulla);
  await unreadScenario(page, setup, suffix);
  await context.close();
});

test('classic /sync: the same, on a server without sliding sync', async ({ browser, env }) => {
  test.setTimeout(150_000);
  const synapse = await startSynapse({
    // Its own homeserver beside the run's (as slidingsync.spec.ts does), one port further.
    port: Number(process.env.RELAIS_TEST_SYNAPSE_PORT ?? 18008) + 2,
    extraConfig: { experimental_features: { msc3575_enabled: false } },
  });
  try {
    await synapse.registerUser(TEST_USERS.ulla.username, TEST_USERS.ulla.password);
    await synapse.registerUser(TEST_USERS.felix.username, TEST_USERS.felix.password);
    const suffix = 'C';
    const setup = await prepare(synapse.baseUrl, suffix);
    const { context, page } = await signInAs(browser, env.webUrl, synapse.baseUrl, TEST_USERS.ulla);
    await unreadScenario(page, setup, suffix);
    await context.close();
  } finally {
    await synapse.stop();
  }
});

test('sliding sync: messages that arrived before sign-in are counted exactly, not as "1"', async ({ browser, env }) => {
  const felix = await apiLogin(env.homeserver, TEST_USERS.felix);
  const ulla = await apiLogin(env.homeserver, TEST_USERS.ulla);
  const name = `Arrivés avant ${Date.now().toString(36)}`;
  const roomId = await createRoom(felix, { name, invite: [ulla.userId] });
  await joinRoom(ulla, roomId);
  // Ulla has read the room up to now (her receipt and read marker on the latest event, as every client
  // sets them), then three messages arrive.
  const seen = await sendText(felix, roomId, 'Déjà lu');
  await api(ulla, 'POST', `/rooms/${encodeURIComponent(roomId)}/read_markers`, { 'm.fully_read': seen, 'm.read': seen });
  for (const text of ['Un', 'Deux', 'Trois']) await sendText(felix, roomId, text);

  const { context, page } = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.ulla);
  const rooms = page.getByRole('navigation', { name: 'Rooms' });
  await expect(rooms.getByRole('link', { name: `${name}, 3 unread messages`, exact: true })).toBeVisible({ timeout: 20_000 });
  await context.close();
});
