// Search (issue 16.7): a message one has just sent is found at once (not after the next sign-in), and
// the search can be kept to one room.
import { expect, test } from './fixtures.ts';
import { signInAs } from './helpers.ts';
import { apiLogin, createRoom, sendText } from './matrixApi.ts';
import { TEST_USERS } from './testUsers.ts';

test('finds a message just sent, and keeps to one room when asked', async ({ browser, env }) => {
  const stamp = Date.now().toString(36);
  const yvette = await apiLogin(env.homeserver, TEST_USERS.yvette);
  const budget = `Budget ${stamp}`;
  const other = `Other ${stamp}`;
  await createRoom(yvette, { name: budget, encrypted: true });
  const otherId = await createRoom(yvette, { name: other });
  await sendText(yvette, otherId, `quarterly figures ${stamp} elsewhere`);
  const { context, page } = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.yvette);
  await page
    .getByRole('navigation', { name: 'Rooms' })
    .getByRole('link', { name: new RegExp(`^${budget}`) })
    .click();
  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.fill(`The quarterly figures ${stamp} are in`);
  await composer.press('Enter');
  await expect(page.getByRole('main').getByText(`The quarterly figures ${stamp} are in`)).toBeVisible();

  await page.getByRole('button', { name: 'Search messages' }).click();
  const dialog = page.getByRole('dialog', { name: 'Search messages' });
  await dialog.getByRole('searchbox', { name: 'Search' }).fill(`quarterly ${stamp}`);
  // Both rooms: the message sent a moment ago from this device (encrypted room) and the other room's.
  await expect(dialog.getByRole('status')).toHaveText('2 messages found', { timeout: 15_000 });
  await dialog.getByRole('combobox', { name: 'In' }).selectOption({ label: budget });
  await expect(dialog.getByRole('status')).toHaveText('1 message found');
  await expect(dialog.getByRole('list', { name: 'Results' }).getByRole('button')).toContainText('are in');
  await dialog.getByRole('combobox', { name: 'In' }).selectOption({ label: 'All rooms' });
  await expect(dialog.getByRole('status')).toHaveText('2 messages found');
  await context.close();
});
