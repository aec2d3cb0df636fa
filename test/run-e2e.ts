// `npm run test:e2e [spec files...]`: builds (unless npm test already did) and runs Playwright.
import { spawnSync } from 'node:child_process';

if (!process.env.RELAIS_SKIP_BUILD) {
  const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
// Inside a private D-Bus session with a real Secret Service, for the desktop keychain tests.
const result = spawnSync('bash', ['test/env/with-keyring.sh', 'npx', 'playwright', 'test', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
