import AxeBuilder from '@axe-core/playwright';
import { expect, test as base, type Browser, type BrowserContext, type Page } from '@playwright/test';

export interface TestEnv {
  homeserver: string;
  webUrl: string;
}

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: the E2E global setup did not run`);
  return value;
}

const CONSOLE_LINES_KEPT = 600;

function recordConsole(context: BrowserContext, lines: string[]): void {
  const keep = (line: string): void => {
    lines.push(line);
    if (lines.length > CONSOLE_LINES_KEPT) lines.shift();
  };
  context.on('console', (message) => {
    const page = message.page();
    keep(`${new Date().toISOString()} [${page ? new URL(page.url()).pathname : '?'}] ${message.type()}: ${message.text()}`);
  });
  context.on('weberror', (error) => keep(`${new Date().toISOString()} pageerror: ${error.error().message}`));
}

const CSP_MARK = '[csp-violation]';

// Reports every Content-Security-Policy violation of the page on its console, where the guard below
// hears it (an init script runs before the app's own code, so violations at module load count too).
const CSP_REPORTER = `document.addEventListener('securitypolicyviolation', (e) => {
  console.error('${CSP_MARK} ' + e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber);
});`;

export const test = base.extend<{
  env: TestEnv;
  pageConsoleOnFailure: undefined;
  failOnCspViolation: boolean;
  cspGuard: undefined;
}>({
  env: async ({}, use) => {
    await use({ homeserver: requireEnv('RELAIS_TEST_HOMESERVER'), webUrl: requireEnv('RELAIS_TEST_WEB_URL') });
  },
  // A failure in CI leaves no trace behind (the clone is thrown away), so the renderer's console —
  // where the outbox and session log what failed and why — is printed with the failure. Contexts
  // the test opens with browser.newContext (most specs sign in several users) are covered by wrapping
  // it; persistent profiles (desktopProfile.ts) and Electron windows are not.
  // RELAIS_E2E_CONSOLE=1 prints it for passing tests too.
  pageConsoleOnFailure: [
    async ({ browser, context }, use, testInfo) => {
      const lines: string[] = [];
      recordConsole(context, lines);
      const original = browser.newContext.bind(browser);
      const wrapped: Browser['newContext'] = async (options) => {
        const created = await original(options);
        recordConsole(created, lines);
        return created;
      };
      browser.newContext = wrapped;
      try {
        await use(undefined);
      } finally {
        browser.newContext = original;
      }
      const asked = process.env.RELAIS_E2E_CONSOLE === '1';
      if ((asked || testInfo.status !== testInfo.expectedStatus) && lines.length > 0) {
        const text = lines.join('\n');
        await testInfo.attach('page-console.txt', { body: text, contentType: 'text/plain' });
        console.log(`--- page console of "${testInfo.title}" (last ${lines.length} lines) ---\n${text}\n--- end ---`);
      }
    },
    { auto: true },
  ],
  /**
   * Fails the test on any CSP violation in its pages (a library injecting a <style> element, an inline
   * script). Opt in with test.use({ failOnCspViolation: true }): specs that check the CSP blocks
   * something on purpose (egress) would otherwise fail.
   */
  failOnCspViolation: [false, { option: true }],
  cspGuard: [
    async ({ browser, context, failOnCspViolation }, use) => {
      if (!failOnCspViolation) {
        await use(undefined);
        return;
      }
      const violations: string[] = [];
      const watch = async (watched: BrowserContext) => {
        await watched.addInitScript({ content: CSP_REPORTER });
        watched.on('console', (message) => {
          if (message.text().startsWith(CSP_MARK)) violations.push(message.text());
        });
      };
      await watch(context);
      const original = browser.newContext.bind(browser);
      const wrapped: Browser['newContext'] = async (options) => {
        const created = await original(options);
        await watch(created);
        return created;
      };
      browser.newContext = wrapped;
      try {
        await use(undefined);
      } finally {
        browser.newContext = original;
      }
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
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
