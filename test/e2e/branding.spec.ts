// Organisation branding by machine policy (issue 16.4), through the real main-process policy loader,
// logo reader and IPC (desktopHarness.ts): the organisation's name and logo beside Relais, its accent
// on primary buttons, and the French-state (DSFR) theme, accessible in light and dark. High-contrast
// themes stay unbranded.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { createDesktopHarness } from './desktopHarness.ts';
import { expect, expectAccessible, test } from './fixtures.ts';
import { signOut, submitSignIn } from './helpers.ts';
import { TEST_USERS } from './testUsers.ts';

test.skip(
  process.env.RELAIS_SECRET_SERVICE !== '1',
  'needs a Secret Service: run through `npm run test:e2e` (test/env/with-keyring.sh)',
);

const LOGO_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><rect width="40" height="40" fill="#000091"/>' +
  '<rect x="13" width="14" height="40" fill="#ffffff"/><rect x="27" width="13" height="40" fill="#e1000f"/></svg>\n';

/** Runs `use` on a page of the desktop app whose machine policy has this branding (logo file beside it). */
async function withBranding(
  browser: Browser,
  appOrigin: string,
  branding: (logoFile: string) => Record<string, unknown>,
  colorScheme: 'light' | 'dark',
  use: (page: Page) => Promise<void>,
): Promise<void> {
  const root = mkdtempSync(path.join(tmpdir(), 'relais-branding-'));
  const policyDir = path.join(root, 'etc-relais');
  mkdirSync(policyDir);
  const logoFile = path.join(root, 'logo.svg');
  writeFileSync(logoFile, LOGO_SVG);
  writeFileSync(path.join(policyDir, 'policy.json'), JSON.stringify({ policyVersion: 1, branding: branding(logoFile) }));
  try {
    const harness = await createDesktopHarness({ appOrigin, markerFile: path.join(root, 'marker.json'), policyDir });
    const context = await browser.newContext({ locale: 'en-GB', colorScheme });
    await harness.attach(context);
    await use(await context.newPage());
    await context.close();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** The computed background colour of the sign-in form's primary button, as rgb(r, g, b). */
function primaryButtonBackground(page: Page): Promise<string> {
  return page.getByRole('button', { name: 'Sign in', exact: true }).evaluate((el) => {
    const view = (
      el as unknown as { ownerDocument: { defaultView: { getComputedStyle(e: unknown): { backgroundColor: string } } } }
    ).ownerDocument.defaultView;
    return view.getComputedStyle(el).backgroundColor;
  });
}

function htmlClass(page: Page): Promise<string> {
  return page.locator('html').evaluate((el) => (el as unknown as { className: string }).className);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the DSFR theme and the organisation's name and logo, ${colorScheme}: 0 axe violations`, async ({ browser, env }) => {
    const signIn = colorScheme === 'light';
    if (signIn) test.setTimeout(90_000);
    const branding = (logo: string) => ({ organisationName: 'Ministère de l’Exemple', logo, theme: 'dsfr' });
    await withBranding(browser, env.webUrl, branding, colorScheme, async (page) => {
      await page.goto(`${env.webUrl}?hs=${encodeURIComponent(env.homeserver)}`);
      await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
      const brandPanel = page.locator('.brand-panel');
      await expect(brandPanel.getByText('Ministère de l’Exemple')).toBeVisible();
      const logo = brandPanel.locator('img.organisation-logo');
      await expect(logo).toHaveAttribute('alt', '');
      await expect(logo).toHaveAttribute('src', /^data:image\/svg\+xml;base64,/);
      // The product name stays Relais.
      await expect(brandPanel.getByText('Relais', { exact: true })).toBeVisible();
      await expect(page).toHaveTitle(/Relais/);

      const dark = colorScheme === 'dark';
      expect(await htmlClass(page)).toContain(dark ? 'relais-theme-dsfr-dark' : 'relais-theme-dsfr');
      expect(await primaryButtonBackground(page)).toBe(dark ? 'rgb(133, 133, 246)' : 'rgb(0, 0, 145)');
      await expectAccessible(page);

      if (signIn) {
        await submitSignIn(page, TEST_USERS.grace);
        const header = page.locator('header.shell-header');
        await expect(page.getByRole('navigation', { name: 'Rooms' })).toBeVisible({ timeout: 30_000 });
        await expect(header.getByText('Ministère de l’Exemple')).toBeVisible();
        await expect(header.locator('img.organisation-logo')).toHaveAttribute('alt', '');
        await expectAccessible(page);
        await signOut(page);
        await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
      }
    });
  });
}

test('an organisation accent colours primary buttons, and high contrast stays unbranded', async ({ browser, env }) => {
  await withBranding(
    browser,
    env.webUrl,
    () => ({ accentColor: '#1f3fbf' }),
    'light',
    async (page) => {
      await page.goto(`${env.webUrl}?hs=${encodeURIComponent(env.homeserver)}`);
      await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
      expect(await primaryButtonBackground(page)).toBe('rgb(31, 63, 191)');
      await expectAccessible(page);
      // The system asks for more contrast: Compound's high-contrast palette, not the organisation's colour.
      await page.emulateMedia({ contrast: 'more' });
      await expect.poll(() => primaryButtonBackground(page)).not.toBe('rgb(31, 63, 191)');
      expect(await htmlClass(page)).not.toContain('relais-theme-dsfr');
      await expectAccessible(page);
    },
  );
});
