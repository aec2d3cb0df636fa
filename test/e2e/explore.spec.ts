// Explore rooms (issue 18, point 5): the homeserver's public room directory, filtered, each room
// joinable from the list; and joining by address. Checked on the homeserver.
import { expect, expectAccessible, test } from './fixtures.ts';
import { signInAs } from './helpers.ts';
import { api, apiLogin, type ApiSession } from './matrixApi.ts';
import { TEST_USERS } from './testUsers.ts';

async function publicRoom(s: ApiSession, name: string, alias: string, listed: boolean): Promise<string> {
  const { room_id } = await api<{ room_id: string }>(s, 'POST', '/createRoom', {
    name,
    topic: `Topic of ${name}`,
    preset: 'public_chat',
    room_alias_name: alias,
    visibility: listed ? 'public' : 'private',
  });
  return room_id;
}

async function isMember(s: ApiSession, roomId: string): Promise<boolean> {
  const { joined_rooms } = await api<{ joined_rooms: string[] }>(s, 'GET', '/joined_rooms');
  return joined_rooms.includes(roomId);
}

test('Explore rooms lists the public rooms, filters them, joins one, and joins another by its address', async ({
  browser,
  env,
}) => {
  test.setTimeout(120_000);
  const publisher = await apiLogin(env.homeserver, TEST_USERS.publia);
  const explorer = await apiLogin(env.homeserver, TEST_USERS.edgar);
  const stamp = Date.now();
  const listed = await publicRoom(publisher, `Atelier ${stamp}`, `atelier-${stamp}`, true);
  await publicRoom(publisher, `Cantine ${stamp}`, `cantine-${stamp}`, true);
  const unlisted = await publicRoom(publisher, `Coulisses ${stamp}`, `coulisses-${stamp}`, false);

  const me = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.edgar);
  const { page } = me;
  const opener = page.getByRole('button', { name: 'Explore rooms' });
  await expect(opener).toHaveAttribute('title', 'Explore rooms');
  await opener.click();
  const dialog = page.getByRole('dialog', { name: 'Explore rooms' });
  const list = dialog.getByRole('list', { name: 'Public rooms' });
  await expect(list.getByRole('listitem').filter({ hasText: `Atelier ${stamp}` })).toBeVisible();
  await expectAccessible(page);

  await dialog.getByRole('searchbox', { name: 'Search public rooms' }).fill(`Atelier ${stamp}`);
  await expect(list.getByRole('listitem')).toHaveCount(1);
  const row = list.getByRole('listitem').filter({ hasText: `Atelier ${stamp}` });
  await expect(row).toContainText(`Topic of Atelier ${stamp}`);
  await expect(row).toContainText('1 member');
  await expect(dialog.getByRole('status').filter({ hasText: '1 public room' })).toBeVisible();
  // The unlisted room is not in the directory.
  await dialog.getByRole('searchbox', { name: 'Search public rooms' }).fill(`Coulisses ${stamp}`);
  await expect(dialog.getByRole('status').filter({ hasText: `No public room matches “Coulisses ${stamp}”` })).toBeVisible();

  await dialog.getByRole('searchbox', { name: 'Search public rooms' }).fill(`Atelier ${stamp}`);
  await row.getByRole('button', { name: `Join Atelier ${stamp}` }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: `Atelier ${stamp}` })).toBeVisible();
  await expect.poll(() => isMember(explorer, listed)).toBe(true);

  // Once joined, the directory offers to view it instead.
  await opener.click();
  await dialog.getByRole('searchbox', { name: 'Search public rooms' }).fill(`Atelier ${stamp}`);
  await expect(dialog.getByRole('button', { name: `View Atelier ${stamp}` })).toBeVisible();

  // By address: a mistyped one is explained; a real one is joined.
  const address = dialog.getByRole('textbox', { name: 'Room address' });
  await address.fill('coulisses');
  await dialog.getByRole('button', { name: 'Join by address' }).click();
  await expect(address).toHaveAccessibleDescription(/Type a room address such as #team:example.org/);
  await address.fill(`#coulisses-${stamp}:localhost`);
  await dialog.getByRole('button', { name: 'Join by address' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: `Coulisses ${stamp}` })).toBeVisible();
  await expect.poll(() => isMember(explorer, unlisted)).toBe(true);

  // An address that leads nowhere: the server's answer is shown.
  await opener.click();
  await address.fill(`#nowhere-${stamp}:localhost`);
  await dialog.getByRole('button', { name: 'Join by address' }).click();
  await expect(dialog.getByRole('alert')).toContainText(`Could not join #nowhere-${stamp}:localhost`);
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await me.context.close();
});

test('in French: Explorer les salons, rejoindre un salon public', async ({ browser, env }) => {
  test.setTimeout(120_000);
  const publisher = await apiLogin(env.homeserver, TEST_USERS.publia);
  const explorer = await apiLogin(env.homeserver, TEST_USERS.edgar);
  const stamp = Date.now();
  const roomId = await publicRoom(publisher, `Réunion ${stamp}`, `reunion-${stamp}`, true);
  const me = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.edgar, { locale: 'fr-FR' });
  const { page } = me;
  await page.getByRole('button', { name: 'Explorer les salons' }).click();
  const dialog = page.getByRole('dialog', { name: 'Explorer les salons' });
  await dialog.getByRole('searchbox', { name: 'Rechercher des salons publics' }).fill(`Réunion ${stamp}`);
  const row = dialog
    .getByRole('list', { name: 'Salons publics' })
    .getByRole('listitem')
    .filter({ hasText: `Réunion ${stamp}` });
  await expect(row).toContainText('1 membre');
  await expect(dialog.getByRole('status').filter({ hasText: '1 salon public' })).toBeVisible();
  await expectAccessible(page);
  await row.getByRole('button', { name: `Rejoindre Réunion ${stamp}` }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(() => isMember(explorer, roomId)).toBe(true);
  await expect(page.getByRole('heading', { level: 1, name: `Réunion ${stamp}` })).toBeVisible();
  await me.context.close();
});
