import { expect, expectAccessible, test } from './fixtures.ts';
import { signInAs } from './helpers.ts';
import { api, apiLogin } from './matrixApi.ts';
import { TEST_USERS } from './testUsers.ts';

// A 1×1 PNG.
const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

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
    await invite.getByRole('combobox', { name: 'Name or Matrix ID' }).fill('@dave:localhost');
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
    await bobLog.getByRole('article').filter({ hasText: 'welcome' }).getByRole('button', { name: 'Reply', exact: true }).click();
    await bob.page.getByRole('textbox', { name: 'Message' }).fill('Thanks Carol');
    await bob.page.keyboard.press('Enter');
    const aliceLog = alice.page.getByRole('log', { name: roomName });
    const reply = aliceLog.getByRole('article').filter({ hasText: 'Thanks Carol' });
    await expect(reply).toBeVisible({ timeout: 30_000 });
    await expect(reply.getByText('In reply to carol')).toBeVisible();

    // Alice reacts to Bob's reply; Bob sees the reaction.
    await reply.hover();
    await reply.getByRole('button', { name: 'React' }).click();
    await alice.page.getByRole('dialog', { name: 'Emoji' }).getByRole('button', { name: 'React with thumbs up' }).click();
    await expect(
      bobLog.getByRole('article').filter({ hasText: 'Thanks Carol' }).getByRole('list', { name: 'Reactions' }),
    ).toContainText('👍');
    // The chip says who reacted, to the eye (tooltip) and to screen readers.
    await expect(
      bobLog
        .getByRole('article')
        .filter({ hasText: 'Thanks Carol' })
        .getByRole('button', { name: '\u{1F44D}\u{FE0F} reacted by carol' }),
    ).toHaveAttribute('title', '\u{1F44D}\u{FE0F} reacted by carol');

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

    // Typing shows on the other side; a message read by Dave shows "Seen by dave" to Carol.
    await bob.page.getByRole('textbox', { name: 'Message' }).fill('I am writ');
    await expect(alice.page.getByText('dave is typing…')).toBeVisible({ timeout: 15_000 });
    await bob.page.getByRole('textbox', { name: 'Message' }).fill('');
    await alice.page.getByRole('textbox', { name: 'Message' }).fill('Are you there?');
    await alice.page.keyboard.press('Enter');
    await expect(bobLog.getByText('Are you there?')).toBeVisible({ timeout: 30_000 });
    await expect(alice.page.getByText('Seen by dave')).toBeVisible({ timeout: 15_000 });

    // An image in the encrypted room: encrypted before upload, decrypted by Dave.
    await alice.page.locator('#composer-file').setInputFiles({ name: 'chart.png', mimeType: 'image/png', buffer: TINY_PNG });
    const sendFiles = alice.page.getByRole('dialog', { name: 'Send files' });
    await sendFiles.getByRole('button', { name: 'Send 1 file' }).click();
    await expect(sendFiles).toBeHidden();
    await expect(bobLog.getByRole('img', { name: 'chart.png' })).toBeVisible({ timeout: 30_000 });
    expect(
      await bobLog
        .getByRole('img', { name: 'chart.png' })
        .evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
    ).toBe(1);

    // A file over the server's limit is refused with a clear message and nothing is sent.
    await alice.page
      .locator('#composer-file')
      .setInputFiles({ name: 'huge.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(6 * 1024 * 1024) });
    await sendFiles.getByRole('button', { name: 'Send 1 file' }).click();
    await expect(sendFiles.getByRole('alert')).toContainText('“huge.bin” is 6.0 MB, over the 5.0 MB limit');
    await sendFiles.getByRole('button', { name: 'Cancel' }).click();

    await bob.page.screenshot({ path: 'test-results/screens/chat-room.png' });

    // Filtering the room list by name, accents and case ignored.
    const aliceRooms = alice.page.getByRole('navigation', { name: 'Rooms' });
    await aliceRooms.getByRole('searchbox', { name: 'Filter rooms' }).fill('PROJÉCT');
    await expect(aliceRooms.getByRole('link', { name: roomName })).toBeVisible();
    await aliceRooms.getByRole('searchbox', { name: 'Filter rooms' }).fill('no such room');
    await expect(aliceRooms.getByRole('link')).toHaveCount(0);
    await expect(aliceRooms.getByText('No room matches')).toBeVisible();

    await alice.context.close();
    await bob.context.close();
  });
});

test('a mention picked from autocomplete raises a desktop notification when the room is not in view', async ({
  browser,
  env,
}) => {
  test.setTimeout(120_000);
  // Desktop notifications follow the push rules; with the server's defaults every message would
  // notify (a room of two counts as one-to-one), so dave chooses "Mentions and keywords only" (as
  // Settings → Notifications writes it).
  const daveApi = await apiLogin(env.homeserver, TEST_USERS.dave);
  for (const rule of ['.m.rule.message', '.m.rule.encrypted', '.m.rule.room_one_to_one', '.m.rule.encrypted_room_one_to_one']) {
    await api(daveApi, 'PUT', `/pushrules/global/underride/${rule}/actions`, { actions: ['dont_notify'] });
  }
  const alice = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.carol);
  const bob = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.dave, {
    // Record notifications instead of showing them: the page's Notification is replaced before load.
    initScript: `window.__notifications = [];
      window.Notification = class { static permission = 'granted'; static requestPermission() { return Promise.resolve('granted'); }
        constructor(title, options) { window.__notifications.push({ title, body: options && options.body }); } };`,
  });
  const roomName = `Mentions ${Date.now()}`;
  await alice.page.getByRole('button', { name: 'New room' }).click();
  await alice.page.getByRole('dialog', { name: 'New room' }).getByRole('textbox', { name: 'Room name' }).fill(roomName);
  await alice.page.getByRole('dialog', { name: 'New room' }).getByRole('button', { name: 'Create' }).click();
  await alice.page.getByRole('button', { name: 'Invite' }).click();
  await alice.page
    .getByRole('dialog', { name: 'Invite someone' })
    .getByRole('combobox', { name: 'Name or Matrix ID' })
    .fill('@dave:localhost');
  await alice.page.getByRole('dialog', { name: 'Invite someone' }).getByRole('button', { name: 'Invite' }).click();
  await bob.page.getByRole('navigation', { name: 'Rooms' }).getByRole('link', { name: roomName }).click();
  await bob.page.getByRole('button', { name: 'Accept' }).click();
  await expect(bob.page.getByRole('textbox', { name: 'Message' })).toBeVisible();
  await bob.page.evaluate(() => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = '';
  });

  await alice.page.getByRole('textbox', { name: 'Message' }).fill('Ordinary message, no notification');
  await alice.page.keyboard.press('Enter');
  // Mention with autocomplete: "@da" proposes dave; Enter picks him.
  const composer = alice.page.getByRole('textbox', { name: 'Message' });
  await composer.pressSequentially('@da');
  const options = alice.page.getByRole('listbox', { name: 'People in this room' });
  await expect(options.getByRole('option', { name: /dave/ })).toBeVisible();
  await expectAccessible(alice.page);
  await composer.press('Enter');
  await expect(composer).toHaveValue('dave ');
  await composer.pressSequentially('can you review the budget?');
  await composer.press('Enter');
  await expect
    .poll(
      () =>
        bob.page.evaluate(
          () => (globalThis as unknown as { __notifications: { title: string; body: string }[] }).__notifications,
        ),
      {
        timeout: 30_000,
      },
    )
    .toEqual([{ title: roomName, body: 'carol: dave can you review the budget?' }]);
  await alice.context.close();
  await bob.context.close();
});

test('a direct message: started by ID, listed as direct, encrypted', async ({ browser, env }) => {
  test.setTimeout(120_000);
  const alice = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.ivan);
  const bob = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.judy);
  await alice.page.getByRole('button', { name: 'New direct message' }).click();
  const dialog = alice.page.getByRole('dialog', { name: 'New direct message' });
  await dialog.getByRole('combobox', { name: 'Name or Matrix ID' }).fill('@ivan:localhost');
  await dialog.getByRole('button', { name: 'Start' }).click();
  await expect(dialog.getByRole('alert')).toContainText('your own ID');
  await dialog.getByRole('combobox', { name: 'Name or Matrix ID' }).fill('@judy:localhost');
  await dialog.getByRole('button', { name: 'Start' }).click();
  await expect(alice.page.getByText('Encrypted', { exact: true })).toBeVisible();
  await expect(alice.page.getByRole('navigation', { name: 'Rooms' }).getByRole('link', { name: /Direct message/ })).toBeVisible({
    timeout: 15_000,
  });
  await alice.page.getByRole('textbox', { name: 'Message' }).fill('Just between us');
  await alice.page.keyboard.press('Enter');

  await bob.page.getByRole('navigation', { name: 'Rooms' }).getByRole('link', { name: /ivan/ }).click();
  await bob.page.getByRole('button', { name: 'Accept' }).click();
  await expect(bob.page.getByRole('log').getByText('Just between us')).toBeVisible({ timeout: 30_000 });
  await alice.context.close();
  await bob.context.close();
});

test('two people verify each other by emoji (SAS)', async ({ browser, env }) => {
  test.setTimeout(120_000);
  const alice = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.kim);
  const bob = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.leo);
  await alice.page.getByRole('button', { name: 'New direct message' }).click();
  await alice.page
    .getByRole('dialog', { name: 'New direct message' })
    .getByRole('combobox', { name: 'Name or Matrix ID' })
    .fill('@leo:localhost');
  await alice.page.getByRole('dialog', { name: 'New direct message' }).getByRole('button', { name: 'Start' }).click();
  await bob.page.getByRole('navigation', { name: 'Rooms' }).getByRole('link', { name: /kim/ }).click();
  await bob.page.getByRole('button', { name: 'Accept' }).click();

  await alice.page.getByRole('button', { name: 'Verify leo' }).click({ timeout: 30_000 });
  const incoming = bob.page.getByRole('dialog', { name: 'Verify @kim:localhost' });
  await expect(incoming).toContainText('wants to verify', { timeout: 30_000 });
  await incoming.getByRole('button', { name: 'Verify' }).click();

  const aliceDialog = alice.page.getByRole('dialog', { name: 'Verify @leo:localhost' });
  const aliceEmoji = aliceDialog.getByRole('list', { name: 'Emoji to compare' }).getByRole('listitem');
  const bobEmoji = incoming.getByRole('list', { name: 'Emoji to compare' }).getByRole('listitem');
  await expect(aliceEmoji).toHaveCount(7, { timeout: 30_000 });
  await expect(bobEmoji).toHaveCount(7);
  expect(await aliceEmoji.allTextContents()).toEqual(await bobEmoji.allTextContents());
  await expectAccessible(alice.page);

  await aliceDialog.getByRole('button', { name: 'They match' }).click();
  await incoming.getByRole('button', { name: 'They match' }).click();
  await expect(aliceDialog).toContainText('@leo:localhost is verified', { timeout: 30_000 });
  await expect(incoming).toContainText('@kim:localhost is verified', { timeout: 30_000 });
  // The request is an event of the conversation, said in the person's language, and says how it ended.
  await aliceDialog.getByRole('button', { name: 'Close' }).click();
  await expect(alice.page.getByRole('log').getByText('kim asked leo for a verification. Verified.')).toBeVisible({
    timeout: 30_000,
  });
  await alice.context.close();
  await bob.context.close();
});
