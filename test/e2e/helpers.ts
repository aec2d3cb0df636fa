import type { Browser, BrowserContext, Page } from '@playwright/test';
import { expect } from './fixtures.ts';

export interface SignedInPage {
  context: BrowserContext;
  page: Page;
}

export type TestLocale = 'en-GB' | 'fr-FR';

/** The sign-in form's and the shell's names the helpers look for, in each interface language. */
const NAMES = {
  'en-GB': { username: 'Username', password: 'Password', signIn: 'Sign in', rooms: 'Rooms', online: 'Online' },
  'fr-FR': {
    username: 'Nom d’utilisateur',
    password: 'Mot de passe',
    signIn: 'Se connecter',
    rooms: 'Salons',
    online: 'En ligne',
  },
} as const;

/** Fills and submits the sign-in form on the current page (homeserver already set). */
export async function submitSignIn(
  page: Page,
  user: { username: string; password: string },
  locale: TestLocale = 'en-GB',
): Promise<void> {
  const names = NAMES[locale];
  await page.getByRole('textbox', { name: names.username }).fill(user.username);
  await page.getByRole('textbox', { name: names.password }).fill(user.password);
  await page.getByRole('button', { name: names.signIn, exact: true }).click();
}

/** A fresh browser context (its own storage), signed in through the UI. */
export async function signInAs(
  browser: Browser,
  webUrl: string,
  homeserver: string,
  user: { username: string; password: string },
  options: { initScript?: string; locale?: TestLocale } = {},
): Promise<SignedInPage> {
  const locale = options.locale ?? 'en-GB';
  const names = NAMES[locale];
  const context = await browser.newContext({ locale });
  if (options.initScript) await context.addInitScript({ content: options.initScript });
  const page = await context.newPage();
  await page.goto(`${webUrl}?hs=${encodeURIComponent(homeserver)}`);
  await submitSignIn(page, user, locale);
  await expect(page.getByRole('navigation', { name: names.rooms })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('status').filter({ hasText: names.online })).toBeVisible({ timeout: 30_000 });
  return { context, page };
}
