// Confirmations before what cannot easily be undone (issue 18, point 6): "Leave room?" with what leaving
// means for this room, and forgetting it; "Sign out?" when encrypted messages have no key backup, with
// "Set up recovery" offered first.
import { expect, expectAccessible, test } from './fixtures.ts';
import { signInAs } from './helpers.ts';
import { api, apiLogin, type ApiSession } from './matrixApi.ts';
import { TEST_USERS } from './testUsers.ts';

async function privateRoomWith(owner: ApiSession, member: ApiSession, name: string): Promise<string> {
  const { room_id: roomId } = await api<{ room_id: string }>(owner, 'POST', '/createRoom', {
    name,
    preset: 'private_chat',
    invite: [member.userId],
  });
  await api(member, 'POST', `/rooms/${encodeURIComponent(roomId)}/join`, {});
  return roomId;
}

async function membershipOf(session: ApiSession, roomId: string, userId: string): Promise<string | null> {
  const members = await api<{ chunk: { state_key: string; content: { membership: string } }[] }>(
    session,
    'GET',
    `/rooms/${encodeURIComponent(roomId)}/members`,
  );
  return members.chunk.find((m) => m.state_key === userId)?.content.membership ?? null;
}

/** Whether the room is still in the account's history (a left room is, until forgotten). */
async function inHistory(session: ApiSession, roomId: string): Promise<boolean> {
  const filter = encodeURIComponent(JSON.stringify({ room: { include_leave: true, timeline: { limit: 1 } } }));
  const sync = await api<{ rooms?: { leave?: Record<string, unknown> } }>(session, 'GET', `/sync?filter=${filter}`);
  return Object.hasOwn(sync.rooms?.leave ?? {}, roomId);
}

test('Leave room? warns that a private room needs a new invitation; Cancel keeps it; Leave with Forget removes it', async ({
  browser,
  env,
}) => {
  test.setTimeout(120_000);
  const leaver = await apiLogin(env.homeserver, TEST_USERS.lina);
  const colleague = await apiLogin(env.homeserver, TEST_USERS.marc);
  const kept = await privateRoomWith(colleague, leaver, 'Cellule de crise');
  const forgotten = await privateRoomWith(colleague, leaver, 'Ancien projet');
  const me = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.lina);
  const rooms = me.page.getByRole('navigation', { name: 'Rooms' });

  await rooms.getByRole('link', { name: /Cellule de crise/ }).click();
  await me.page.getByRole('button', { name: 'Leave', exact: true }).click();
  const dialog = me.page.getByRole('dialog', { name: 'Leave room?' });
  await expect(dialog).toContainText('You will no longer receive messages from Cellule de crise.');
  await expect(dialog).toContainText('only come back if someone invites you again');
  await expectAccessible(me.page);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect(await membershipOf(colleague, kept, leaver.userId)).toBe('join');

  await rooms.getByRole('link', { name: /Ancien projet/ }).click();
  await me.page.getByRole('button', { name: 'Leave', exact: true }).click();
  await dialog.getByRole('checkbox', { name: 'Also forget this room (it is removed from your history)' }).check();
  await dialog.getByRole('button', { name: 'Leave', exact: true }).click();
  await expect(rooms.getByRole('link', { name: /Ancien projet/ })).toBeHidden({ timeout: 15_000 });
  await expect.poll(() => membershipOf(colleague, forgotten, leaver.userId)).toBe('leave');
  await expect.poll(() => inHistory(leaver, forgotten)).toBe(false);
  await me.context.close();
});

test('Sign out? with encrypted rooms and no key backup: Set up recovery comes first, Sign out anyway still works', async ({
  browser,
  env,
}) => {
  test.setTimeout(120_000);
  const me = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.norbert);
  await me.page.getByRole('button', { name: 'New room' }).click();
  const newRoom = me.page.getByRole('dialog', { name: 'New room' });
  await newRoom.getByRole('textbox', { name: 'Room name' }).fill('Notes chiffrées');
  await newRoom.getByRole('button', { name: 'Create' }).click();
  await expect(me.page.getByText('Encrypted', { exact: true })).toBeVisible({ timeout: 15_000 });

  await me.page.getByRole('button', { name: 'Sign out', exact: true }).click();
  const warning = me.page.getByRole('dialog', { name: 'Sign out?' });
  await expect(warning).toContainText('key backup is not set up');
  await expectAccessible(me.page);
  await warning.getByRole('button', { name: 'Set up recovery' }).click();
  const recovery = me.page.getByRole('dialog', { name: 'Set up message recovery' });
  await expect(recovery).toBeVisible();
  await recovery.getByRole('button', { name: 'Later' }).click();

  await me.page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await warning.getByRole('button', { name: 'Cancel' }).click();
  await expect(me.page.getByRole('navigation', { name: 'Rooms' })).toBeVisible();
  await me.page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await warning.getByRole('button', { name: 'Sign out anyway' }).click();
  await expect(me.page.getByRole('heading', { name: 'Sign in' })).toBeVisible({ timeout: 15_000 });
  await me.context.close();
});

test('in French: Quitter le salon ?', async ({ browser, env }) => {
  test.setTimeout(120_000);
  const leaver = await apiLogin(env.homeserver, TEST_USERS.lina);
  const colleague = await apiLogin(env.homeserver, TEST_USERS.marc);
  await privateRoomWith(colleague, leaver, 'Salon du mardi');
  const me = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.lina, { locale: 'fr-FR' });
  await me.page
    .getByRole('navigation', { name: 'Salons' })
    .getByRole('link', { name: /Salon du mardi/ })
    .click();
  await me.page.getByRole('button', { name: 'Quitter', exact: true }).click();
  const dialog = me.page.getByRole('dialog', { name: 'Quitter le salon ?' });
  await expect(dialog).toContainText('Ce salon est privé');
  await expect(dialog.getByRole('checkbox', { name: /Oublier aussi ce salon/ })).toBeVisible();
  await expectAccessible(me.page);
  await dialog.getByRole('button', { name: 'Annuler' }).click();
  await me.context.close();
});
