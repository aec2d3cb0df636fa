// Verification you can see, in French (issue 18): the request is an event of the conversation, said in
// the reader's language, and once the emoji match the person shows as verified in the Members list, on
// their card, and each of their sessions too.
import { expect, expectAccessible, test } from './fixtures.ts';
import { signInAs } from './helpers.ts';
import { TEST_USERS } from './testUsers.ts';

test('en français : vérification par émojis, la demande dans la conversation, puis « Vérifié » sur la personne et ses sessions', async ({
  browser,
  env,
}) => {
  test.setTimeout(150_000);
  const hortense = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.hortense, { locale: 'fr-FR' });
  const ignace = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.ignace, { locale: 'fr-FR' });
  await hortense.page.getByRole('button', { name: 'Nouveau message direct' }).click();
  const dm = hortense.page.getByRole('dialog', { name: 'Nouveau message direct' });
  await dm.getByRole('combobox', { name: 'Nom ou identifiant Matrix' }).fill('@ignace:localhost');
  await dm.getByRole('button', { name: 'Démarrer' }).click();
  await ignace.page
    .getByRole('navigation', { name: 'Salons' })
    .getByRole('link', { name: /hortense/ })
    .click();
  await ignace.page.getByRole('button', { name: 'Accepter' }).click();

  // Before: not verified, in the list and on the card.
  await hortense.page.getByRole('button', { name: 'Membres', exact: true }).click({ timeout: 30_000 });
  const panel = hortense.page.getByRole('complementary', { name: 'Membres' });
  const entry = panel.getByRole('button', { name: /ignace/ });
  await expect(entry).toBeVisible({ timeout: 30_000 });
  await expect(entry).not.toContainText('Vérifié');

  await hortense.page.getByRole('button', { name: 'Vérifier ignace' }).click({ timeout: 30_000 });
  const incoming = ignace.page.getByRole('dialog', { name: 'Vérifier @hortense:localhost' });
  await expect(incoming).toContainText('souhaite vérifier', { timeout: 30_000 });
  await incoming.getByRole('button', { name: 'Vérifier', exact: true }).click();
  const mine = hortense.page.getByRole('dialog', { name: 'Vérifier @ignace:localhost' });
  const myEmoji = mine.getByRole('list', { name: 'Émojis à comparer' }).getByRole('listitem');
  const theirEmoji = incoming.getByRole('list', { name: 'Émojis à comparer' }).getByRole('listitem');
  await expect(myEmoji).toHaveCount(7, { timeout: 30_000 });
  expect(await myEmoji.allTextContents()).toEqual(await theirEmoji.allTextContents());
  await mine.getByRole('button', { name: 'Ils correspondent' }).click();
  await incoming.getByRole('button', { name: 'Ils correspondent' }).click();
  await expect(mine).toContainText('@ignace:localhost est vérifié', { timeout: 30_000 });
  await mine.getByRole('button', { name: 'Fermer' }).click();

  // The request in the conversation, in French, with how it ended.
  await expect(
    hortense.page.getByRole('log').getByText('hortense a demandé une vérification à ignace. Vérification terminée.'),
  ).toBeVisible({ timeout: 30_000 });
  await expect(
    ignace.page.getByRole('log').getByText('hortense a demandé une vérification à ignace. Vérification terminée.'),
  ).toBeVisible({ timeout: 30_000 });

  // After: the badge in the Members list (in the button's name, not by colour), then the card and sessions.
  await expect(entry).toContainText('Vérifié', { timeout: 30_000 });
  await expectAccessible(hortense.page);
  await entry.click();
  const card = hortense.page.getByRole('complementary', { name: 'ignace' });
  await expect(card).toContainText('Vérifié par vous');
  const sessions = card.getByRole('region', { name: /session/ }).getByRole('listitem');
  await expect(sessions).not.toHaveCount(0);
  for (const session of await sessions.all()) await expect(session).toContainText('Vérifiée');
  await expectAccessible(hortense.page);
  await hortense.context.close();
  await ignace.context.close();
});
