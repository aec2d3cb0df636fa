import { expect, expectAccessible, test } from './fixtures.ts';
import { signInAs } from './helpers.ts';
import { TEST_USERS } from './testUsers.ts';

test.describe('chat between two users on a real Synapse', () => {
  test('create an encrypted room, invite, join, and talk both ways with reply, edit and reaction', async ({ browser, env }) => {
    test.setTimeout(120_000);
    const alice = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.carol);
    const bob = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.dave);
    const roomName = `Project ${Date.now()}`;

    // Alice creates an encrypted room and invites Bob.
    await alice.page.getByRole('button', { name: 'New room' }).click();
    const dialog = alice.page.getByRole('dialog', { name: 'New room' });
    await expectAccessible(alice.page);
    await dialog.getByRole('textbox', { name: 'Room name' }).fill(roomName);
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect(alice.page.getByRole('heading', { name: roomName })).toBeVisible();
    await expect(alice.page.getByText('Encrypted', { exact: true })).toBeVisible();
    await alice.page.getByRole('button', { name: 'Invite' }).click();
    const invite = alice.page.getByRole('dialog', { name: 'Invite someone' });
    await invite.getByRole('textbox', { name: 'User ID' }).fill('@dave:localhost');
    await invite.getByRole('button', { name: 'Invite' }).click();
    await expect(invite).toBeHidden();

    // Bob sees the invitation and accepts it.
    const bobRooms = bob.page.getByRole('navigation', { name: 'Rooms' });
    await bobRooms.getByRole('link', { name: roomName }).click();
    await bob.page.getByRole('button', { name: 'Accept' }).click();
    await expect(bob.page.getByRole('textbox', { name: 'Message' })).toBeVisible();
    await expectAccessible(bob.page);

    // Alice writes; Bob reads it decrypted.
    await alice.page.getByRole('textbox', { name: 'Message' }).fill('Hello Dave, **welcome**!');
    await alice.page.getByRole('button', { name: 'Send' }).click();
    const bobLog = bob.page.getByRole('log', { name: roomName });
    await expect(bobLog.getByText('welcome')).toBeVisible({ timeout: 30_000 });
    await expect(bobLog.locator('strong', { hasText: 'welcome' })).toBeVisible();

    // Bob replies to it; Alice sees the reply with its context.
    await bobLog.getByRole('article').filter({ hasText: 'welcome' }).getByRole('button', { name: 'Reply' }).click();
    await bob.page.getByRole('textbox', { name: 'Message' }).fill('Thanks Carol');
    await bob.page.keyboard.press('Enter');
    const aliceLog = alice.page.getByRole('log', { name: roomName });
    const reply = aliceLog.getByRole('article').filter({ hasText: 'Thanks Carol' });
    await expect(reply).toBeVisible({ timeout: 30_000 });
    await expect(reply.getByText('In reply to carol')).toBeVisible();

    // Alice reacts to Bob's reply; Bob sees the reaction.
    await reply.getByRole('button', { name: 'React with thumbs up' }).click();
    await expect(
      bobLog.getByRole('article').filter({ hasText: 'Thanks Carol' }).getByRole('list', { name: 'Reactions' }),
    ).toContainText('👍');

    // Alice edits her last message with the Up arrow; Bob sees the edit.
    await alice.page.getByRole('textbox', { name: 'Message' }).focus();
    await alice.page.keyboard.press('ArrowUp');
    await expect(alice.page.getByRole('textbox', { name: 'Message' })).toHaveValue('Hello Dave, **welcome**!');
    await alice.page.getByRole('textbox', { name: 'Message' }).fill('Hello Dave, welcome aboard!');
    await alice.page.keyboard.press('Enter');
    const edited = bobLog.getByRole('article', { name: /^carol,/ }).first();
    await expect(edited.getByText('Hello Dave, welcome aboard!')).toBeVisible({ timeout: 30_000 });
    await expect(edited.getByText('(edited)')).toBeVisible();
    await expectAccessible(alice.page);

    await alice.context.close();
    await bob.context.close();
  });
});
