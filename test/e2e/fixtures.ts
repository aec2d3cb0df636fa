import AxeBuilder from '@axe-core/playwright';
import { expect, test as base, type Page } from '@playwright/test';

export interface TestEnv {
  homeserver: string;
  webUrl: string;
}

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: the E2E global setup did not run`);
  return value;
}

export const test = base.extend<{ env: TestEnv }>({
  env: async ({}, use) => {
    await use({ homeserver: requireEnv('RELAIS_TEST_HOMESERVER'), webUrl: requireEnv('RELAIS_TEST_WEB_URL') });
  },
});

/** Fails the test on any WCAG 2.0/2.1/2.2 A or AA violation on the current screen. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary, 'axe-core WCAG 2.2 AA violations').toEqual([]);
}

export { expect };
