// `npm test`: lint, typecheck, build, unit tests (vitest), then E2E tests (Playwright against a real
// Synapse in Debian's Chromium). Stops at the first failing stage and ends with one summary line.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { add, playwrightCounts, vitestCounts, type Counts } from './summary.ts';

const stages: { name: string; args: string[] }[] = [
  { name: 'lint', args: ['run', 'lint'] },
  { name: 'typecheck', args: ['run', 'typecheck'] },
  { name: 'build', args: ['run', 'build'] },
  { name: 'unit tests', args: ['run', 'test:unit'] },
  { name: 'E2E tests', args: ['run', 'test:e2e'] },
  // Slow on purpose (a worker killed ten times, the SFU down for 90 s): its own Synapse and SFU.
  { name: 'call fault tests', args: ['run', 'test:calls-faults'] },
];

rmSync('test-results/unit.json', { force: true });
rmSync('test-results/e2e.json', { force: true });
rmSync('test-results/calls-faults.json', { force: true });

let failedStage: string | null = null;
const started = Date.now();
for (const stage of stages) {
  console.log(`\n=== ${stage.name} ===`);
  const result = spawnSync('npm', stage.args, {
    stdio: 'inherit',
    env: { ...process.env, RELAIS_SKIP_BUILD: '1' },
  });
  if (result.status !== 0) {
    failedStage = stage.name;
    break;
  }
}

let counts: Counts = { passed: 0, failed: 0, skipped: 0 };
counts = add(counts, vitestCounts('test-results/unit.json'));
counts = add(counts, playwrightCounts('test-results/e2e.json'));
counts = add(counts, playwrightCounts('test-results/calls-faults.json'));
const seconds = Math.round((Date.now() - started) / 1000);
if (failedStage) console.log(`\nFAILED at stage: ${failedStage} (${seconds} s)`);
else console.log(`\nAll stages passed in ${seconds} s`);
console.log(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(failedStage ? 1 : 0);
