// The app shell's dialog host: each app-level dialog opens from its button and, closed with Escape or
// its own button, gives focus back to the button that opened it (keyboard users stay where they were).
import { expect, test } from './fixtures.ts';
import { signInAs } from './helpers.ts';
import { TEST_USERS } from './testUsers.ts';

const DIALOGS = [
  { opener: 'New room', dialog: 'New room', closeWith: 'Cancel' },
  { opener: 'New direct message', dialog: 'New direct message', closeWith: 'Cancel' },
  { opener: 'Search messages', dialog: 'Search messages', closeWith: 'Close' },
  { opener: 'Settings', dialog: 'Settings', closeWith: null },
  // Rendered only while open (a fresh dialog per Teams link): focus must come back all the same.
  { opener: 'Join a Teams meeting', dialog: 'Join a Teams meeting', closeWith: null },
] as const;

test('closing a dialog returns focus to the button that opened it', async ({ browser, env }) => {
  const { context, page } = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.zoe);
  for (const { opener, dialog, closeWith } of DIALOGS) {
    const button = page.getByRole('button', { name: opener, exact: true });
    await button.focus();
    await page.keyboard.press('Enter');
    const shown = page.getByRole('dialog', { name: dialog });
    await expect(shown).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(shown).toBeHidden();
    await expect(button).toBeFocused();

    if (closeWith) {
      await button.click();
      await expect(shown).toBeVisible();
      await shown.getByRole('button', { name: closeWith, exact: true }).click();
      await expect(shown).toBeHidden();
      await expect(button).toBeFocused();
    }
  }
  await context.close();
});
