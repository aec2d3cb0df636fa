// Composer commands (issue 17.4, first part): /me sends an action, /plain sends Markdown as typed, /topic
// changes the room's topic, and a command Relais does not know is explained, not sent.
import { expect, test } from './fixtures.ts';
import { signInAs } from './helpers.ts';
import { apiLogin, createRoom, roomEvents } from './matrixApi.ts';
import { TEST_USERS } from './testUsers.ts';

test('/me, /plain, /topic, and an unknown command', async ({ browser, env }) => {
  const amelie = await apiLogin(env.homeserver, TEST_USERS.amelie);
  const roomName = `Commandes ${Date.now().toString(36)}`;
  const roomId = await createRoom(amelie, { name: roomName });
  const { context, page } = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.amelie);
  await page
    .getByRole('navigation', { name: 'Rooms' })
    .getByRole('link', { name: new RegExp(`^${roomName}`) })
    .click();
  const composer = page.getByRole('textbox', { name: 'Message' });
  const log = page.getByRole('log', { name: roomName });

  await composer.fill('/me arrive dans cinq minutes');
  await composer.press('Enter');
  await expect(log.getByText('arrive dans cinq minutes')).toBeVisible();

  await composer.fill('/plain **pas en gras**');
  await composer.press('Enter');
  await expect(log.getByText('**pas en gras**')).toBeVisible();

  await composer.fill('/topic Budget 2027 : arbitrages');
  await composer.press('Enter');
  await expect(page.getByRole('banner').or(page.locator('.room-header')).getByText('Budget 2027 : arbitrages')).toBeVisible();

  await composer.fill('/shrug');
  await composer.press('Enter');
  await expect(page.getByRole('alert')).toContainText('“/shrug” is not a command');
  await expect(composer).toHaveValue('/shrug');

  // What the server holds: an emote, and the /plain text without HTML.
  await expect
    .poll(async () => {
      const events = await roomEvents(amelie, roomId);
      return events
        .filter((e) => e.type === 'm.room.message')
        .map((e) => `${String(e.content.msgtype)}|${String(e.content.body)}|${'formatted_body' in e.content ? 'html' : 'plain'}`);
    })
    .toEqual(expect.arrayContaining(['m.emote|arrive dans cinq minutes|plain', 'm.text|**pas en gras**|plain']));
  await context.close();
});
