// A page of the desktop app (the desktop harness: real main-process handlers and keychain, no
// Electron binary) whose machine policy has the given keys, in a throwaway /etc/relais.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { createDesktopHarness, type DesktopHarness } from './desktopHarness.ts';
import type { TestLocale } from './helpers.ts';

export async function withPolicyPage(
  browser: Browser,
  appOrigin: string,
  policy: object,
  use: (page: Page, harness: DesktopHarness) => Promise<void>,
  options: { locale?: TestLocale; initScript?: string } = {},
): Promise<void> {
  const root = mkdtempSync(path.join(tmpdir(), 'relais-policy-'));
  const policyDir = path.join(root, 'etc-relais');
  mkdirSync(policyDir);
  writeFileSync(path.join(policyDir, 'policy.json'), JSON.stringify({ policyVersion: 1, ...policy }));
  try {
    const harness = await createDesktopHarness({ appOrigin, markerFile: path.join(root, 'marker.json'), policyDir });
    const context = await browser.newContext({ locale: options.locale ?? 'en-GB' });
    await harness.attach(context);
    if (options.initScript) await context.addInitScript({ content: options.initScript });
    await use(await context.newPage(), harness);
    await context.close();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
