// Keyboard (issue 16.5): a skip link to the composer, Ctrl+K "Switch room", Alt+↑/↓ between rooms,
// Alt+Shift+↓ to the next room with unread messages, Ctrl+/ "Keyboard shortcuts", Escape closing dialogs.
import { expect, test } from './fixtures.ts';
import { signInAs } from './helpers.ts';
import { apiLogin, createRoom, joinRoom, sendText } from './matrixApi.ts';
import { TEST_USERS } from './testUsers.ts';

test('moving around Relais from the keyboard alone', async ({ browser, env }) => {
  const stamp = Date.now().toString(36);
  const vera = await apiLogin(env.homeserver, TEST_USERS.vera);
  const wendy = await apiLogin(env.homeserver, TEST_USERS.wendy);
  const names = ['Alpha', 'Beta', 'Gamma'].map((n) => `Kb ${n} ${stamp}`);
  const ids: string[] = [];
  for (const name of names) {
    const roomId = await createRoom(vera, { name, invite: [wendy.userId] });
    await joinRoom(wendy, roomId);
    await sendText(vera, roomId, `Welcome to ${name}`);
    ids.push(roomId);
  }
  const { context, page } = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.vera);
  const rooms = page.getByRole('navigation', { name: 'Rooms' });
  for (const name of names)
    await expect(rooms.getByRole('link', { name: new RegExp(`^${name}`) })).toBeVisible({ timeout: 30_000 });
  const heading = page.getByRole('heading', { level: 1 });

  // Ctrl+K: type part of a name, Enter.
  await page.keyboard.press('Control+k');
  const switcher = page.getByRole('dialog', { name: 'Switch room' });
  await expect(switcher).toBeVisible();
  await expect(switcher.getByRole('combobox', { name: 'Room name' })).toBeFocused();
  await page.keyboard.type(`beta ${stamp}`);
  await expect(switcher.getByRole('option', { name: new RegExp(names[1] ?? '') })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(switcher).toBeHidden();
  await expect(heading).toHaveText(names[1] ?? '');

  // The skip link is the first stop from the top of the page, and lands in the composer.
  await page.locator('body').focus();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('button', { name: 'Skip to composer' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeFocused();

  // Alt+↓ / Alt+↑ follow the room list's order.
  const order = (await rooms.getByRole('link').allTextContents()).map((text) => names.find((name) => text.includes(name)));
  const at = order.indexOf(names[1]);
  const below = order[(at + 1) % order.length] ?? '';
  await page.keyboard.press('Alt+ArrowDown');
  await expect(heading).toHaveText(below);
  await page.keyboard.press('Alt+ArrowUp');
  await expect(heading).toHaveText(names[1] ?? '');

  // Alt+Shift+↓: to the room where something new arrived.
  await sendText(wendy, ids[2] ?? '', 'Something new in Gamma');
  await expect(rooms.getByRole('link', { name: new RegExp(`^${names[2]}.*unread`) })).toBeVisible({ timeout: 15_000 });
  await page.keyboard.press('Alt+Shift+ArrowDown');
  await expect(heading).toHaveText(names[2] ?? '');

  // Ctrl+/ lists the shortcuts; Escape closes and focus comes back.
  await page.keyboard.press('Control+/');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help.getByText('Next room with unread messages')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await context.close();
});
