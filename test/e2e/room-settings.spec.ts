// Room settings (issue 18, point 4): name, topic, picture, this room's notifications, where the room
// list shows it, history visibility, who can join, encryption (on, never off) and addresses, each
// checked on the homeserver; what a member may not change is read-only with the reason.
import { expect, expectAccessible, test } from './fixtures.ts';
import { signInAs } from './helpers.ts';
import { api, apiLogin, createRoom, joinRoom, solidPng } from './matrixApi.ts';
import { pushRule, roomState, roomTags } from './settingsApi.ts';
import { TEST_USERS } from './testUsers.ts';

test('an admin changes every setting of a room, each saved on the server', async ({ browser, env }) => {
  test.setTimeout(180_000);
  const admin = await apiLogin(env.homeserver, TEST_USERS.rosalie);
  const roomName = `Budget ${Date.now()}`;
  const roomId = await createRoom(admin, { name: roomName });
  const me = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.rosalie);
  const { page } = me;
  await page.getByRole('navigation', { name: 'Rooms' }).getByRole('link', { name: roomName }).click();
  const opener = page.getByRole('button', { name: 'Room settings' });
  await expect(opener).toHaveAttribute('title', 'Room settings');
  await opener.click();
  const dialog = page.getByRole('dialog', { name: 'Room settings' });
  await expect(dialog).toBeVisible();
  await expectAccessible(page);

  // Name and topic, saved together.
  const newName = `${roomName} (2027)`;
  await dialog.getByRole('textbox', { name: 'Room name' }).fill(newName);
  await dialog.getByRole('textbox', { name: 'Topic' }).fill('Numbers for next year');
  await dialog.getByRole('button', { name: 'Save name and topic' }).click();
  await expect.poll(() => roomState(admin, roomId, 'm.room.name')).toEqual({ name: newName });
  await expect.poll(() => roomState(admin, roomId, 'm.room.topic')).toEqual({ topic: 'Numbers for next year' });
  await expect(page.getByRole('heading', { level: 1, name: newName })).toBeVisible();

  // Picture: chosen, previewed, saved; then removed.
  await dialog
    .getByLabel('Choose a picture')
    .setInputFiles({ name: 'room.png', mimeType: 'image/png', buffer: solidPng(64, [20, 110, 180]) });
  await expect(dialog.getByRole('img', { name: 'Preview of the new picture' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Save picture' }).click();
  await expect.poll(async () => (await roomState(admin, roomId, 'm.room.avatar'))?.url).toMatch(/^mxc:\/\/localhost\//);
  await expect(dialog.getByRole('img', { name: 'The room’s picture' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Remove picture' }).click();
  await expect.poll(() => roomState(admin, roomId, 'm.room.avatar')).toEqual({});

  // This room's notifications: mute is an override on the room, mentions a quiet room rule.
  const personal = dialog.getByRole('group', { name: 'Notifications for this room' });
  await expect(personal.getByRole('radio', { name: 'Default (All messages)' })).toBeChecked();
  await personal.getByRole('radio', { name: 'Mute' }).check();
  await expect.poll(() => pushRule(admin, 'override', roomId)).toMatchObject({ actions: ['dont_notify'], enabled: true });
  await personal.getByRole('radio', { name: 'Mentions and keywords' }).check();
  await expect.poll(() => pushRule(admin, 'room', roomId)).toMatchObject({ actions: ['dont_notify'] });
  expect(await pushRule(admin, 'override', roomId)).toBeNull();

  // Favourites and Low priority are room tags; the room list follows.
  const place = dialog.getByRole('group', { name: 'Show this room in' });
  await place.getByRole('radio', { name: 'Favourites' }).check();
  await expect.poll(() => roomTags(admin, roomId)).toEqual(['m.favourite']);
  await expect(page.getByRole('group', { name: 'Favourites' }).getByRole('link', { name: newName })).toBeAttached();
  await place.getByRole('radio', { name: 'Low priority' }).check();
  await expect.poll(() => roomTags(admin, roomId)).toEqual(['m.lowpriority']);
  await expect(page.getByRole('group', { name: 'Low priority' }).getByRole('link', { name: newName })).toBeAttached();

  // Who can read the history and who can join, saved together.
  await dialog.getByRole('radio', { name: 'Members, since they joined' }).check();
  await dialog.getByRole('radio', { name: 'Anyone who knows the address' }).check();
  await dialog.getByRole('button', { name: 'Save privacy' }).click();
  await expect.poll(() => roomState(admin, roomId, 'm.room.history_visibility')).toEqual({ history_visibility: 'joined' });
  await expect.poll(async () => (await roomState(admin, roomId, 'm.room.join_rules'))?.join_rule).toBe('public');

  // Encryption: asked first, then on for good.
  const encryption = dialog.getByRole('switch', { name: 'End-to-end encryption' });
  await expect(encryption).not.toBeChecked();
  await encryption.click();
  await expect(dialog.getByText('It can never be turned off again')).toBeVisible();
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Turn on encryption' }).click();
  await expect.poll(() => roomState(admin, roomId, 'm.room.encryption')).toEqual({ algorithm: 'm.megolm.v1.aes-sha2' });
  await expect(encryption).toBeChecked();
  await expect(encryption).toBeDisabled();
  await expect(encryption).toHaveAccessibleDescription(/cannot be turned off/);

  // Addresses: added on my server and published; one already taken is refused with the server's words.
  const local = `budget-${Date.now()}`;
  await dialog.getByRole('textbox', { name: 'New address' }).fill(local);
  await dialog.getByRole('button', { name: 'Add address' }).click();
  await expect.poll(async () => (await roomState(admin, roomId, 'm.room.canonical_alias'))?.alias).toBe(`#${local}:localhost`);
  const other = await createRoom(admin, { name: 'Other room' });
  await api(admin, 'PUT', `/directory/room/${encodeURIComponent(`#taken-${local}:localhost`)}`, { room_id: other });
  await dialog.getByRole('textbox', { name: 'New address' }).fill(`taken-${local}`);
  await dialog.getByRole('button', { name: 'Add address' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Not saved: the server refused');
  await expect(dialog.getByRole('textbox', { name: 'New address' })).toHaveValue(`taken-${local}`);
  await dialog.getByRole('button', { name: `Remove address #${local}:localhost` }).click();
  await expect.poll(() => roomState(admin, roomId, 'm.room.canonical_alias')).toEqual({});
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(dialog).toBeHidden();
  await me.context.close();
});

test('in French: a member without the power sees why, and still chooses their own notifications', async ({ browser, env }) => {
  test.setTimeout(120_000);
  const admin = await apiLogin(env.homeserver, TEST_USERS.rosalie);
  const member = await apiLogin(env.homeserver, TEST_USERS.modeste);
  const roomName = `Comité ${Date.now()}`;
  const roomId = await createRoom(admin, { name: roomName, invite: [member.userId] });
  await joinRoom(member, roomId);
  const me = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.modeste, { locale: 'fr-FR' });
  const { page } = me;
  await page.getByRole('navigation', { name: 'Salons' }).getByRole('link', { name: roomName }).click();
  await page.getByRole('button', { name: 'Réglages du salon' }).click();
  const dialog = page.getByRole('dialog', { name: 'Réglages du salon' });
  const name = dialog.getByRole('textbox', { name: 'Nom du salon' });
  await expect(name).toHaveValue(roomName);
  await expect(name).not.toBeEditable();
  await expect(name).toHaveAccessibleDescription('Votre rôle dans ce salon ne vous permet pas de modifier ceci.');
  await expect(dialog.getByRole('button', { name: 'Enregistrer le nom et le sujet' })).toHaveCount(0);
  await expect(dialog.getByRole('switch', { name: 'Chiffrement de bout en bout' })).toBeDisabled();
  await expect(
    dialog.getByRole('group', { name: 'Qui peut lire l’historique' }).getByRole('radio', { name: 'Tout le monde' }),
  ).toBeDisabled();
  await expectAccessible(page);

  await dialog.getByRole('group', { name: 'Notifications pour ce salon' }).getByRole('radio', { name: 'Muet' }).check();
  await expect.poll(() => pushRule(member, 'override', roomId)).toMatchObject({ actions: ['dont_notify'] });
  await dialog.getByRole('group', { name: 'Afficher ce salon dans' }).getByRole('radio', { name: 'Favoris' }).check();
  await expect.poll(() => roomTags(member, roomId)).toEqual(['m.favourite']);
  await expect(dialog.getByRole('status').filter({ hasText: 'Enregistré.' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Fermer', exact: true }).click();
  await me.context.close();
});
