import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const stub = (file: string) => fileURLToPath(new URL(`src/renderer/ui/compound/${file}`, import.meta.url));

/**
 * Stand-ins for three of Compound's dependencies (docs/design-system.md §3): two append <style>
 * elements, which the CSP (style-src 'self') refuses, and one hides the page behind a menu with
 * aria-hidden where inert is right. Exact names only: the stand-ins import the real packages' files.
 * The unit tests use the same.
 */
export const compoundAliases = [
  { find: /^vaul$/, replacement: stub('vaulStub.ts') },
  { find: /^react-style-singleton$/, replacement: stub('styleSingleton.ts') },
  { find: /^aria-hidden$/, replacement: stub('ariaHidden.ts') },
];

// Builds the renderer. The same output is served by the desktop app's relais:// scheme and by the
// web build's server, so asset URLs are relative.
export default defineConfig({
  root: 'src/renderer',
  base: './',
  plugins: [react()],
  resolve: { alias: compoundAliases },
  build: {
    outDir: '../../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
    chunkSizeWarningLimit: 4096,
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
});
