// Finding people by name (issue 18, point 1): "New direct message" and "Invite" search the homeserver's
// user directory as one types, show avatar, name and Matrix ID, and still take a full Matrix ID.
import { expect, expectAccessible, test } from './fixtures.ts';
import { signInAs } from './helpers.ts';
import { api, apiLogin, type ApiSession } from './matrixApi.ts';
import { TEST_USERS } from './testUsers.ts';

const NAMES = { jules: 'Jules Ferry', julie: 'Julie Martin', capucine: 'Capucine Éloïse Roux' } as const;

/** Names as the colleagues set them, and the directory knows them (it indexes in the background). */
async function nameColleagues(homeserver: string): Promise<ApiSession> {
  for (const [username, name] of Object.entries(NAMES)) {
    const session = await apiLogin(homeserver, TEST_USERS[username as keyof typeof NAMES]);
    await api(session, 'PUT', `/profile/${encodeURIComponent(session.userId)}/displayname`, {
      displayname: name,
    });
  }
  const searcher = await apiLogin(homeserver, TEST_USERS.bastien);
  await expect
    .poll(
      async () =>
        (
          await api<{ results: { user_id: string }[] }>(searcher, 'POST', '/user_directory/search', {
            search_term: 'roux',
          })
        ).results.length,
      { timeout: 15_000 },
    )
    .toBe(1);
  return searcher;
}

async function membership(session: ApiSession, roomId: string, userId: string): Promise<string | null> {
  const members = await api<{ chunk: { state_key: string; content: { membership: string } }[] }>(
    session,
    'GET',
    `/rooms/${encodeURIComponent(roomId)}/members`,
  );
  return members.chunk.find((m) => m.state_key === userId)?.content.membership ?? null;
}

test('New direct message finds a colleague by part of their name, with their Matrix ID, and starts the conversation', async ({
  browser,
  env,
}) => {
  test.setTimeout(120_000);
  const searcher = await nameColleagues(env.homeserver);
  const me = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.bastien);
  await me.page.getByRole('button', { name: 'New direct message' }).click();
  const dialog = me.page.getByRole('dialog', { name: 'New direct message' });
  const field = dialog.getByRole('combobox', { name: 'Name or Matrix ID' });
  await field.fill('jul');
  const results = dialog.getByRole('listbox', { name: 'People found' });
  await expect(results.getByRole('option', { name: /Jules Ferry/ })).toContainText('@jules:localhost');
  await expect(results.getByRole('option', { name: /Julie Martin/ })).toContainText('@julie:localhost');
  await expect(field).toHaveAttribute('aria-expanded', 'true');
  await expectAccessible(me.page);

  // Any word of the name counts. (Accents are folded for people one shares rooms with; the directory
  // folds them only where the server does: Synapse on SQLite does not, so "eloise" is not tried here.)
  await field.fill('ROUX');
  await expect(results.getByRole('option')).toHaveText([/Capucine Éloïse Roux/]);

  // By keyboard: the first match is highlighted, Enter picks it; the choice shows with Remove.
  await field.fill('jules');
  await expect(results.getByRole('option', { name: /Jules Ferry/ })).toHaveAttribute('aria-selected', 'true');
  await field.press('Enter');
  await expect(dialog.getByRole('list', { name: 'Chosen' })).toContainText('Jules Ferry');
  await expect(dialog.getByRole('button', { name: 'Remove Jules Ferry' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Start' }).click();
  await expect(dialog).toBeHidden();
  await expect(me.page.getByText('Encrypted', { exact: true })).toBeVisible({ timeout: 15_000 });
  const roomId = decodeURIComponent(/#\/room\/([^/]+)/.exec(me.page.url())?.[1] ?? '');
  expect(roomId).toMatch(/^!/);
  expect(await membership(searcher, roomId, '@jules:localhost')).toBe('invite');
  await me.context.close();
});

test('Invite takes several people, found by name or typed as a full Matrix ID, and skips members', async ({ browser, env }) => {
  test.setTimeout(120_000);
  const searcher = await nameColleagues(env.homeserver);
  const room = await api<{ room_id: string }>(searcher, 'POST', '/createRoom', {
    name: 'Équipe budget',
    preset: 'private_chat',
  });
  await api(searcher, 'POST', `/rooms/${encodeURIComponent(room.room_id)}/invite`, {
    user_id: '@jules:localhost',
  });
  const me = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.bastien);
  await me.page
    .getByRole('navigation', { name: 'Rooms' })
    .getByRole('link', { name: /Équipe budget/ })
    .click();
  await me.page.getByRole('button', { name: 'Invite', exact: true }).click();
  const dialog = me.page.getByRole('dialog', { name: 'Invite someone' });
  const field = dialog.getByRole('combobox', { name: 'Name or Matrix ID' });
  await field.fill('jul');
  const results = dialog.getByRole('listbox', { name: 'People found' });
  // Jules is already invited: only Julie is offered.
  await expect(results.getByRole('option')).toHaveText([/Julie Martin/]);
  await results.getByRole('option', { name: /Julie Martin/ }).click();
  await field.fill('@capucine:localhost');
  await dialog.getByRole('button', { name: 'Invite', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(() => membership(searcher, room.room_id, '@julie:localhost')).toBe('invite');
  await expect.poll(() => membership(searcher, room.room_id, '@capucine:localhost')).toBe('invite');

  // Something that is neither a person found nor a Matrix ID is refused with what to do instead.
  await me.page.getByRole('button', { name: 'Invite', exact: true }).click();
  await field.fill('nobody by that name');
  await expect(dialog.getByRole('status')).toContainText('No one found for “nobody by that name”');
  await dialog.getByRole('button', { name: 'Invite', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText('type a full Matrix ID');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await me.context.close();
});

test('in French: the same search, labelled in French', async ({ browser, env }) => {
  test.setTimeout(120_000);
  await nameColleagues(env.homeserver);
  const me = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.bastien, { locale: 'fr-FR' });
  await me.page.getByRole('button', { name: 'Nouveau message direct' }).click();
  const dialog = me.page.getByRole('dialog', { name: 'Nouveau message direct' });
  await dialog.getByRole('combobox', { name: 'Nom ou identifiant Matrix' }).fill('mart');
  await expect(dialog.getByRole('listbox', { name: 'Personnes trouvées' }).getByRole('option')).toHaveText([/Julie Martin/]);
  await dialog.getByRole('option', { name: /Julie Martin/ }).click();
  await expect(dialog.getByRole('button', { name: 'Retirer Julie Martin' })).toBeVisible();
  await expectAccessible(me.page);
  await dialog.getByRole('combobox', { name: 'Nom ou identifiant Matrix' }).fill('personne');
  await expect(dialog.getByRole('status')).toContainText('Personne ne correspond à « personne »');
  await dialog.getByRole('button', { name: 'Annuler' }).click();
  await me.context.close();
});
