// Threads (m.thread, issue 17 part 3): "Reply in thread" opens the "Thread" panel, replies stay out of
// the main timeline (the root says "1 reply"), the room's "Threads" list says what is unread, reading
// the thread sends a threaded receipt, in an encrypted room; a reply written offline goes through the
// outbox and arrives once; the same names in French. Found by accessible names, axe on each panel.
import type { Page } from '@playwright/test';
import { startSynapse } from '../env/synapse.ts';
import { expect, expectAccessible, test } from './fixtures.ts';
import { dropFiles, pasteFiles } from './fileTransfer.ts';
import { signInAs } from './helpers.ts';
import {
  api,
  apiLogin,
  createRoom,
  joinRoom,
  roomEvents,
  sendText,
  solidPng,
  type ApiSession,
  type RawEvent,
} from './matrixApi.ts';
import { TEST_USERS } from './testUsers.ts';

const THEA = '@thea:localhost';

async function openRoom(page: Page, roomName: string) {
  await page
    .getByRole('navigation', { name: 'Rooms' })
    .getByRole('link', { name: new RegExp(`^${roomName}`) })
    .click({ timeout: 30_000 });
  return page.getByRole('log', { name: roomName });
}

/** The thread's replies as the server has them (the relations API, v1 only), oldest first. */
async function threadReplies(s: ApiSession, roomId: string, rootId: string): Promise<RawEvent[]> {
  const path = `/rooms/${encodeURIComponent(roomId)}/relations/${encodeURIComponent(rootId)}/m.thread?limit=50`;
  const res = await fetch(`${s.homeserver}/_matrix/client/v1${path}`, { headers: { Authorization: `Bearer ${s.accessToken}` } });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  const { chunk } = (await res.json()) as { chunk: RawEvent[] };
  return chunk.reverse();
}

async function sendThreadReplyApi(s: ApiSession, roomId: string, rootId: string, body: string): Promise<string> {
  const { event_id } = await api<{ event_id: string }>(
    s,
    'PUT',
    `/rooms/${encodeURIComponent(roomId)}/send/m.room.message/thread${Date.now()}${Math.random().toString(36).slice(2)}`,
    {
      msgtype: 'm.text',
      body,
      'm.relates_to': { rel_type: 'm.thread', event_id: rootId, is_falling_back: true, 'm.in_reply_to': { event_id: rootId } },
    },
  );
  return event_id;
}

test('encrypted room: reply in thread, "1 reply" on the root, unread in the thread list, read with a threaded receipt', async ({
  browser,
  env,
}) => {
  test.setTimeout(150_000);
  const theaApi = await apiLogin(env.homeserver, TEST_USERS.thea);
  const thibaultApi = await apiLogin(env.homeserver, TEST_USERS.thibault);
  const roomName = `Fils chiffrés ${Date.now().toString(36)}`;
  const roomId = await createRoom(theaApi, { name: roomName, encrypted: true, invite: ['@thibault:localhost'] });
  await joinRoom(thibaultApi, roomId);

  const thea = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.thea);
  const thibault = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.thibault);
  const theaLog = await openRoom(thea.page, roomName);
  const composer = thea.page.getByRole('textbox', { name: 'Message' });
  await composer.fill('Qui relit le rapport annuel ?');
  await composer.press('Enter');
  const theaRoot = theaLog.getByRole('article').filter({ hasText: 'Qui relit le rapport annuel ?' });
  await expect(theaRoot).toBeVisible();

  // Thibault replies in a thread.
  const log = await openRoom(thibault.page, roomName);
  const root = log.getByRole('article').filter({ hasText: 'Qui relit le rapport annuel ?' });
  await expect(root).toBeVisible({ timeout: 30_000 });
  await root.hover();
  await root.getByRole('button', { name: 'Reply in thread' }).click();
  const panel = thibault.page.getByRole('complementary', { name: 'Thread', exact: true });
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('article').filter({ hasText: 'Qui relit le rapport annuel ?' })).toBeVisible();
  const threadComposer = panel.getByRole('textbox', { name: 'Reply in thread' });
  await expect(threadComposer).toBeFocused();
  await expect(threadComposer).toHaveAttribute('placeholder', 'Reply in thread…');
  await threadComposer.fill('Moi, avant jeudi.');
  await threadComposer.press('Enter');
  await expect(panel.getByRole('article').filter({ hasText: 'Moi, avant jeudi.' })).toBeVisible({ timeout: 30_000 });
  await expect(panel.getByText('1 reply', { exact: true })).toBeVisible();
  await expect(log.getByText('Moi, avant jeudi.')).toHaveCount(0);
  await expectAccessible(thibault.page);
  // Escape closes the panel and gives focus back to the message.
  await threadComposer.press('Escape');
  await expect(panel).toBeHidden();
  await expect(root).toBeFocused();

  // Thea: the root says "1 reply", the reply is not in the main timeline, the thread list says unread.
  const summary = theaRoot.getByRole('button', { name: /^1 reply/ });
  await expect(summary).toBeVisible({ timeout: 30_000 });
  await expect(summary).toContainText('Latest from thibault');
  await expect(theaLog.getByText('Moi, avant jeudi.')).toHaveCount(0);
  const threadsButton = thea.page.getByRole('button', { name: /^Threads/ });
  await expect(threadsButton).toHaveAccessibleName('Threads, 1 with unread replies');
  await threadsButton.click();
  const list = thea.page.getByRole('complementary', { name: 'Threads' });
  await expect(list).toBeVisible();
  const entry = list.getByRole('button').filter({ hasText: 'Qui relit le rapport annuel ?' });
  await expect(entry).toContainText('1 unread reply');
  await expect(entry).toContainText('1 reply');
  await expectAccessible(thea.page);

  // Opening it reads it: the badge goes, and the server holds a receipt for the thread.
  await entry.click();
  const theaPanel = thea.page.getByRole('complementary', { name: 'Thread', exact: true });
  await expect(theaPanel.getByRole('article').filter({ hasText: 'Moi, avant jeudi.' })).toBeVisible();
  await expect(threadsButton).toHaveAccessibleName('Threads');
  const rootEventId = (await roomEvents(theaApi, roomId)).find(
    (e) => e.sender === THEA && e.type === 'm.room.encrypted',
  )?.event_id;
  const replyId = (await threadReplies(theaApi, roomId, rootEventId ?? ''))[0]?.event_id;
  expect(replyId).toBeTruthy();
  await expect.poll(() => threadedReceiptOf(theaApi, roomId, replyId ?? ''), { timeout: 20_000 }).toBe(rootEventId);
  await threadsButton.click();
  await expect(list.getByText('1 unread reply')).toHaveCount(0);
  await thea.context.close();
  await thibault.context.close();
});

/** The thread_id of Thea's read receipt on the event, as the server's /sync reports it. */
async function threadedReceiptOf(s: ApiSession, roomId: string, eventId: string): Promise<string | null> {
  const sync = await api<{
    rooms?: {
      join?: Record<
        string,
        {
          ephemeral?: {
            events?: { type: string; content: Record<string, Record<string, Record<string, { thread_id?: string }>>> }[];
          };
        }
      >;
    };
  }>(s, 'GET', '/sync?timeout=0');
  const receipts = sync.rooms?.join?.[roomId]?.ephemeral?.events?.filter((e) => e.type === 'm.receipt') ?? [];
  for (const receipt of receipts) {
    const mine = receipt.content[eventId]?.['m.read']?.[THEA];
    if (mine) return mine.thread_id ?? null;
  }
  return null;
}

test('offline: a reply in a thread waits in the thread, then arrives once', async ({ browser, env }) => {
  test.setTimeout(120_000);
  const theaApi = await apiLogin(env.homeserver, TEST_USERS.thea);
  const thibaultApi = await apiLogin(env.homeserver, TEST_USERS.thibault);
  const roomName = `Fils hors ligne ${Date.now().toString(36)}`;
  const roomId = await createRoom(theaApi, { name: roomName, invite: ['@thibault:localhost'] });
  await joinRoom(thibaultApi, roomId);
  const rootId = await sendText(theaApi, roomId, 'Ordre du jour de lundi');

  const thibault = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.thibault);
  const log = await openRoom(thibault.page, roomName);
  const root = log.getByRole('article').filter({ hasText: 'Ordre du jour de lundi' });
  await expect(root).toBeVisible({ timeout: 30_000 });
  await root.hover();
  await root.getByRole('button', { name: 'Reply in thread' }).click();
  const panel = thibault.page.getByRole('complementary', { name: 'Thread', exact: true });

  await thibault.context.setOffline(true);
  const threadComposer = panel.getByRole('textbox', { name: 'Reply in thread' });
  await threadComposer.fill('Ajouter le budget, svp.');
  await threadComposer.press('Enter');
  // Waiting in the thread's panel, not in the room's own list.
  const waiting = panel.getByRole('list', { name: 'Waiting to be sent' });
  await expect(waiting.getByRole('listitem')).toHaveCount(1);
  await expect(waiting).toContainText('Ajouter le budget, svp.');
  await expect(log.getByRole('list', { name: 'Waiting to be sent' })).toHaveCount(0);
  await thibault.context.setOffline(false);

  await expect(panel.getByRole('article').filter({ hasText: 'Ajouter le budget, svp.' })).toBeVisible({ timeout: 60_000 });
  await expect(panel.getByRole('list', { name: 'Waiting to be sent' })).toHaveCount(0);
  await expect(root.getByRole('button', { name: /^1 reply/ })).toBeVisible();
  const replies = await threadReplies(theaApi, roomId, rootId);
  expect(replies.map((e) => e.content.body)).toEqual(['Ajouter le budget, svp.']);
  const relation = replies[0]?.content['m.relates_to'] as Record<string, unknown>;
  expect(relation).toMatchObject({
    rel_type: 'm.thread',
    event_id: rootId,
    is_falling_back: true,
    'm.in_reply_to': { event_id: rootId },
  });
  const sameBody = (await roomEvents(theaApi, roomId)).filter((e) => e.content.body === 'Ajouter le budget, svp.');
  expect(sameBody).toHaveLength(1);
  await thibault.context.close();
});

test('in French: « Répondre dans un fil », « 1 réponse », the thread list, and the panel in the room’s place at narrow widths', async ({
  browser,
  env,
}) => {
  test.setTimeout(120_000);
  const theaApi = await apiLogin(env.homeserver, TEST_USERS.thea);
  const thibaultApi = await apiLogin(env.homeserver, TEST_USERS.thibault);
  const roomName = `Fils en français ${Date.now().toString(36)}`;
  const roomId = await createRoom(theaApi, { name: roomName, invite: ['@thibault:localhost'] });
  await joinRoom(thibaultApi, roomId);
  const rootId = await sendText(theaApi, roomId, 'Pot de départ vendredi');
  await sendThreadReplyApi(theaApi, roomId, rootId, 'Je m’occupe du gâteau.');

  const thibault = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.thibault);
  const page = thibault.page;
  await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Français' }).click();
  await page
    .getByRole('navigation', { name: 'Salons' })
    .getByRole('link', { name: new RegExp(`^${roomName}`) })
    .click({ timeout: 30_000 });
  const log = page.getByRole('log', { name: roomName });
  const root = log.getByRole('article').filter({ hasText: 'Pot de départ vendredi' });
  await expect(root.getByRole('button', { name: /^1 réponse/ })).toBeVisible({ timeout: 30_000 });
  await expect(log.getByText('Je m’occupe du gâteau.')).toHaveCount(0);
  const threadsButton = page.getByRole('button', { name: /^Fils de discussion/ });
  await expect(threadsButton).toHaveAccessibleName('Fils de discussion, 1 avec des réponses non lues');
  await threadsButton.click();
  const list = page.getByRole('complementary', { name: 'Fils de discussion' });
  await expect(list.getByRole('button').filter({ hasText: 'Pot de départ vendredi' })).toContainText('1 réponse non lue');
  await expectAccessible(page);
  await list.getByRole('button', { name: 'Fermer' }).click();
  await expect(list).toBeHidden();

  // Narrow: the thread takes the room's place; closing it gives the room back.
  await page.setViewportSize({ width: 600, height: 800 });
  await root.hover();
  await root.getByRole('button', { name: 'Répondre dans un fil' }).click();
  const panel = page.getByRole('complementary', { name: 'Fil de discussion', exact: true });
  await expect(panel.getByRole('article').filter({ hasText: 'Je m’occupe du gâteau.' })).toBeVisible();
  await expect(panel.getByRole('textbox', { name: 'Répondre dans le fil' })).toHaveAttribute(
    'placeholder',
    'Répondre dans le fil…',
  );
  await expect(log).toBeHidden();
  await expectAccessible(page);
  await panel.getByRole('button', { name: 'Fermer' }).click();
  await expect(panel).toBeHidden();
  await expect(log).toBeVisible();
  await thibault.context.close();
});

test('classic /sync: the same thread, summary, unread list and reply, on a server without sliding sync', async ({
  browser,
  env,
}) => {
  test.setTimeout(150_000);
  const synapse = await startSynapse({
    // Its own homeserver beside the run's (as unread.spec.ts does, at +2), three ports further.
    port: Number(process.env.RELAIS_TEST_SYNAPSE_PORT ?? 18008) + 3,
    extraConfig: { experimental_features: { msc3575_enabled: false } },
  });
  try {
    for (const user of [TEST_USERS.thea, TEST_USERS.thibault]) await synapse.registerUser(user.username, user.password);
    const theaApi = await apiLogin(synapse.baseUrl, TEST_USERS.thea);
    const thibaultApi = await apiLogin(synapse.baseUrl, TEST_USERS.thibault);
    const roomName = `Fils classiques ${Date.now().toString(36)}`;
    const roomId = await createRoom(theaApi, { name: roomName, invite: ['@thibault:localhost'] });
    await joinRoom(thibaultApi, roomId);
    const rootId = await sendText(theaApi, roomId, 'Qui vient au séminaire ?');
    await sendThreadReplyApi(theaApi, roomId, rootId, 'Inscriptions avant mardi.');

    const { context, page } = await signInAs(browser, env.webUrl, synapse.baseUrl, TEST_USERS.thibault);
    const log = await openRoom(page, roomName);
    const root = log.getByRole('article').filter({ hasText: 'Qui vient au séminaire ?' });
    await expect(root.getByRole('button', { name: /^1 reply/ })).toBeVisible({ timeout: 30_000 });
    await expect(log.getByText('Inscriptions avant mardi.')).toHaveCount(0);
    await page.getByRole('button', { name: 'Threads, 1 with unread replies' }).click();
    await page.getByRole('complementary', { name: 'Threads' }).getByRole('button').filter({ hasText: 'Qui vient' }).click();
    const panel = page.getByRole('complementary', { name: 'Thread', exact: true });
    await expect(panel.getByRole('article').filter({ hasText: 'Inscriptions avant mardi.' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Threads', exact: true })).toBeVisible();
    await panel.getByRole('textbox', { name: 'Reply in thread' }).fill('Je viens.');
    await panel.getByRole('textbox', { name: 'Reply in thread' }).press('Enter');
    await expect(root.getByRole('button', { name: /^2 replies/ })).toBeVisible({ timeout: 30_000 });
    await expect
      .poll(async () => (await threadReplies(theaApi, roomId, rootId)).map((e) => e.content.body), { timeout: 20_000 })
      .toEqual(['Inscriptions avant mardi.', 'Je viens.']);
    await context.close();
  } finally {
    await synapse.stop();
  }
});

test('the Threads panel lists threads from the server (roots far back), filters "My threads", updates live; in French too', async ({
  browser,
  env,
}) => {
  test.setTimeout(180_000);
  const theaApi = await apiLogin(env.homeserver, TEST_USERS.thea);
  const thibaultApi = await apiLogin(env.homeserver, TEST_USERS.thibault);
  const roomName = `Fils anciens ${Date.now().toString(36)}`;
  const roomId = await createRoom(theaApi, { name: roomName, invite: ['@thibault:localhost'] });
  await joinRoom(thibaultApi, roomId);
  // Two threads, then 70 messages: both roots are far older than the first page the room loads.
  const mineRoot = await sendText(theaApi, roomId, 'Budget 2027 : qui valide ?');
  await sendThreadReplyApi(thibaultApi, roomId, mineRoot, 'Moi, en comité.');
  const othersRoot = await sendText(theaApi, roomId, 'Calendrier des congés');
  await sendThreadReplyApi(theaApi, roomId, othersRoot, 'Envoyez vos dates.');
  for (let i = 1; i <= 70; i++) await sendText(theaApi, roomId, `Message de remplissage ${i}`);

  const { context, page } = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.thibault);
  const threadListRequests: string[] = [];
  page.on('request', (request) => {
    if (/\/_matrix\/client\/v1\/rooms\/[^/]+\/threads\?/.test(request.url())) threadListRequests.push(request.url());
  });
  const log = await openRoom(page, roomName);
  await expect(log.getByText('Message de remplissage 70')).toBeVisible({ timeout: 30_000 });
  await expect(log.getByText('Budget 2027 : qui valide ?')).toHaveCount(0);

  await page.getByRole('button', { name: /^Threads/ }).click();
  const list = page.getByRole('complementary', { name: 'Threads' });
  const budget = list.getByRole('button').filter({ hasText: 'Budget 2027 : qui valide ?' });
  const conges = list.getByRole('button').filter({ hasText: 'Calendrier des congés' });
  await expect(budget).toBeVisible({ timeout: 30_000 });
  await expect(budget).toContainText('1 reply');
  await expect(budget).toContainText('thea: Budget 2027');
  await expect(conges).toContainText('1 reply');
  await expect(list.getByRole('button', { name: 'All threads' })).toHaveAttribute('aria-pressed', 'true');
  await expectAccessible(page);

  // "My threads": the one Thibault replied in.
  await list.getByRole('button', { name: 'My threads' }).click();
  await expect(list.getByRole('button', { name: 'My threads' })).toHaveAttribute('aria-pressed', 'true');
  await expect(conges).toHaveCount(0);
  await expect(budget).toBeVisible();
  await expectAccessible(page);

  // Back to all: a new reply and a new thread appear as they come, without asking the server's list again.
  await list.getByRole('button', { name: 'All threads' }).click();
  await expect(conges).toBeVisible();
  const asked = threadListRequests.length;
  await sendThreadReplyApi(theaApi, roomId, othersRoot, 'Avant vendredi, svp.');
  await expect(conges).toContainText('2 replies', { timeout: 30_000 });
  const newRoot = await sendText(theaApi, roomId, 'Nouveau sujet : la cantine');
  await sendThreadReplyApi(theaApi, roomId, newRoot, 'Menu végétarien ?');
  const cantine = list.getByRole('button').filter({ hasText: 'Nouveau sujet : la cantine' });
  await expect(cantine).toContainText('1 unread reply', { timeout: 30_000 });
  await expect(list.getByRole('listitem').first()).toContainText('Nouveau sujet : la cantine');
  expect(threadListRequests.length).toBe(asked);

  // Opening a thread listed from the server shows it.
  await budget.click();
  const panel = page.getByRole('complementary', { name: 'Thread', exact: true });
  await expect(panel.getByRole('article').filter({ hasText: 'Moi, en comité.' })).toBeVisible({ timeout: 30_000 });
  await panel.getByRole('button', { name: 'Close' }).click();

  // In French.
  await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Français' }).click();
  await page.getByRole('button', { name: /^Fils de discussion/ }).click();
  const liste = page.getByRole('complementary', { name: 'Fils de discussion' });
  await expect(liste.getByRole('button', { name: 'Tous les fils' })).toHaveAttribute('aria-pressed', 'true');
  await expect(liste.getByRole('button').filter({ hasText: 'Budget 2027' })).toContainText('1 réponse');
  await liste.getByRole('button', { name: 'Mes fils' }).click();
  await expect(liste.getByRole('button').filter({ hasText: 'Calendrier des congés' })).toHaveCount(0);
  await expect(liste.getByRole('button').filter({ hasText: 'Budget 2027' })).toBeVisible();
  await expectAccessible(page);
  await context.close();
});

test('files in a thread: attached, pasted and dropped on the panel, sent as thread replies, with progress and Cancel', async ({
  browser,
  env,
}) => {
  test.setTimeout(150_000);
  const theaApi = await apiLogin(env.homeserver, TEST_USERS.thea);
  const thibaultApi = await apiLogin(env.homeserver, TEST_USERS.thibault);
  const roomName = `Fils et fichiers ${Date.now().toString(36)}`;
  const roomId = await createRoom(theaApi, { name: roomName, encrypted: true, invite: ['@thibault:localhost'] });
  await joinRoom(thibaultApi, roomId);

  const { context, page } = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.thibault);
  const log = await openRoom(page, roomName);
  await page.getByRole('textbox', { name: 'Message' }).fill('Les pièces du dossier');
  await page.getByRole('textbox', { name: 'Message' }).press('Enter');
  const root = log.getByRole('article').filter({ hasText: 'Les pièces du dossier' });
  await expect(root).toBeVisible({ timeout: 30_000 });
  await root.hover();
  await root.getByRole('button', { name: 'Reply in thread' }).click();
  const panel = page.getByRole('complementary', { name: 'Thread', exact: true });
  const dialog = page.getByRole('dialog', { name: 'Send files' });

  // The Attach button of the thread's composer.
  await expect(panel.getByRole('button', { name: 'Attach file' })).toBeVisible();
  await page.locator('#thread-composer-input-file').setInputFiles({
    name: 'compte-rendu.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('Compte rendu'),
  });
  await dialog.getByRole('button', { name: 'Send 1 file' }).click();
  await expect(panel.getByRole('link', { name: /compte-rendu\.txt/ })).toBeVisible({ timeout: 30_000 });

  // A picture pasted into the thread's composer, with a caption.
  await pasteFiles(panel.getByRole('textbox', { name: 'Reply in thread' }), [
    { name: 'schema.png', type: 'image/png', base64: solidPng(16, [10, 120, 60]).toString('base64') },
  ]);
  await dialog.getByRole('textbox', { name: 'Caption (optional)' }).fill('Le schéma');
  await dialog.getByRole('button', { name: 'Send 1 file' }).click();
  await expect(panel.getByRole('img', { name: 'schema.png' })).toBeVisible({ timeout: 30_000 });

  // A document dropped on the thread's panel: its own drop zone, and the thread's dialog.
  await dropFiles(panel, [{ name: 'annexe.txt', type: 'text/plain', text: 'Annexe' }], async () => {
    await expect(panel.getByRole('status').filter({ hasText: 'Drop files to send' })).toBeVisible();
    await expectAccessible(page);
  });
  await dialog.getByRole('button', { name: 'Send 1 file' }).click();
  await expect(panel.getByRole('link', { name: /annexe\.txt/ })).toBeVisible({ timeout: 30_000 });

  // None of them in the main timeline; the root says "3 replies".
  await expect(root.getByRole('button', { name: /^3 replies/ })).toBeVisible({ timeout: 30_000 });
  await expect(log.getByRole('link', { name: /compte-rendu\.txt|annexe\.txt/ })).toHaveCount(0);
  await expect(log.getByRole('img', { name: 'schema.png' })).toHaveCount(0);

  // A slow upload in the thread: its progress in the thread's waiting list, and Cancel sends nothing.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 20,
    downloadThroughput: -1,
    uploadThroughput: 256 * 1024,
  });
  await page.locator('#thread-composer-input-file').setInputFiles({
    name: 'gros.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.alloc(4 * 1024 * 1024, 3),
  });
  await dialog.getByRole('button', { name: 'Send 1 file' }).click();
  const waiting = panel.getByRole('list', { name: 'Waiting to be sent' });
  const bar = waiting.getByRole('progressbar', { name: /^Uploading gros\.pdf, \d+ ?%$/ });
  await expect(bar).toBeVisible({ timeout: 15_000 });
  await expect(log.getByRole('list', { name: 'Waiting to be sent' })).toHaveCount(0);
  await expectAccessible(page);
  await waiting.getByRole('button', { name: 'Cancel sending gros.pdf' }).click();
  await expect(waiting).toHaveCount(0);
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });

  // On the server: three thread replies, each with the thread relation and its fallback.
  const rootId = (await roomEvents(thibaultApi, roomId)).find((e) => e.type === 'm.room.encrypted')?.event_id ?? '';
  await expect.poll(async () => (await threadReplies(thibaultApi, roomId, rootId)).length, { timeout: 20_000 }).toBe(3);
  for (const reply of await threadReplies(thibaultApi, roomId, rootId)) {
    expect(reply.content['m.relates_to']).toMatchObject({ rel_type: 'm.thread', event_id: rootId, is_falling_back: true });
  }
  await context.close();
});
