import { expect, expectAccessible, test } from './fixtures.ts';
import { signOut } from './helpers.ts';
import { TEST_USERS } from './testUsers.ts';

test.describe('sign-in against a real Synapse', () => {
  test('a registered user signs in and reaches the empty room list', async ({ page, env }) => {
    await page.goto(env.webUrl);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expectAccessible(page);

    await page.getByRole('textbox', { name: 'Homeserver' }).fill(env.homeserver);
    await page.getByRole('textbox', { name: 'Username' }).fill(TEST_USERS.alice.username);
    await page.getByRole('textbox', { name: 'Password' }).fill(TEST_USERS.alice.password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    const rooms = page.getByRole('navigation', { name: 'Rooms' });
    await expect(rooms).toBeVisible();
    await expect(rooms.getByText('No conversations yet')).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Online' })).toBeVisible();
    await expect(page.getByText('Signed in as @alice:localhost')).toBeVisible();
    await expectAccessible(page);
  });

  test('a wrong password says so and keeps what was typed', async ({ page, env }) => {
    await page.goto(env.webUrl);
    await page.getByRole('textbox', { name: 'Homeserver' }).fill(env.homeserver);
    await page.getByRole('textbox', { name: 'Username' }).fill(TEST_USERS.alice.username);
    await page.getByRole('textbox', { name: 'Password' }).fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();

    await expect(page.getByRole('alert')).toHaveText('Incorrect username or password. Check them and try again.');
    await expect(page.getByRole('alert')).toBeFocused();
    await expect(page.getByRole('textbox', { name: 'Username' })).toHaveValue(TEST_USERS.alice.username);
    await expect(page.getByRole('navigation', { name: 'Rooms' })).toHaveCount(0);
    await expectAccessible(page);
  });

  test('an unreachable homeserver gives a clear message', async ({ page, env }) => {
    await page.goto(env.webUrl);
    // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    await page.getByRole('textbox', { name: 'Homeserver' }).fill('http://127.0.0.1:9');
    await page.getByRole('textbox', { name: 'Username' }).fill(TEST_USERS.alice.username);
    await page.getByRole('textbox', { name: 'Password' }).fill(TEST_USERS.alice.password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await expect(page.getByRole('alert')).toContainText("Can't reach the homeserver http://127.0.0.1:9");
    await expectAccessible(page);
  });

  test('a server that is not a homeserver is named as such', async ({ page, env }) => {
    await page.goto(env.webUrl);
    await page.getByRole('textbox', { name: 'Homeserver' }).fill(env.webUrl);
    await page.getByRole('textbox', { name: 'Username' }).fill(TEST_USERS.alice.username);
    await page.getByRole('textbox', { name: 'Password' }).fill(TEST_USERS.alice.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toContainText('is not a Matrix homeserver');
  });

  test('the whole sign-in works from the keyboard alone', async ({ page, env }) => {
    await page.goto(`${env.webUrl}?hs=${encodeURIComponent(env.homeserver)}`);
    await expect(page.getByRole('textbox', { name: 'Homeserver' })).toHaveValue(env.homeserver);
    await page.getByRole('textbox', { name: 'Username' }).focus();
    await page.keyboard.type(TEST_USERS.bob.username);
    await page.keyboard.press('Tab');
    await expect(page.getByRole('textbox', { name: 'Password' })).toBeFocused();
    await page.keyboard.type(TEST_USERS.bob.password);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('navigation', { name: 'Rooms' })).toBeVisible();
  });

  test('French system locale shows the French interface', async ({ browser, env }) => {
    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto(env.webUrl);
    await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Serveur d’accueil' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expectAccessible(page);
    await context.close();
  });

  test('sign-out returns to the sign-in screen and forgets the session', async ({ page, env }) => {
    await page.goto(`${env.webUrl}?hs=${encodeURIComponent(env.homeserver)}`);
    await page.getByRole('textbox', { name: 'Username' }).fill(TEST_USERS.bob.username);
    await page.getByRole('textbox', { name: 'Password' }).fill(TEST_USERS.bob.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('navigation', { name: 'Rooms' })).toBeVisible();
    await signOut(page);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  });
});
