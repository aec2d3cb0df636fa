// Sovereign by default: every request the web build makes while signing in, chatting and calling
// goes to the app's own origin, the configured homeserver, or the call server the homeserver's
// configuration names. Nothing else (no CDN, font, telemetry, public STUN).
import { CALL_LAUNCH_OPTIONS, inboundTotals, RECORD_PEER_CONNECTIONS } from './callHelpers.ts';
import { expect, test } from './fixtures.ts';
import { submitSignIn } from './helpers.ts';
import { TEST_USERS } from './testUsers.ts';

test.use({ launchOptions: CALL_LAUNCH_OPTIONS });

test('sign-in, chat and a call make requests only to the app, the homeserver and its SFU', async ({ browser, env }) => {
  test.setTimeout(120_000);
  const sfuUrl = process.env.RELAIS_TEST_SFU_URL ?? '';
  const allowed = new Set([new URL(env.webUrl).origin, new URL(env.homeserver).origin, new URL(sfuUrl).origin]);
  const context = await browser.newContext({ locale: 'en-GB' });
  await context.addInitScript({ content: RECORD_PEER_CONNECTIONS });
  const seen = new Map<string, number>();
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') return;
    seen.set(url.origin, (seen.get(url.origin) ?? 0) + 1);
  });
  const page = await context.newPage();
  // WebSockets are not "requests" to Playwright: record their origins too.
  page.on('websocket', (socket) => {
    const origin = new URL(socket.url()).origin;
    seen.set(origin, (seen.get(origin) ?? 0) + 1);
  });
  await page.goto(`${env.webUrl}?hs=${encodeURIComponent(env.homeserver)}`);
  await submitSignIn(page, TEST_USERS.heidi);
  await expect(page.getByRole('navigation', { name: 'Rooms' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'New room' }).click();
  await page.getByRole('dialog', { name: 'New room' }).getByRole('textbox', { name: 'Room name' }).fill('Egress check');
  await page.getByRole('dialog', { name: 'New room' }).getByRole('button', { name: 'Create' }).click();
  await page.getByRole('textbox', { name: 'Message' }).fill('Links are not previewed: https://example.org/article');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('log', { name: 'Egress check' }).getByText('Links are not previewed')).toBeVisible();

  // A call: signaling goes to the SFU the homeserver's .well-known names; media to its address only.
  await page.getByRole('button', { name: 'Start call' }).click();
  await expect(page.getByRole('button', { name: 'Leave call' })).toBeVisible({ timeout: 30_000 });
  await expect.poll(async () => (await inboundTotals(page)).remoteAddresses.length, { timeout: 15_000 }).toBeGreaterThan(0);
  const mediaPeers = (await inboundTotals(page)).remoteAddresses;
  await page.getByRole('button', { name: 'Leave call' }).click();
  await page.waitForTimeout(1_000);
  await context.close();
  const sfuHost = new URL(sfuUrl).hostname;
  expect(mediaPeers.filter((address) => !address.startsWith(`${sfuHost}:`))).toEqual([]);
  expect(seen.get(new URL(sfuUrl).origin)).toBeGreaterThan(0);

  const origins = [...seen.keys()];
  console.log(`requests by origin: ${JSON.stringify(Object.fromEntries(seen))}`);
  expect(origins.filter((o) => !allowed.has(o))).toEqual([]);
  expect(seen.get(new URL(env.homeserver).origin)).toBeGreaterThan(5);
});
