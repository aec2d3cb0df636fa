// A desktop "app profile" for tests that quit and restart Relais: a persistent Chromium profile (the
// app's IndexedDB survives), the desktop harness (real keychain), and the app's files served from
// disk the way Electron serves them from relais://app, so the app starts with the network off.
import { readFile } from 'node:fs/promises';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../playwright.config.ts';
import { contentTypeFor, resolveAppAsset } from '../../src/main/protocol/appAssets.ts';
import { buildCsp, DEFAULT_CONNECT_SOURCES, SECURITY_HEADERS } from '../../src/shared/csp.ts';
import { RENDERER_DIST } from '../../scripts/webServer.ts';
import type { DesktopHarness } from './desktopHarness.ts';

export interface LaunchOptions {
  profileDir: string;
  harness: DesktopHarness;
  webUrl: string;
  offline?: boolean;
}

/** Serves the app's own files without the network: Playwright's offline mode blocks only real requests. */
async function serveAppFromDisk(context: BrowserContext, webUrl: string): Promise<void> {
  const origin = new URL(webUrl);
  const csp = buildCsp({ connectSources: DEFAULT_CONNECT_SOURCES });
  await context.route(`${origin.origin}/**`, async (route) => {
    const resolution = resolveAppAsset(RENDERER_DIST, route.request().url(), { protocol: origin.protocol, host: origin.host });
    const headers = { ...SECURITY_HEADERS, 'Content-Security-Policy': csp };
    if (resolution.kind === 'error') return route.fulfill({ status: resolution.status, headers });
    const body = await readFile(resolution.filePath).catch(() => null);
    if (!body) return route.fulfill({ status: 404, headers });
    return route.fulfill({ status: 200, headers: { ...headers, 'Content-Type': contentTypeFor(resolution.filePath) }, body });
  });
}

export async function launchApp(options: LaunchOptions): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(options.profileDir, {
    executablePath: CHROMIUM_PATH,
    // Files fulfilled by the test count as a public origin for Chromium's Local Network Access checks,
    // which then block the loopback homeserver; relais:// in Electron is not a web origin at all.
    args: [...CHROMIUM_ARGS, '--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests'],
    headless: true,
    locale: 'en-GB',
  });
  await options.harness.attach(context);
  await serveAppFromDisk(context, options.webUrl);
  if (options.offline) await context.setOffline(true);
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}

/** Quits the way a window close does: unload handlers run, then the profile is flushed to disk. */
export async function quitApp(context: BrowserContext): Promise<void> {
  for (const page of context.pages()) await page.close({ runBeforeUnload: true });
  await context.close();
}
