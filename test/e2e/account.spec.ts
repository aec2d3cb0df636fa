// Your account and sessions in Settings (issue 18, point 3): name and picture as others see them, and
// the list of sessions with their verification, rename, and signing others out with the password.
import { expect, expectAccessible, test } from './fixtures.ts';
import { openSettings, signInAs } from './helpers.ts';
import { api, apiLogin, solidPng, type ApiSession } from './matrixApi.ts';
import { TEST_USERS } from './testUsers.ts';

interface Device {
  device_id: string;
  display_name?: string;
}

const devices = async (session: ApiSession) => (await api<{ devices: Device[] }>(session, 'GET', '/devices')).devices;

test('name and picture: saved on the server, the picture removed again', async ({ browser, env }) => {
  test.setTimeout(120_000);
  const me = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.pierre);
  const check = await apiLogin(env.homeserver, TEST_USERS.pierre);
  const profile = () =>
    api<{ displayname?: string; avatar_url?: string }>(check, 'GET', `/profile/${encodeURIComponent(check.userId)}`);
  const account = (await openSettings(me.page, 'Account')).getByRole('region', { name: 'Your account' });
  await expect(account).toContainText('@pierre:localhost');
  await account.getByRole('textbox', { name: 'Display name' }).fill('Pierre Dubois');
  await account.getByRole('button', { name: 'Save name' }).click();
  await expect(account.getByRole('status')).toHaveText('Name saved.');
  await expect.poll(async () => (await profile()).displayname).toBe('Pierre Dubois');

  await account
    .locator('input[type=file]')
    .setInputFiles({ name: 'moi.png', mimeType: 'image/png', buffer: solidPng(64, [0, 0, 145]) });
  await expect(account.getByRole('status')).toHaveText('Picture saved.');
  await expect.poll(async () => (await profile()).avatar_url ?? '').toMatch(/^mxc:\/\//);
  await account.getByRole('button', { name: 'Remove picture' }).click();
  await expect(account.getByRole('status')).toHaveText('Picture saved.');
  await expect.poll(async () => (await profile()).avatar_url ?? '').toBe('');
  await expectAccessible(me.page);
  await me.context.close();
});

test('sessions: this one first, rename, sign out one with the password (a wrong one is said), then all the others', async ({
  browser,
  env,
}) => {
  test.setTimeout(120_000);
  // Two other sessions, as a phone and an old laptop would be.
  const phone = await apiLogin(env.homeserver, TEST_USERS.odile);
  await api(phone, 'PUT', `/devices/${encodeURIComponent(await deviceOf(phone))}`, { display_name: 'Téléphone' });
  const laptop = await apiLogin(env.homeserver, TEST_USERS.odile);
  await api(laptop, 'PUT', `/devices/${encodeURIComponent(await deviceOf(laptop))}`, { display_name: 'Vieux portable' });
  const me = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.odile);
  const sessions = (await openSettings(me.page, 'Sessions')).getByRole('region', { name: 'Sessions' });
  const current = sessions.getByRole('list', { name: 'This session' }).getByRole('listitem');
  await expect(current).toContainText('This session');
  const others = sessions.getByRole('list', { name: 'Other sessions' });
  await expect(others.getByRole('listitem', { name: 'Téléphone' })).toContainText('Not verified');
  await expect(others.getByRole('listitem', { name: 'Vieux portable' })).toBeVisible();
  await expectAccessible(me.page);

  // Rename this session.
  await current.getByRole('button', { name: 'Rename' }).click();
  await current.getByRole('textbox', { name: 'Session name' }).fill('Relais au bureau');
  await current.getByRole('button', { name: 'Save' }).click();
  await expect(
    sessions.getByRole('list', { name: 'This session' }).getByRole('listitem', { name: 'Relais au bureau' }),
  ).toBeVisible();
  await expect.poll(async () => (await devices(laptop)).map((d) => d.display_name)).toContain('Relais au bureau');

  // Sign out the phone: the server asks for the password.
  await others.getByRole('button', { name: 'Sign out Téléphone' }).click();
  const confirm = me.page.getByRole('dialog', { name: 'Confirm it is you' });
  await confirm.getByRole('textbox', { name: 'Password' }).fill('not my password');
  await confirm.getByRole('button', { name: 'Sign out' }).click();
  await expect(confirm.getByRole('alert')).toHaveText('That password is not right. Try again.');
  await confirm.getByRole('textbox', { name: 'Password' }).fill(TEST_USERS.odile.password);
  await confirm.getByRole('button', { name: 'Sign out' }).click();
  await expect(confirm).toBeHidden();
  await expect(sessions.getByRole('status').filter({ hasText: '1 session signed out.' })).toBeVisible();
  await expect(others.getByRole('listitem', { name: 'Téléphone' })).toBeHidden();
  expect((await devices(laptop)).map((d) => d.display_name)).not.toContain('Téléphone');

  // Another session appears; "Sign out all other sessions" takes every one.
  const tablet = await apiLogin(env.homeserver, TEST_USERS.odile);
  // Settings asks the server again each time it opens.
  await me.page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Close', exact: true }).click();
  await openSettings(me.page, 'Sessions');
  // The laptop, the tablet, and the session the test set-up's registration made.
  await expect(others.getByRole('listitem')).toHaveCount(3);
  await sessions.getByRole('button', { name: 'Sign out all other sessions' }).click();
  await expect(confirm).toContainText('To sign out 3 sessions, enter your account password.');
  await confirm.getByRole('textbox', { name: 'Password' }).fill(TEST_USERS.odile.password);
  await confirm.getByRole('button', { name: 'Sign out' }).click();
  await expect(sessions.getByRole('status').filter({ hasText: '3 sessions signed out.' })).toBeVisible();
  await expect(sessions).toContainText('No other session.');
  await expect(api(tablet, 'GET', '/devices')).rejects.toThrow(/401/);
  await me.context.close();
});

test('in French: Votre compte, Sessions, Confirmez votre identité', async ({ browser, env }) => {
  test.setTimeout(120_000);
  const other = await apiLogin(env.homeserver, TEST_USERS.pierre);
  const me = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.pierre, { locale: 'fr-FR' });
  await me.page.getByRole('button', { name: 'Réglages' }).click();
  const dialog = me.page.getByRole('dialog', { name: 'Réglages' });
  await expect(dialog.getByRole('region', { name: 'Votre compte' }).getByRole('textbox', { name: 'Nom affiché' })).toBeVisible();
  await dialog.getByRole('tab', { name: 'Sessions' }).click();
  const sessions = dialog.getByRole('tabpanel', { name: 'Sessions' }).getByRole('region', { name: 'Sessions' });
  await expect(sessions.getByRole('list', { name: 'Cette session' })).toBeVisible();
  await sessions
    .getByRole('list', { name: 'Autres sessions' })
    .getByRole('button', { name: /^Déconnecter/ })
    .first()
    .click();
  await expect(me.page.getByRole('dialog', { name: 'Confirmez votre identité' })).toContainText('mot de passe de votre compte');
  await expectAccessible(me.page);
  await me.page.getByRole('dialog', { name: 'Confirmez votre identité' }).getByRole('button', { name: 'Annuler' }).click();
  expect(other.userId).toBe('@pierre:localhost');
  await me.context.close();
});

async function deviceOf(session: ApiSession): Promise<string> {
  const whoami = await api<{ device_id: string }>(session, 'GET', '/account/whoami');
  return whoami.device_id;
}
