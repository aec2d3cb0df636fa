// Message actions (issue 17.1, first part): "Edit" on one's own message (not only ↑ in an empty composer),
// and "Delete" asks first ("Delete message?"), so a slip of the mouse removes nothing.
import { expect, expectAccessible, test } from './fixtures.ts';
import { signInAs } from './helpers.ts';
import { apiLogin, createRoom } from './matrixApi.ts';
import { TEST_USERS } from './testUsers.ts';

test('Edit from the message, and Delete only once confirmed', async ({ browser, env }) => {
  const amelie = await apiLogin(env.homeserver, TEST_USERS.amelie);
  const roomName = `Actions ${Date.now().toString(36)}`;
  await createRoom(amelie, { name: roomName, encrypted: true });
  const { context, page } = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.amelie);
  await page
    .getByRole('navigation', { name: 'Rooms' })
    .getByRole('link', { name: new RegExp(`^${roomName}`) })
    .click();
  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.fill('Réunion jeudi à 10 h');
  await composer.press('Enter');
  const log = page.getByRole('log', { name: roomName });
  const message = log.getByRole('article').filter({ hasText: 'Réunion jeudi' });
  await expect(message).toBeVisible();

  // Edit: the text comes into the composer, marked as an edit.
  await message.hover();
  await message.getByRole('button', { name: 'Edit' }).click();
  await expect(composer).toHaveValue('Réunion jeudi à 10 h');
  await expect(composer).toBeFocused();
  await expect(page.getByText('Editing your message')).toBeVisible();
  await composer.fill('Réunion vendredi à 10 h');
  await composer.press('Enter');
  const edited = log.getByRole('article').filter({ hasText: 'Réunion vendredi à 10 h' });
  await expect(edited).toContainText('(edited)');

  // Delete asks first; Cancel keeps the message.
  await edited.hover();
  await edited.getByRole('button', { name: 'Delete' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete message?' });
  await expect(confirm).toBeVisible();
  await expectAccessible(page);
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  await expect(edited).toBeVisible();

  await edited.hover();
  await edited.getByRole('button', { name: 'Delete' }).click();
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(log.getByText('Message deleted')).toBeVisible();
  await expect(log.getByText('Réunion vendredi à 10 h')).toHaveCount(0);
  await context.close();
});
