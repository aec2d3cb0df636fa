// Sovereign by default: every request the web build makes while signing in and chatting goes to
// the app's own origin or to the configured homeserver. Nothing else (no CDN, font, telemetry).
import { expect, test } from './fixtures.ts';
import { submitSignIn } from './helpers.ts';
import { TEST_USERS } from './testUsers.ts';

test('sign-in and chat make requests only to the app and the homeserver', async ({ browser, env }) => {
  test.setTimeout(90_000);
  const allowed = new Set([new URL(env.webUrl).origin, new URL(env.homeserver).origin]);
  const context = await browser.newContext({ locale: 'en-GB' });
  const seen = new Map<string, number>();
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') return;
    seen.set(url.origin, (seen.get(url.origin) ?? 0) + 1);
  });
  const page = await context.newPage();
  await page.goto(`${env.webUrl}?hs=${encodeURIComponent(env.homeserver)}`);
  await submitSignIn(page, TEST_USERS.heidi);
  await expect(page.getByRole('navigation', { name: 'Rooms' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'New room' }).click();
  await page.getByRole('dialog', { name: 'New room' }).getByRole('textbox', { name: 'Room name' }).fill('Egress check');
  await page.getByRole('dialog', { name: 'New room' }).getByRole('button', { name: 'Create' }).click();
  await page.getByRole('textbox', { name: 'Message' }).fill('Links are not previewed: https://example.org/article');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('log', { name: 'Egress check' }).getByText('Links are not previewed')).toBeVisible();
  await page.waitForTimeout(1_000);
  await context.close();

  const origins = [...seen.keys()];
  console.log(`requests by origin: ${JSON.stringify(Object.fromEntries(seen))}`);
  expect(origins.filter((o) => !allowed.has(o))).toEqual([]);
  expect(seen.get(new URL(env.homeserver).origin)).toBeGreaterThan(5);
});
