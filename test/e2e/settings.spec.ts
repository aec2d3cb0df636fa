// The Settings dialog's tabs (issue 18): one subject per tab, a named tablist that arrows move through,
// each panel named by its tab; a column beside the panel from 800 px, rows above it at 320 px with nothing
// scrolling sideways. What each tab holds is tested by its own spec (account, notification-settings,
// policy, themes, diagnostics).
import type { Page } from '@playwright/test';
import { expect, expectAccessible, test } from './fixtures.ts';
import { openSettings, signInAs } from './helpers.ts';
import { TEST_USERS } from './testUsers.ts';

async function dialogOverflow(page: Page): Promise<number> {
  // The test files are compiled without the DOM library: the dialog is described here.
  return page.evaluate(() => {
    const dialog = (
      globalThis as unknown as { document: { querySelector(s: string): { scrollWidth: number; clientWidth: number } | null } }
    ).document.querySelector('dialog[open]');
    return dialog ? dialog.scrollWidth - dialog.clientWidth : -1;
  });
}

test('Settings: tabs by keyboard, each panel named, beside the tabs when wide and below them at 320 px', async ({
  browser,
  env,
}) => {
  test.setTimeout(120_000);
  const me = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.gaspard);
  await me.page.setViewportSize({ width: 1280, height: 800 });
  const dialog = await openSettings(me.page);
  const tablist = dialog.getByRole('tablist', { name: 'Settings sections' });
  await expect(tablist).toHaveAttribute('aria-orientation', 'vertical');
  await expect(tablist.getByRole('tab')).toHaveText([
    'Account',
    'Sessions',
    'Notifications',
    'Preferences',
    'Organisation',
    'Diagnostics',
  ]);
  await expect(dialog.getByRole('tabpanel', { name: 'Account' })).toContainText('@gaspard:localhost');
  await expectAccessible(me.page);

  // The tabs sit beside the panel.
  const tabsBox = await tablist.boundingBox();
  const panelBox = await dialog.getByRole('tabpanel').boundingBox();
  expect(tabsBox && panelBox && panelBox.x >= tabsBox.x + tabsBox.width - 1).toBe(true);

  // Arrows move and select at once; only the selected tab is in the Tab order; End and Home go to the ends.
  await tablist.getByRole('tab', { name: 'Account' }).focus();
  await me.page.keyboard.press('ArrowDown');
  const sessions = tablist.getByRole('tab', { name: 'Sessions' });
  await expect(sessions).toBeFocused();
  await expect(sessions).toHaveAttribute('aria-selected', 'true');
  await expect(dialog.getByRole('tabpanel', { name: 'Sessions' }).getByRole('region', { name: 'Sessions' })).toBeVisible();
  await me.page.keyboard.press('End');
  await expect(tablist.getByRole('tab', { name: 'Diagnostics' })).toBeFocused();
  await expect(dialog.getByRole('button', { name: 'Export diagnostics' })).toBeVisible();
  await me.page.keyboard.press('ArrowDown');
  await expect(tablist.getByRole('tab', { name: 'Account' })).toBeFocused();
  await me.page.keyboard.press('ArrowUp');
  await expect(tablist.getByRole('tab', { name: 'Diagnostics' })).toBeFocused();
  await me.page.keyboard.press('Tab');
  await expect(dialog.getByRole('tabpanel', { name: 'Diagnostics' })).toBeFocused();

  // Closing and reopening comes back to the same tab.
  await me.page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await openSettings(me.page);
  await expect(dialog.getByRole('tab', { name: 'Diagnostics' })).toHaveAttribute('aria-selected', 'true');

  // At 320 px: rows above the panel, Left/Right work too, nothing scrolls sideways.
  await me.page.setViewportSize({ width: 320, height: 640 });
  await expect(tablist).toHaveAttribute('aria-orientation', 'horizontal');
  await dialog.getByRole('tab', { name: 'Preferences' }).click();
  await me.page.keyboard.press('ArrowLeft');
  await expect(dialog.getByRole('tab', { name: 'Notifications' })).toHaveAttribute('aria-selected', 'true');
  await me.page.keyboard.press('ArrowRight');
  await expect(
    dialog.getByRole('tabpanel', { name: 'Preferences' }).getByRole('region', { name: 'Your preferences' }),
  ).toBeVisible();
  expect(await dialogOverflow(me.page)).toBeLessThanOrEqual(0);
  const narrowTabs = await tablist.boundingBox();
  const narrowPanel = await dialog.getByRole('tabpanel').boundingBox();
  expect(narrowTabs && narrowPanel && narrowPanel.y >= narrowTabs.y + narrowTabs.height - 1).toBe(true);
  await expectAccessible(me.page);
  await me.context.close();
});

test('Settings in French: the tabs and their panels are named in French', async ({ browser, env }) => {
  const me = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.gaspard, { locale: 'fr-FR' });
  await me.page.getByRole('button', { name: 'Réglages', exact: true }).click();
  const dialog = me.page.getByRole('dialog', { name: 'Réglages' });
  const tablist = dialog.getByRole('tablist', { name: 'Rubriques des réglages' });
  await expect(tablist.getByRole('tab')).toHaveText([
    'Compte',
    'Sessions',
    'Notifications',
    'Préférences',
    'Organisation',
    'Diagnostic',
  ]);
  await tablist.getByRole('tab', { name: 'Préférences' }).click();
  await expect(dialog.getByRole('tabpanel', { name: 'Préférences' })).toBeVisible();
  await expectAccessible(me.page);
  await me.context.close();
});
