// A room's options from the room list itself (issue 18): the "…" beside each room, shown on hover and
// keyboard focus, with Favourite and Low priority (room tags, as Room settings writes them), Mark as read,
// and Leave, which asks first and can forget the room (removed from the account's history).
import { expect, expectAccessible, test } from './fixtures.ts';
import { signInAs } from './helpers.ts';
import { api, apiLogin, createRoom, joinRoom, sendText, type ApiSession } from './matrixApi.ts';
import { TEST_USERS } from './testUsers.ts';

async function tagsOf(session: ApiSession, roomId: string): Promise<string[]> {
  const { tags } = await api<{ tags: Record<string, unknown> }>(
    session,
    'GET',
    `/user/${encodeURIComponent(session.userId)}/rooms/${encodeURIComponent(roomId)}/tags`,
  );
  return Object.keys(tags).sort();
}

/** Whether the room is still in the account's history (a left room is, until forgotten). */
async function inHistory(session: ApiSession, roomId: string): Promise<boolean> {
  const filter = encodeURIComponent(JSON.stringify({ room: { include_leave: true, timeline: { limit: 1 } } }));
  const sync = await api<{ rooms?: { leave?: Record<string, unknown> } }>(session, 'GET', `/sync?filter=${filter}`);
  return Object.hasOwn(sync.rooms?.leave ?? {}, roomId);
}

test('room options in the list: Favourite, Low priority, Mark as read, and Leave with Forget', async ({ browser, env }) => {
  test.setTimeout(120_000);
  const leonie = await apiLogin(env.homeserver, TEST_USERS.leonie);
  const colleague = await apiLogin(env.homeserver, TEST_USERS.marc);
  const name = `Veille juridique ${Date.now()}`;
  const roomId = await createRoom(colleague, { name, invite: [leonie.userId] });
  await joinRoom(leonie, roomId);
  await sendText(colleague, roomId, 'Nouvelle circulaire publiée.');

  const me = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.leonie);
  const rooms = me.page.getByRole('navigation', { name: 'Rooms' });
  const link = rooms.getByRole('link', { name: new RegExp(`^${name}`) });
  await expect(link).toHaveAccessibleName(/1 unread message/);

  // By keyboard: Tab from the room reaches its options (after Mark as read).
  await link.focus();
  await me.page.keyboard.press('Tab');
  await me.page.keyboard.press('Tab');
  const options = rooms.getByRole('button', { name: `Options for ${name}` });
  await expect(options).toBeFocused();
  await expect(options).toHaveAttribute('title', `Options for ${name}`);
  await me.page.keyboard.press('Enter');
  const menu = me.page.getByRole('menu', { name: `Options for ${name}` });
  await expect(menu.getByRole('menuitemcheckbox', { name: 'Favourite' })).not.toBeChecked();
  await expect(menu.getByRole('menuitemcheckbox', { name: 'Low priority' })).not.toBeChecked();
  await expect(menu.getByRole('menuitem', { name: 'Mark as read' })).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: 'Leave' })).toBeVisible();
  await expectAccessible(me.page);

  await menu.getByRole('menuitemcheckbox', { name: 'Favourite' }).click();
  await expect(
    rooms.getByRole('group', { name: 'Favourites' }).getByRole('link', { name: new RegExp(`^${name}`) }),
  ).toBeAttached();
  await expect.poll(() => tagsOf(leonie, roomId)).toEqual(['m.favourite']);

  // Low priority replaces Favourite, as in Room settings.
  await link.hover();
  await options.click();
  await expect(menu.getByRole('menuitemcheckbox', { name: 'Favourite' })).toBeChecked();
  await menu.getByRole('menuitemcheckbox', { name: 'Low priority' }).click();
  await expect(
    rooms.getByRole('group', { name: 'Low priority' }).getByRole('link', { name: new RegExp(`^${name}`) }),
  ).toBeAttached();
  await expect.poll(() => tagsOf(leonie, roomId)).toEqual(['m.lowpriority']);

  await link.hover();
  await options.click();
  await menu.getByRole('menuitem', { name: 'Mark as read' }).click();
  await expect(link).not.toHaveAccessibleName(/unread/);

  // Unticking puts it back among the rooms.
  await link.hover();
  await options.click();
  await menu.getByRole('menuitemcheckbox', { name: 'Low priority' }).click();
  await expect.poll(() => tagsOf(leonie, roomId)).toEqual([]);
  await expect(rooms.getByRole('group', { name: 'Rooms' }).getByRole('link', { name: new RegExp(`^${name}`) })).toBeAttached();

  // Leave asks first, and can forget the room too.
  await link.hover();
  await options.click();
  await menu.getByRole('menuitem', { name: 'Leave' }).click();
  const dialog = me.page.getByRole('dialog', { name: 'Leave room?' });
  await expect(dialog).toContainText(`You will no longer receive messages from ${name}.`);
  await dialog.getByRole('checkbox', { name: 'Also forget this room (it is removed from your history)' }).check();
  await dialog.getByRole('button', { name: 'Leave', exact: true }).click();
  await expect(link).toBeHidden({ timeout: 15_000 });
  await expect.poll(() => inHistory(leonie, roomId)).toBe(false);
  await me.context.close();
});

test('room options in French', async ({ browser, env }) => {
  const leonie = await apiLogin(env.homeserver, TEST_USERS.leonie);
  const name = `Bureau ${Date.now()}`;
  await createRoom(leonie, { name });
  const me = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.leonie, { locale: 'fr-FR' });
  const rooms = me.page.getByRole('navigation', { name: 'Salons' });
  await rooms.getByRole('link', { name: new RegExp(`^${name}`) }).hover();
  await rooms.getByRole('button', { name: `Options de ${name}` }).click();
  const menu = me.page.getByRole('menu', { name: `Options de ${name}` });
  await expect(menu.getByRole('menuitemcheckbox', { name: 'Favori' })).toBeVisible();
  await expect(menu.getByRole('menuitemcheckbox', { name: 'Priorité basse' })).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: 'Quitter' })).toBeVisible();
  await expectAccessible(me.page);
  await me.page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await me.context.close();
});
