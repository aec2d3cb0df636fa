// The Members panel (issue 18, point 2): people by role with a filter and Invite; a person's card with
// Message, Verify and their verification; Remove and Ban with a reason for moderators, checked on the server.
import { expect, expectAccessible, test } from './fixtures.ts';
import { signInAs } from './helpers.ts';
import { api, apiLogin, type ApiSession } from './matrixApi.ts';
import { TEST_USERS } from './testUsers.ts';

async function memberEvent(session: ApiSession, roomId: string, userId: string) {
  const members = await api<{ chunk: { state_key: string; content: { membership: string; reason?: string } }[] }>(
    session,
    'GET',
    `/rooms/${encodeURIComponent(roomId)}/members`,
  );
  return members.chunk.find((m) => m.state_key === userId)?.content ?? null;
}

async function roomWithMembers(homeserver: string, name: string) {
  const admin = await apiLogin(homeserver, TEST_USERS.armand);
  const member = await apiLogin(homeserver, TEST_USERS.berthe);
  const removed = await apiLogin(homeserver, TEST_USERS.casimir);
  const { room_id: roomId } = await api<{ room_id: string }>(admin, 'POST', '/createRoom', {
    name,
    preset: 'private_chat',
    invite: [member.userId, removed.userId],
    power_level_content_override: { users: { [admin.userId]: 100, [member.userId]: 50 } },
  });
  await api(member, 'POST', `/rooms/${encodeURIComponent(roomId)}/join`, {});
  await api(removed, 'POST', `/rooms/${encodeURIComponent(roomId)}/join`, {});
  return { admin, member, removed, roomId };
}

test('Members lists people by role; an admin removes then bans someone with a reason; a member cannot', async ({
  browser,
  env,
}) => {
  test.setTimeout(120_000);
  const { admin, removed, roomId } = await roomWithMembers(env.homeserver, 'Comité de pilotage');
  const me = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.armand);
  await me.page
    .getByRole('navigation', { name: 'Rooms' })
    .getByRole('link', { name: /Comité de pilotage/ })
    .click();
  await me.page.getByRole('button', { name: 'Members', exact: true }).click();
  const panel = me.page.getByRole('complementary', { name: 'Members' });
  await expect(panel.getByRole('region', { name: /Admins/ })).toContainText('armand');
  await expect(panel.getByRole('region', { name: /Moderators/ })).toContainText('berthe');
  await expect(panel.getByRole('region', { name: /^Members/ })).toContainText('casimir');
  await expectAccessible(me.page);
  await panel.getByRole('searchbox', { name: 'Filter members' }).fill('cas');
  await expect(panel.getByRole('status')).toHaveText('1 person matches');

  await panel.getByRole('button', { name: /casimir/ }).click();
  const card = me.page.getByRole('complementary', { name: 'casimir' });
  await expect(card).toContainText('@casimir:localhost');
  await expect(card.getByRole('button', { name: 'Message' })).toBeVisible();
  await expect(card).toContainText('Not verified by you');
  await expectAccessible(me.page);
  await card.getByRole('button', { name: 'Remove from room' }).click();
  const removeDialog = me.page.getByRole('dialog', { name: 'Remove casimir?' });
  await removeDialog.getByRole('textbox', { name: 'Reason (optional)' }).fill('Hors sujet');
  await removeDialog.getByRole('button', { name: 'Remove from room' }).click();
  await expect.poll(() => memberEvent(admin, roomId, removed.userId)).toEqual({ membership: 'leave', reason: 'Hors sujet' });

  // Back in the list; casimir comes back, and is banned this time.
  await api(admin, 'POST', `/rooms/${encodeURIComponent(roomId)}/invite`, { user_id: removed.userId });
  await api(removed, 'POST', `/rooms/${encodeURIComponent(roomId)}/join`, {});
  await panel.getByRole('searchbox', { name: 'Filter members' }).fill('');
  await panel.getByRole('button', { name: /casimir/ }).click();
  await card.getByRole('button', { name: 'Ban' }).click();
  const banDialog = me.page.getByRole('dialog', { name: 'Ban casimir?' });
  await expect(banDialog).toContainText('cannot come back until a moderator lifts the ban');
  await banDialog.getByRole('button', { name: 'Ban' }).click();
  await expect.poll(async () => (await memberEvent(admin, roomId, removed.userId))?.membership).toBe('ban');
  await expect(panel).toBeVisible();
  await me.context.close();
});

test('in French: Membres, a moderator sees no Remove for the admin, and Écrire opens a conversation', async ({
  browser,
  env,
}) => {
  test.setTimeout(120_000);
  await roomWithMembers(env.homeserver, 'Groupe de travail');
  const me = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.berthe, { locale: 'fr-FR' });
  await me.page
    .getByRole('navigation', { name: 'Salons' })
    .getByRole('link', { name: /Groupe de travail/ })
    .click();
  await me.page.getByRole('button', { name: 'Membres', exact: true }).click();
  const panel = me.page.getByRole('complementary', { name: 'Membres' });
  await expect(panel.getByRole('region', { name: /Administrateurs/ })).toContainText('armand');
  await panel.getByRole('button', { name: /armand/ }).click();
  const card = me.page.getByRole('complementary', { name: 'armand' });
  await expect(card).toContainText('Administrateur');
  await expect(card.getByRole('button', { name: 'Retirer du salon' })).toHaveCount(0);
  await expect(card.getByRole('button', { name: 'Bannir' })).toHaveCount(0);
  await expectAccessible(me.page);
  await card.getByRole('button', { name: 'Écrire' }).click();
  await expect(me.page.getByText('Chiffré', { exact: true })).toBeVisible({ timeout: 15_000 });
  await me.context.close();
});
