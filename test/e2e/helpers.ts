import type { Browser, BrowserContext, Locator, Page } from '@playwright/test';
import { expect } from './fixtures.ts';

export interface SignedInPage {
  context: BrowserContext;
  page: Page;
}

/** The labels signing in goes through, in the interface language the browser asks for. */
const SIGN_IN_WORDS = {
  'en-GB': { username: 'Username', password: 'Password', submit: 'Sign in', rooms: 'Rooms', online: 'Online' },
  'fr-FR': {
    username: 'Nom d’utilisateur',
    password: 'Mot de passe',
    submit: 'Se connecter',
    rooms: 'Salons',
    online: 'En ligne',
  },
} as const;
export type TestLocale = keyof typeof SIGN_IN_WORDS;

/** Fills and submits the sign-in form on the current page (homeserver already set). */
export async function submitSignIn(
  page: Page,
  user: { username: string; password: string },
  locale: TestLocale = 'en-GB',
): Promise<void> {
  const words = SIGN_IN_WORDS[locale];
  await page.getByRole('textbox', { name: words.username }).fill(user.username);
  await page.getByRole('textbox', { name: words.password }).fill(user.password);
  await page.getByRole('button', { name: words.submit, exact: true }).click();
}

/** A fresh browser context (its own storage), signed in through the UI, in English unless asked. */
export async function signInAs(
  browser: Browser,
  webUrl: string,
  homeserver: string,
  user: { username: string; password: string },
  options: { initScript?: string; locale?: TestLocale } = {},
): Promise<SignedInPage> {
  const locale = options.locale ?? 'en-GB';
  const words = SIGN_IN_WORDS[locale];
  const context = await browser.newContext({ locale });
  if (options.initScript) await context.addInitScript({ content: options.initScript });
  const page = await context.newPage();
  await page.goto(`${webUrl}?hs=${encodeURIComponent(homeserver)}`);
  await submitSignIn(page, user, locale);
  await expect(page.getByRole('navigation', { name: words.rooms })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('status').filter({ hasText: words.online })).toBeVisible({ timeout: 30_000 });
  return { context, page };
}

/**
 * Signs out from the header. Someone with encrypted rooms and no key backup is warned first ("Sign
 * out?"), and tests that are not about that warning sign out anyway.
 */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  const warning = page.getByRole('dialog', { name: 'Sign out?' });
  const signInHeading = page.getByRole('heading', { name: 'Sign in' });
  await expect(warning.or(signInHeading)).toBeVisible();
  if (await warning.isVisible()) await warning.getByRole('button', { name: 'Sign out anyway' }).click();
}

/** The Settings dialog's tabs, by their English names. */
export type SettingsTabName = 'Account' | 'Sessions' | 'Notifications' | 'Preferences' | 'Organisation' | 'Diagnostics';

/** Opens Settings from the header, on `tab` when given (else on the tab it opens on), and returns the dialog. */
export async function openSettings(page: Page, tab?: SettingsTabName): Promise<Locator> {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog).toBeVisible();
  if (tab) await dialog.getByRole('tab', { name: tab, exact: true }).click();
  return dialog;
}
