// Bundles the main process and the preload into CommonJS files Electron loads directly.
// The preload is sandboxed: it can only `require('electron')`, so everything else is inlined.
import { build, type BuildOptions } from 'esbuild';

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: true,
  // Native N-API modules (the keychain binding; native-reg, the Windows registry reader, and koffi,
  // which reads a policy file's owner and ACL, both required lazily on Windows only) are loaded
  // from node_modules, never bundled.
  external: ['electron', '@napi-rs/keyring', 'native-reg', 'koffi'],
  logLevel: 'info',
};

await Promise.all([
  build({ ...common, entryPoints: ['src/main/main.ts'], outfile: 'dist/main/main.cjs' }),
  build({ ...common, entryPoints: ['src/preload/preload.ts'], outfile: 'dist/preload/preload.cjs' }),
]);
