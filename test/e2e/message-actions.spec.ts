// Message actions and reactions (issue 17, points 1 and 2), by accessible names, in English and French,
// against the real Synapse: the "More options" menu (Edit, Delete confirmed, Copy link, Quote, Forward,
// Pin with the pinned-messages bar, View source in developer mode), and the emoji picker (search in
// both languages, skin tone, Frequently used from Element's account data, quick reactions, Add
// reaction). Every new surface passes axe, no CSP violation happens, no request leaves the test's hosts.
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { expect, expectAccessible, test } from './fixtures.ts';
import { signInAs } from './helpers.ts';
import { api, apiLogin, createRoom, joinRoom, roomEvents, sendText, type ApiSession } from './matrixApi.ts';
import { TEST_USERS } from './testUsers.ts';

test.use({ failOnCspViolation: true });

const THUMBS_UP = '\u{1F44D}\u{FE0F}';
const THUMBS_UP_MEDIUM = '\u{1F44D}\u{1F3FD}';
const RED_HEART = '\u{2764}\u{FE0F}';
const ROCKET = '\u{1F680}';

const DEVELOPER_MODE = `localStorage.setItem('relais.settings', JSON.stringify({ version: 1, chat: { developerMode: true } }));`;

/** Every request the pages make, to check that none goes anywhere but the app and the homeserver. */
function recordRequests(context: BrowserContext): string[] {
  const urls: string[] = [];
  context.on('request', (request) => urls.push(request.url()));
  return urls;
}

function foreign(urls: readonly string[], allowed: readonly string[]): string[] {
  return urls.filter((url) => !url.startsWith('data:') && !url.startsWith('blob:') && !allowed.includes(new URL(url).origin));
}

async function openRoom(page: Page, navigation: string, name: string): Promise<Locator> {
  await page
    .getByRole('navigation', { name: navigation })
    .getByRole('link', { name: new RegExp(`^${name}`) })
    .click();
  return page.getByRole('log', { name });
}

async function openMenu(page: Page, message: Locator, name: string): Promise<Locator> {
  await message.hover();
  await message.getByRole('button', { name }).click();
  const menu = page.getByRole('menu', { name });
  await expect(menu).toBeVisible();
  return menu;
}

async function pinnedState(s: ApiSession, roomId: string): Promise<string[]> {
  const { pinned } = await api<{ pinned: string[] }>(
    s,
    'GET',
    `/rooms/${encodeURIComponent(roomId)}/state/m.room.pinned_events/`,
  );
  return pinned;
}

test('More options in English: the menu by keyboard, Edit, Copy link, Quote, Forward, Pin and the pinned bar, View source, Delete', async ({
  browser,
  env,
}) => {
  test.setTimeout(180_000);
  const amelie = await apiLogin(env.homeserver, TEST_USERS.amelie);
  const noor = await apiLogin(env.homeserver, TEST_USERS.noor);
  const stamp = Date.now().toString(36);
  const roomName = `Actions ${stamp}`;
  const otherName = `Archive ${stamp}`;
  const roomId = await createRoom(amelie, { name: roomName, encrypted: true, invite: [noor.userId] });
  await joinRoom(noor, roomId);
  const otherId = await createRoom(amelie, { name: otherName });
  const noorEventId = await sendText(noor, roomId, 'Bonjour de Noor');

  const { context, page } = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.amelie, {
    initScript: DEVELOPER_MODE,
  });
  const requests = recordRequests(context);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(env.webUrl).origin });
  const log = await openRoom(page, 'Rooms', roomName);
  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.fill('Réunion jeudi à 10 h');
  await composer.press('Enter');
  const mine = log.getByRole('article').filter({ hasText: 'Réunion jeudi' });
  await expect(mine).toBeVisible();

  // The toolbar: React, Reply, Reply in thread, More options.
  await mine.hover();
  const toolbar = mine.getByRole('group', { name: 'Message actions' });
  await expect(toolbar.getByRole('button')).toHaveCount(4);
  for (const name of ['React', 'Reply', 'Reply in thread', 'More options'])
    await expect(toolbar.getByRole('button', { name, exact: true })).toHaveAttribute('title', name);

  // The menu from the keyboard: Enter opens it on its first item, arrows move, Escape gives the focus back.
  const more = mine.getByRole('button', { name: 'More options' });
  await more.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: 'More options' });
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem')).toHaveText(['Edit', 'Copy link', 'Forward', 'Quote', 'Pin', 'View source', 'Delete']);
  await expect(menu.getByRole('menuitem', { name: 'Edit' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Copy link' })).toBeFocused();
  await expectAccessible(page);
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(more).toBeFocused();

  // Someone else's message: no Edit; Delete, since Amélie's power level allows it.
  const theirs = log.getByRole('article').filter({ hasText: 'Bonjour de Noor' });
  await expect((await openMenu(page, theirs, 'More options')).getByRole('menuitem')).toHaveText([
    'Copy link',
    'Forward',
    'Quote',
    'Pin',
    'View source',
    'Delete',
  ]);
  await page.keyboard.press('Escape');

  // Edit: the text comes into the composer, marked as an edit.
  await (await openMenu(page, mine, 'More options')).getByRole('menuitem', { name: 'Edit' }).click();
  await expect(composer).toHaveValue('Réunion jeudi à 10 h');
  await expect(composer).toBeFocused();
  await expect(page.getByText('Editing your message')).toBeVisible();
  await composer.fill('Réunion vendredi à 10 h');
  await composer.press('Enter');
  const edited = log.getByRole('article').filter({ hasText: 'Réunion vendredi à 10 h' });
  await expect(edited).toContainText('(edited)');

  // Copy link: a matrix: URI (never matrix.to), announced; the event it names is Amélie's on the server.
  await (await openMenu(page, edited, 'More options')).getByRole('menuitem', { name: 'Copy link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
  const link = await page.evaluate<string>('navigator.clipboard.readText()');
  const match = new RegExp(
    `^matrix:roomid/${roomId.slice(1).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/e/([^?]+)\\?via=localhost$`,
  ).exec(link);
  expect(match, link).not.toBeNull();
  const eventId = `$${decodeURIComponent(match?.[1] ?? '')}`;
  const linked = await api<{ sender: string; type: string }>(
    amelie,
    'GET',
    `/rooms/${encodeURIComponent(roomId)}/event/${encodeURIComponent(eventId)}`,
  );
  expect(linked).toMatchObject({ sender: amelie.userId, type: 'm.room.encrypted' });

  // Quote: the text behind "> ", a blank line, and the composer focused to answer.
  await (await openMenu(page, edited, 'More options')).getByRole('menuitem', { name: 'Quote' }).click();
  await expect(composer).toHaveValue('> Réunion vendredi à 10 h\n\n');
  await expect(composer).toBeFocused();
  await composer.fill('');

  // Forward: the rooms, filtered; "Sent" once sent; the copy on the server carries the edited text only.
  await (await openMenu(page, edited, 'More options')).getByRole('menuitem', { name: 'Forward' }).click();
  const forward = page.getByRole('dialog', { name: 'Forward message' });
  await expect(forward).toBeVisible();
  await forward.getByRole('searchbox', { name: 'Filter rooms' }).fill(`archive ${stamp}`);
  const rooms = forward.getByRole('list', { name: 'Rooms' }).getByRole('listitem');
  await expect(rooms).toHaveCount(1);
  await expectAccessible(page);
  const send = rooms.getByRole('button', { name: `Send ${otherName}` });
  await send.click();
  await expect(rooms.getByRole('button', { name: `Sent ${otherName}` })).toBeVisible();
  await forward.getByRole('button', { name: 'Close' }).click();
  await expect(forward).toBeHidden();
  await expect
    .poll(async () => (await roomEvents(amelie, otherId)).filter((e) => e.type === 'm.room.message').map((e) => e.content))
    .toHaveLength(1);
  const [copy] = (await roomEvents(amelie, otherId)).filter((e) => e.type === 'm.room.message');
  expect(copy?.content).toMatchObject({ msgtype: 'm.text', body: 'Réunion vendredi à 10 h' });
  expect(copy?.content).not.toHaveProperty('m.relates_to');
  expect(copy?.content).not.toHaveProperty('m.new_content');

  // Pin: the bar appears; the state event on the server lists the message.
  await (await openMenu(page, edited, 'More options')).getByRole('menuitem', { name: 'Pin' }).click();
  const bar = page.getByRole('region', { name: 'Pinned messages' });
  await expect(bar).toContainText('amelie: Réunion vendredi à 10 h');
  await expect(bar).toContainText('1 of 1');
  await expect.poll(() => pinnedState(amelie, roomId)).toEqual([eventId]);
  await (await openMenu(page, theirs, 'More options')).getByRole('menuitem', { name: 'Pin' }).click();
  await expect(bar).toContainText('noor: Bonjour de Noor');
  await expect(bar).toContainText('1 of 2');
  await expect.poll(() => pinnedState(amelie, roomId)).toEqual([eventId, noorEventId]);
  await expectAccessible(page);
  await bar.getByRole('button', { name: 'Next pinned message' }).click();
  await expect(bar).toContainText('2 of 2');
  await expect(bar).toContainText('amelie: Réunion vendredi à 10 h');
  // The pinned message opens the room at it.
  await bar.getByRole('button', { name: /amelie: Réunion vendredi/ }).click();
  await expect(page).toHaveURL(new RegExp(`/event/${encodeURIComponent(eventId).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
  await expect(edited).toHaveAttribute('aria-current', 'true');
  // The menu says Unpin for a pinned message; the bar's Unpin removes the one it shows.
  await expect((await openMenu(page, edited, 'More options')).getByRole('menuitem', { name: 'Unpin' })).toBeVisible();
  await page.keyboard.press('Escape');
  await bar.getByRole('button', { name: 'Unpin' }).click();
  await expect.poll(() => pinnedState(amelie, roomId)).toEqual([noorEventId]);
  await expect(bar).toContainText('noor: Bonjour de Noor');
  await expect(bar).toContainText('1 of 1');

  // View source (developer mode): the decrypted event and the original, encrypted one.
  await (await openMenu(page, edited, 'More options')).getByRole('menuitem', { name: 'View source' }).click();
  const source = page.getByRole('dialog', { name: 'View source' });
  await expect(source.getByRole('heading', { name: 'Decrypted event' })).toBeVisible();
  await expect(source.getByRole('heading', { name: 'Original event' })).toBeVisible();
  await expect(source).toContainText('"type": "m.room.message"');
  await expect(source).toContainText('"type": "m.room.encrypted"');
  await expect(source).toContainText(`Event ID: ${eventId}`);
  await expectAccessible(page);
  await source.getByRole('button', { name: 'Close' }).click();
  await expect(source).toBeHidden();

  // The picker in English: "thumbs up" finds it; arrow keys and Enter pick it.
  await edited.hover();
  await edited.getByRole('button', { name: 'React' }).click();
  const picker = page.getByRole('dialog', { name: 'Emoji' });
  const search = picker.getByRole('searchbox', { name: 'Search emoji' });
  await expect(search).toBeFocused();
  await search.fill('thumbs');
  await expect(picker.getByRole('gridcell', { name: 'Thumbs up', exact: true }).first()).toBeVisible();
  await search.fill('thumbs up');
  // (First: after earlier runs on the same server it is also under Frequently used.)
  await expect(picker.getByRole('gridcell', { name: 'Thumbs up', exact: true }).first()).toBeVisible();
  // The pointer, left where the button was, would otherwise make the emoji under it the active one.
  await page.mouse.move(0, 0);
  await page.keyboard.press('ArrowDown');
  await expect(picker.locator('[data-active]')).toHaveAccessibleName('Thumbs up');
  await page.keyboard.press('Enter');
  await expect(picker).toBeHidden();
  await expect(edited.getByRole('button', { name: `${THUMBS_UP} reacted by amelie` })).toBeVisible();

  // Delete asks first; Cancel keeps the message; Delete removes it for everyone.
  await (await openMenu(page, edited, 'More options')).getByRole('menuitem', { name: 'Delete' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete message?' });
  await expect(confirm).toBeVisible();
  await expectAccessible(page);
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  await expect(edited).toBeVisible();
  await (await openMenu(page, edited, 'More options')).getByRole('menuitem', { name: 'Delete' }).click();
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(log.getByText('Message deleted')).toBeVisible();
  await expect(log.getByText('Réunion vendredi à 10 h')).toHaveCount(0);

  expect(foreign(requests, [new URL(env.webUrl).origin, new URL(env.homeserver).origin])).toEqual([]);
  await context.close();
});

test('Réactions en français : le sélecteur « Émoji », recherche « pouce », teint, fréquemment utilisés, réactions rapides', async ({
  browser,
  env,
}) => {
  test.setTimeout(150_000);
  const maelys = await apiLogin(env.homeserver, TEST_USERS.maelys);
  const noor = await apiLogin(env.homeserver, TEST_USERS.noor);
  const roomName = `Réactions ${Date.now().toString(36)}`;
  const roomId = await createRoom(maelys, { name: roomName, invite: [noor.userId] });
  await joinRoom(noor, roomId);
  const reportId = await sendText(noor, roomId, 'Le rapport est prêt');
  // Used before in Element: the rocket, three times.
  const accountData = `/user/${encodeURIComponent(maelys.userId)}/account_data/io.element.recent_emoji`;
  await api(maelys, 'PUT', accountData, { recent_emoji: [[ROCKET, 3]] });

  const { context, page } = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.maelys, { locale: 'fr-FR' });
  const requests = recordRequests(context);
  const log = await openRoom(page, 'Salons', roomName);
  const report = log.getByRole('article').filter({ hasText: 'Le rapport est prêt' });
  await expect(report).toBeVisible({ timeout: 30_000 });

  // « Réagir » opens the « Émoji » dialog, focus in its search field; Escape closes it and gives the focus back.
  await report.hover();
  const react = report.getByRole('button', { name: 'Réagir' });
  await react.focus();
  await page.keyboard.press('Enter');
  const picker = page.getByRole('dialog', { name: 'Émoji' });
  const search = picker.getByRole('searchbox', { name: 'Rechercher un émoji' });
  await expect(search).toBeFocused();
  // Frequently used, from the account data Element wrote.
  await expect(picker.getByText('Utilisés fréquemment')).toBeVisible();
  await expect(picker.getByRole('gridcell', { name: 'Fusée' }).first()).toBeVisible();
  await expect(picker.getByRole('group', { name: 'Réactions rapides' }).getByRole('button')).toHaveCount(6);
  await expectAccessible(page);
  await page.keyboard.press('Escape');
  await expect(picker).toBeHidden();
  await expect(react).toBeFocused();

  // Search in French: « pouce » finds thumbs up; with a medium skin tone, the reaction carries it.
  await react.click();
  await expect(search).toBeFocused();
  const tone = picker.getByRole('button', { name: /^Teint :/ });
  await expect(tone).toHaveAccessibleName('Teint : par défaut');
  for (let i = 0; i < 3; i++) await tone.click();
  await expect(tone).toHaveAccessibleName('Teint : légèrement mat');
  await search.fill('pouce');
  const thumbs = picker.getByRole('gridcell', { name: 'Pouce vers le haut', exact: true }).first();
  await expect(thumbs).toHaveText(THUMBS_UP_MEDIUM);
  await thumbs.click();
  await expect(picker).toBeHidden();
  const chip = report.getByRole('button', { name: `${THUMBS_UP_MEDIUM} : réaction de maelys` });
  await expect(chip).toBeVisible();
  await expect(chip).toHaveAttribute('title', `${THUMBS_UP_MEDIUM} : réaction de maelys`);

  // « Ajouter une réaction » after the chips: the same picker; its quick reactions; the skin tone kept.
  await report.getByRole('button', { name: 'Ajouter une réaction' }).click();
  await expect(picker.getByRole('button', { name: /^Teint :/ })).toHaveAccessibleName('Teint : légèrement mat');
  await picker.getByRole('button', { name: 'Réagir avec cœur rouge' }).click();
  await expect(picker).toBeHidden();
  await expect(report.getByRole('button', { name: `${RED_HEART} : réaction de maelys` })).toBeVisible();

  // On the server: both reactions, with their exact keys, on Noor's message; the account data counted them.
  await expect
    .poll(async () =>
      (await roomEvents(maelys, roomId))
        .filter((e) => e.type === 'm.reaction' && e.sender === maelys.userId)
        .map((e) => e.content['m.relates_to']),
    )
    .toEqual([
      { rel_type: 'm.annotation', event_id: reportId, key: THUMBS_UP_MEDIUM },
      { rel_type: 'm.annotation', event_id: reportId, key: RED_HEART },
    ]);
  await expect
    .poll(async () => (await api<{ recent_emoji: unknown }>(maelys, 'GET', accountData)).recent_emoji)
    .toEqual([
      [RED_HEART, 1],
      [THUMBS_UP_MEDIUM, 1],
      [ROCKET, 3],
    ]);

  // The menu in French, by its names.
  const menu = await openMenu(page, report, 'Plus d’options');
  await expect(menu.getByRole('menuitem')).toHaveText(['Copier le lien', 'Transférer', 'Citer', 'Épingler', 'Supprimer']);
  await expectAccessible(page);
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();

  // Pinned in French: the bar says so.
  await (await openMenu(page, report, 'Plus d’options')).getByRole('menuitem', { name: 'Épingler' }).click();
  const bar = page.getByRole('region', { name: 'Messages épinglés' });
  await expect(bar).toContainText('noor : Le rapport est prêt');
  await expect(bar).toContainText('1 sur 1');
  await expectAccessible(page);

  expect(foreign(requests, [new URL(env.webUrl).origin, new URL(env.homeserver).origin])).toEqual([]);
  await context.close();
});
