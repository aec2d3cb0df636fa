// `npm run test:calls-faults`: the slow call fault tests (worker killed ten times, the SFU down for
// 90 s, a member removed mid-call). Same browser and reporter set-up as the main E2E run, with a
// global setup that leaves the SFU to the spec, which kills and restarts it.
import { defineConfig } from '@playwright/test';
import base from './playwright.config.ts';

export default defineConfig({
  ...base,
  testMatch: 'call-recovery.spec.ts',
  testIgnore: [],
  globalSetup: './test/e2e/callFaultsSetup.ts',
  timeout: 300_000,
  reporter: [['list'], ['json', { outputFile: 'test-results/calls-faults.json' }]],
  outputDir: 'test-results/calls-faults-artifacts',
});
