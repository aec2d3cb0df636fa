import { defineConfig } from 'vitest/config';
import { compoundAliases } from './vite.config.ts';

export default defineConfig({
  resolve: { alias: compoundAliases },
  test: {
    include: ['test/unit/**/*.test.{ts,tsx}'],
    environment: 'node',
    // `electron` cannot run on these machines: tests that touch it vi.mock('electron') themselves.
    reporters: ['default', ['json', { outputFile: 'test-results/unit.json' }]],
    testTimeout: 20_000,
  },
});
