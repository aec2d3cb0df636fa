import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * Two of Compound's dependencies append <style> elements, which the CSP (style-src 'self') refuses:
 * they are replaced by CSP-clean stand-ins (docs/design-system.md §3). The unit tests use the same.
 */
export const cspCleanAliases = {
  vaul: fileURLToPath(new URL('src/renderer/ui/compound/vaulStub.ts', import.meta.url)),
  'react-style-singleton': fileURLToPath(new URL('src/renderer/ui/compound/styleSingleton.ts', import.meta.url)),
};

// Builds the renderer. The same output is served by the desktop app's relais:// scheme and by the
// web build's server, so asset URLs are relative.
export default defineConfig({
  root: 'src/renderer',
  base: './',
  plugins: [react()],
  resolve: { alias: cspCleanAliases },
  build: {
    outDir: '../../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
    chunkSizeWarningLimit: 4096,
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
});
