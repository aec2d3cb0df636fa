import { expect, expectAccessible, test } from './fixtures.ts';
import { signInAs } from './helpers.ts';
import { apiLogin } from './matrixApi.ts';
import { TEST_USERS } from './testUsers.ts';

test('first sign-in sets up cross-signing; recovery creates a key backup and shows the recovery key once', async ({
  browser,
  env,
}) => {
  test.setTimeout(120_000);
  const { context, page } = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.frank);

  // Cross-signing keys are published without asking anything (the server allows the first upload).
  const { accessToken: token } = await apiLogin(env.homeserver, TEST_USERS.frank);
  await expect
    .poll(
      async () => {
        const res = await fetch(`${env.homeserver}/_matrix/client/v3/keys/query`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
          body: JSON.stringify({ device_keys: { '@frank:localhost': [] } }),
        });
        const body = (await res.json()) as { master_keys?: Record<string, unknown>; self_signing_keys?: Record<string, unknown> };
        return Boolean(body.master_keys?.['@frank:localhost'] && body.self_signing_keys?.['@frank:localhost']);
      },
      { timeout: 30_000 },
    )
    .toBe(true);

  // No backup yet: the banner offers recovery.
  const banner = page.getByRole('region', { name: 'Message recovery' });
  await expect(banner).toBeVisible({ timeout: 30_000 });
  await banner.getByRole('button', { name: 'Set up recovery' }).click();
  const dialog = page.getByRole('dialog', { name: 'Set up message recovery' });
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Create recovery key' }).click();
  const key = dialog.getByRole('textbox', { name: 'Recovery key' });
  await expect(key).toHaveValue(/^(\w{4} ){11}\w{4}$/, { timeout: 30_000 });
  await expect(dialog.getByRole('button', { name: 'Done' })).toBeDisabled();
  await dialog.getByRole('checkbox', { name: 'I have saved my recovery key' }).check();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(banner).toHaveCount(0);

  const backup = await fetch(`${env.homeserver}/_matrix/client/v3/room_keys/version`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(backup.status).toBe(200);
  expect(((await backup.json()) as { algorithm: string }).algorithm).toBe('m.megolm_backup.v1.curve25519-aes-sha2');
  await context.close();
});
