import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Builds the renderer. The same output is served by the desktop app's relais:// scheme and by the
// web build's server, so asset URLs are relative.
export default defineConfig({
  root: 'src/renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
    chunkSizeWarningLimit: 4096,
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
});
