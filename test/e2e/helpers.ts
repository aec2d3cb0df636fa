import type { Browser, BrowserContext, Page } from '@playwright/test';
import { expect } from './fixtures.ts';

export interface SignedInPage {
  context: BrowserContext;
  page: Page;
}

/** Fills and submits the sign-in form on the current page (homeserver already set). */
export async function submitSignIn(page: Page, user: { username: string; password: string }): Promise<void> {
  await page.getByRole('textbox', { name: 'Username' }).fill(user.username);
  await page.getByRole('textbox', { name: 'Password' }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** A fresh browser context (its own storage), signed in through the UI. */
export async function signInAs(
  browser: Browser,
  webUrl: string,
  homeserver: string,
  user: { username: string; password: string },
  options: { initScript?: string } = {},
): Promise<SignedInPage> {
  const context = await browser.newContext({ locale: 'en-GB' });
  if (options.initScript) await context.addInitScript({ content: options.initScript });
  const page = await context.newPage();
  await page.goto(`${webUrl}?hs=${encodeURIComponent(homeserver)}`);
  await submitSignIn(page, user);
  await expect(page.getByRole('navigation', { name: 'Rooms' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('status').filter({ hasText: 'Online' })).toBeVisible({ timeout: 30_000 });
  return { context, page };
}
