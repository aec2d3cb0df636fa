// Notification settings (issue 18, point 8): what notifies, keywords and sound, stored as the
// person's server push rules (so their other clients agree), a room's own level from Room settings,
// and desktop notifications following those rules: a muted room raises none.
import { expect, expectAccessible, test } from './fixtures.ts';
import { openSettings, signInAs } from './helpers.ts';
import { apiLogin, createRoom, joinRoom, sendText } from './matrixApi.ts';
import { pushRule } from './settingsApi.ts';
import { TEST_USERS } from './testUsers.ts';

/** Records notifications instead of showing them: the page's Notification is replaced before load. */
const RECORD_NOTIFICATIONS = `window.__notifications = [];
  window.Notification = class { static permission = 'granted'; static requestPermission() { return Promise.resolve('granted'); }
    constructor(title, options) { window.__notifications.push({ title, body: options && options.body }); } };`;

const SOUND = { set_tweak: 'sound', value: 'default' };

test('Settings → Notifications writes the push rules: level, keywords and sound', async ({ browser, env }) => {
  test.setTimeout(120_000);
  const account = await apiLogin(env.homeserver, TEST_USERS.noemie);
  const me = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.noemie);
  const { page } = me;
  const dialog = await openSettings(page, 'Notifications');
  const section = dialog.getByRole('region', { name: 'Notifications' });
  const level = section.getByRole('group', { name: 'Notify me for' });
  await expect(level.getByRole('radio', { name: 'All messages' })).toBeChecked();
  await expectAccessible(page);

  await level.getByRole('radio', { name: 'Direct messages and mentions' }).check();
  await expect.poll(() => pushRule(account, 'underride', '.m.rule.message')).toMatchObject({ actions: ['dont_notify'] });
  await expect.poll(() => pushRule(account, 'underride', '.m.rule.encrypted')).toMatchObject({ actions: ['dont_notify'] });
  expect(await pushRule(account, 'underride', '.m.rule.room_one_to_one')).toMatchObject({
    actions: ['notify', SOUND, { set_tweak: 'highlight', value: false }],
  });
  await level.getByRole('radio', { name: 'Mentions and keywords only' }).check();
  await expect
    .poll(() => pushRule(account, 'underride', '.m.rule.encrypted_room_one_to_one'))
    .toMatchObject({ actions: ['dont_notify'] });
  await level.getByRole('radio', { name: 'All messages' }).check();
  await expect
    .poll(() => pushRule(account, 'underride', '.m.rule.message'))
    .toMatchObject({ actions: ['notify', { set_tweak: 'highlight', value: false }] });

  // Keywords notify and highlight like a mention.
  await section.getByRole('textbox', { name: 'Keyword' }).fill('budget');
  await section.getByRole('button', { name: 'Add keyword' }).click();
  await expect
    .poll(() => pushRule(account, 'content', 'budget'))
    .toMatchObject({ pattern: 'budget', actions: ['notify', SOUND, { set_tweak: 'highlight' }] });
  await expect(section.getByRole('list', { name: 'Keywords' })).toContainText('budget');
  await section.getByRole('textbox', { name: 'Keyword' }).fill('Budget');
  await section.getByRole('button', { name: 'Add keyword' }).click();
  await expect(section.getByRole('textbox', { name: 'Keyword' })).toHaveAccessibleDescription(
    'This keyword is already in the list.',
  );

  // Sound: off for DMs, mentions and keywords, on every device.
  const sound = section.getByRole('checkbox', { name: /Play a sound/ });
  await expect(sound).toBeChecked();
  await sound.uncheck();
  // The keyword is written last: once it is quiet, the DM and mention rules are too.
  await expect
    .poll(() => pushRule(account, 'content', 'budget'))
    .toMatchObject({ actions: ['notify', { set_tweak: 'highlight' }] });
  expect(await pushRule(account, 'override', '.m.rule.is_user_mention')).toMatchObject({
    actions: ['notify', { set_tweak: 'highlight' }],
  });
  expect(await pushRule(account, 'underride', '.m.rule.room_one_to_one')).toMatchObject({
    actions: ['notify', { set_tweak: 'highlight', value: false }],
  });
  await expect(sound).not.toBeChecked();
  await sound.check();
  await expect
    .poll(() => pushRule(account, 'content', 'budget'))
    .toMatchObject({ actions: ['notify', SOUND, { set_tweak: 'highlight' }] });
  expect(await pushRule(account, 'override', '.m.rule.is_user_mention')).toMatchObject({
    actions: ['notify', SOUND, { set_tweak: 'highlight' }],
  });
  await section.getByRole('button', { name: 'Remove keyword budget' }).click();
  await expect.poll(() => pushRule(account, 'content', 'budget')).toBeNull();
  await expectAccessible(page);
  await me.context.close();
});

test('a room muted in Room settings raises no desktop notification; set to all messages, it does', async ({ browser, env }) => {
  test.setTimeout(120_000);
  const writer = await apiLogin(env.homeserver, TEST_USERS.sacha);
  const reader = await apiLogin(env.homeserver, TEST_USERS.noemie);
  const roomName = `Veille ${Date.now()}`;
  const roomId = await createRoom(writer, { name: roomName, invite: [reader.userId] });
  await joinRoom(reader, roomId);
  const me = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.noemie, { initScript: RECORD_NOTIFICATIONS });
  const { page } = me;
  const recorded = () =>
    page.evaluate(() => (globalThis as unknown as { __notifications: { title: string; body: string }[] }).__notifications);
  await page.getByRole('navigation', { name: 'Rooms' }).getByRole('link', { name: roomName }).click();
  await page.getByRole('button', { name: 'Room settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Room settings' });
  await dialog.getByRole('group', { name: 'Notifications for this room' }).getByRole('radio', { name: 'Mute' }).check();
  await expect.poll(() => pushRule(reader, 'override', roomId)).toMatchObject({ actions: ['dont_notify'] });
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  // Away from the room, so it is not the one in view.
  await page.evaluate(() => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = '';
  });

  await sendText(writer, roomId, 'Muted: the budget is ready');
  const rooms = page.getByRole('navigation', { name: 'Rooms' });
  await expect(rooms.getByText('Muted: the budget is ready')).toBeVisible();

  await rooms.getByRole('link', { name: new RegExp(roomName) }).click();
  await page.getByRole('button', { name: 'Room settings' }).click();
  await dialog
    .getByRole('group', { name: 'Notifications for this room' })
    .getByRole('radio', { name: 'All messages', exact: true })
    .check();
  await expect.poll(() => pushRule(reader, 'room', roomId)).toMatchObject({ actions: ['notify', SOUND] });
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await page.evaluate(() => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = '';
  });
  await sendText(writer, roomId, 'Loud: the minutes are out');
  await expect.poll(recorded, { timeout: 30_000 }).toEqual([{ title: roomName, body: 'sacha: Loud: the minutes are out' }]);
  await me.context.close();
});

test('in French: Notifications, mots-clés et son, sur le serveur', async ({ browser, env }) => {
  test.setTimeout(120_000);
  const account = await apiLogin(env.homeserver, TEST_USERS.nadege);
  const me = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.nadege, { locale: 'fr-FR' });
  const { page } = me;
  await page.getByRole('button', { name: 'Réglages', exact: true }).click();
  await page.getByRole('dialog', { name: 'Réglages' }).getByRole('tab', { name: 'Notifications' }).click();
  const section = page.getByRole('dialog', { name: 'Réglages' }).getByRole('region', { name: 'Notifications' });
  await section
    .getByRole('group', { name: 'Me notifier pour' })
    .getByRole('radio', { name: 'Messages directs et mentions' })
    .check();
  await expect.poll(() => pushRule(account, 'underride', '.m.rule.message')).toMatchObject({ actions: ['dont_notify'] });
  await section.getByRole('textbox', { name: 'Mot-clé' }).fill('réunion');
  await section.getByRole('button', { name: 'Ajouter le mot-clé' }).click();
  await expect.poll(() => pushRule(account, 'content', 'réunion')).toMatchObject({ pattern: 'réunion' });
  await expect(section.getByRole('button', { name: 'Retirer le mot-clé réunion' })).toBeVisible();
  await section.getByRole('checkbox', { name: /Jouer un son/ }).uncheck();
  await expect
    .poll(() => pushRule(account, 'override', '.m.rule.contains_display_name'))
    .toMatchObject({ actions: ['notify', { set_tweak: 'highlight' }] });
  await expect(section.getByRole('status').filter({ hasText: 'Enregistré.' })).toBeVisible();
  await expectAccessible(page);
  await me.context.close();
});
