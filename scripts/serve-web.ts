// `npm run web`: serves the web build on http://127.0.0.1:8080 (RELAIS_WEB_PORT to change it).
import { existsSync } from 'node:fs';
import { RENDERER_DIST, startWebServer } from './webServer.ts';

if (!existsSync(RENDERER_DIST)) {
  console.error('No web build found. Run `npm run build:renderer` first (npm run web does it for you).');
  process.exit(1);
}
const port = Number(process.env.RELAIS_WEB_PORT ?? 8080);
const server = await startWebServer({ rootDir: RENDERER_DIST, port });
console.log(`Relais web build: ${server.url}  (Ctrl+C to stop)`);
process.on('SIGINT', () => void server.close().then(() => process.exit(0)));
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
