// `npm start`: runs the desktop app. The electron package downloads its binary on first run; where
// that is impossible (machines without GitHub access), point ELECTRON_OVERRIDE_DIST_PATH at a folder
// holding an Electron build, or use `npm run web`.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let electronPath: string;
try {
  electronPath = require('electron') as string;
} catch (error) {
  console.error(`Electron is not available here: ${error instanceof Error ? error.message : String(error)}`);
  console.error('Set ELECTRON_OVERRIDE_DIST_PATH to an Electron build, or run `npm run web` for the web build.');
  process.exit(1);
}
const child = spawn(electronPath, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 1));
child.on('error', (error) => {
  console.error(`Could not start Electron (${electronPath}): ${error.message}`);
  console.error('Set ELECTRON_OVERRIDE_DIST_PATH to an Electron build, or run `npm run web` for the web build.');
  process.exit(1);
});
