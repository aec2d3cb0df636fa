// Search (issue 16.7): a message one has just sent is found at once (not after the next sign-in), the
// search can be kept to one room, and a result opens its room at the message, however far back.
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
  // .first(): for a moment it is both in the timeline and in "Waiting to be sent".
  await expect(page.getByRole('main').getByText(`The quarterly figures ${stamp} are in`).first()).toBeVisible();

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

test('a result far back opens the room at that message, marked and focused; Jump to latest comes back', async ({
  browser,
  env,
}) => {
  test.setTimeout(180_000);
  const stamp = Date.now().toString(36);
  const yvette = await apiLogin(env.homeserver, TEST_USERS.yvette);
  const name = `Archive ${stamp}`;
  const elsewhere = `Elsewhere ${stamp}`;
  const roomId = await createRoom(yvette, { name });
  await createRoom(yvette, { name: elsewhere });
  await sendText(yvette, roomId, `The tender deadline ${stamp} is 14 March`);
  await sendText(yvette, roomId, 'Noted, thanks');

  const { context, page } = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.yvette);
  const rooms = page.getByRole('navigation', { name: 'Rooms' });
  const log = page.getByRole('log', { name });
  const old = log.getByRole('article').filter({ hasText: `The tender deadline ${stamp}` });
  // Seen once on this device, so it is in the local index (search never asks the server).
  await rooms.getByRole('link', { name: new RegExp(`^${name}`) }).click();
  await expect(old).toBeVisible({ timeout: 30_000 });

  // Sixty messages arrive while elsewhere: opened again, the room holds its recent ones, not the old one.
  await rooms.getByRole('link', { name: new RegExp(`^${elsewhere}`) }).click();
  for (let i = 1; i <= 60; i++) await sendText(yvette, roomId, `Later note ${i}`);
  await rooms.getByRole('link', { name: new RegExp(`^${name}`) }).click();
  const newest = log.getByRole('article').filter({ hasText: 'Later note 60' });
  await expect(newest).toBeVisible({ timeout: 30_000 });
  const historyPages: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/messages?')) historyPages.push(request.url());
  });

  await page.getByRole('button', { name: 'Search messages' }).click();
  const dialog = page.getByRole('dialog', { name: 'Search messages' });
  await dialog.getByRole('searchbox', { name: 'Search' }).fill(`tender ${stamp}`);
  await expect(dialog.getByRole('status')).toHaveText('1 message found', { timeout: 15_000 });
  await dialog.getByRole('list', { name: 'Results' }).getByRole('button').click();
  await expect(dialog).toBeHidden();

  // In the room, at the message: in view, marked as the current one, and where the focus is.
  await expect(old).toBeInViewport({ timeout: 15_000 });
  // It was not loaded: the jump read history back to it.
  expect(historyPages.length).toBeGreaterThan(0);
  await expect(old).toHaveAttribute('aria-current', 'true');
  await expect(old).toHaveClass(/message-highlighted/);
  await expect(old).toBeFocused();
  await expect(newest).not.toBeInViewport();
  expect(page.url()).toContain('/event/');

  const jump = page.getByRole('button', { name: 'Jump to latest' });
  await jump.click();
  await expect(newest).toBeInViewport();
  await expect(jump).toHaveCount(0);
  await expect(newest).toBeFocused();
  expect(page.url()).not.toContain('/event/');
  await context.close();
});
