// Themes (issue 16.4): the app follows the system's light or dark appearance, and Settings offers light,
// dark and two high-contrast themes. Each is checked with axe on a room with messages, and the choice
// survives a reload.
import type { Page } from '@playwright/test';
import { expect, expectAccessible, test } from './fixtures.ts';
import { openSettings, submitSignIn } from './helpers.ts';
import { apiLogin, createRoom, sendText } from './matrixApi.ts';
import { TEST_USERS } from './testUsers.ts';

const THEMES = [
  { label: 'Light', className: 'cpd-theme-light', dark: false },
  { label: 'Dark', className: 'cpd-theme-dark', dark: true },
  { label: 'High contrast, light', className: 'cpd-theme-light-hc', dark: false },
  { label: 'High contrast, dark', className: 'cpd-theme-dark-hc', dark: true },
] as const;

/** Relative luminance of the page background, 0 (black) to 1 (white). */
async function canvasLuminance(page: Page): Promise<number> {
  const rgb = await page.locator('.shell-main').evaluate((el) => {
    const view = (
      el as unknown as { ownerDocument: { defaultView: { getComputedStyle(e: unknown): { backgroundColor: string } } } }
    ).ownerDocument.defaultView;
    return view.getComputedStyle(el).backgroundColor;
  });
  const [r, g, b] = (rgb.match(/\d+/g) ?? []).map(Number);
  return (0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0)) / 255;
}

test('follows the system appearance, and each theme chosen in Settings has no axe violations', async ({ browser, env }) => {
  // Ten axe runs, and Settings now opens a tab for each theme: past the default minute on a busy machine.
  test.setTimeout(120_000);
  const ursula = await apiLogin(env.homeserver, TEST_USERS.ursula);
  const roomName = `Themes ${Date.now()}`;
  const roomId = await createRoom(ursula, { name: roomName });
  await sendText(ursula, roomId, 'Colours come from Compound tokens.');

  const context = await browser.newContext({ locale: 'en-GB', colorScheme: 'dark' });
  const page = await context.newPage();
  await page.goto(`${env.webUrl}?hs=${encodeURIComponent(env.homeserver)}`);
  await expectAccessible(page);
  await submitSignIn(page, TEST_USERS.ursula);
  await page
    .getByRole('navigation', { name: 'Rooms' })
    .getByRole('link', { name: new RegExp(`^${roomName}`) })
    .click();
  await expect(page.getByRole('main').getByText('Colours come from Compound tokens.')).toBeVisible({ timeout: 30_000 });
  // No choice yet: the system's dark appearance.
  expect(await canvasLuminance(page)).toBeLessThan(0.2);
  await expectAccessible(page);

  for (const theme of THEMES) {
    const settings = await openSettings(page, 'Preferences');
    await settings.getByRole('radio', { name: theme.label, exact: true }).check();
    await expect(page.locator('html')).toHaveClass(new RegExp(`(^| )${theme.className}( |$)`));
    await expectAccessible(page);
    await page.keyboard.press('Escape');
    await expect(settings).toBeHidden();
    const luminance = await canvasLuminance(page);
    if (theme.dark) expect(luminance, theme.label).toBeLessThan(0.2);
    else expect(luminance, theme.label).toBeGreaterThan(0.8);
    await expectAccessible(page);
  }

  // Back to following the system, then the last choice again: remembered across a reload (the web build
  // keeps no session across reloads, so the sign-in screen shows it, and must pass axe in it too).
  const settings = await openSettings(page, 'Preferences');
  await settings.getByRole('radio', { name: 'Same as the system' }).check();
  await expect(page.locator('html')).not.toHaveClass(/cpd-theme-/);
  await settings.getByRole('radio', { name: 'High contrast, dark' }).check();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('html')).toHaveClass(/cpd-theme-dark-hc/);
  await expectAccessible(page);
  await context.close();
});
