// Desktop smoke tests through Playwright's Electron driver. These machines have no Electron binary
// (the electron package downloads it from GitHub on first run), so they run only where one is given:
//   RELAIS_ELECTRON_BINARY=/path/to/electron npm run test:e2e -- test/e2e/electron.spec.ts
// Elsewhere they are reported as skipped, never as passed.
import path from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from '@playwright/test';
import { IPC_CHANNELS } from '../../src/shared/ipc/channels.ts';
import { expect, test } from './fixtures.ts';

const binary = process.env.RELAIS_ELECTRON_BINARY;

test.describe('desktop app (Electron)', () => {
  test.skip(!binary, 'No Electron binary on this machine: set RELAIS_ELECTRON_BINARY to run the desktop smoke tests.');

  let app: ElectronApplication;
  let page: Page;

  test.beforeEach(async () => {
    app = await electron.launch({
      executablePath: binary,
      args: [path.resolve('dist/main/main.cjs')],
      env: { ...process.env, LANG: 'en_GB.UTF-8' },
    });
    page = await app.firstWindow();
  });

  test.afterEach(async () => {
    await app.close();
  });

  test('loads the renderer from the app scheme with the sign-in screen', async () => {
    expect(page.url()).toMatch(/^relais:\/\/app\//);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  });

  test('the renderer has no Node and exactly the contract bridge', async () => {
    const globals = await page.evaluate(() => ({
      require: typeof (globalThis as Record<string, unknown>).require,
      process: typeof (globalThis as Record<string, unknown>).process,
      bridge: Object.keys((globalThis as unknown as { relais: object }).relais).sort(),
    }));
    expect(globals.require).toBe('undefined');
    expect(globals.process).toBe('undefined');
    expect(globals.bridge).toEqual(Object.keys(IPC_CHANNELS).sort());
  });

  test('navigation away from the app is refused', async () => {
    await page.evaluate(() => {
      (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.invalid/phish';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toMatch(/^relais:\/\/app\//);
  });

  test('the CSP header is sent with the page', async () => {
    const csp = await page.evaluate(async () => (await fetch('relais://app/index.html')).headers.get('content-security-policy'));
    expect(csp).toContain("object-src 'none'");
  });
});
