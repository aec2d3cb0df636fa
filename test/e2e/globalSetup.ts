// Starts the real components the E2E tests use: a Synapse homeserver on loopback with registered
// users, and the web build served with the app's CSP. Everything is stopped when the run ends.
import { existsSync } from 'node:fs';
import { startSynapse } from '../env/synapse.ts';
import { RENDERER_DIST, startWebServer } from '../../scripts/webServer.ts';
import { TEST_USERS } from './testUsers.ts';

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(RENDERER_DIST)) throw new Error('No web build: run `npm run build` before the E2E tests.');
  const synapse = await startSynapse({
    port: Number(process.env.RELAIS_TEST_SYNAPSE_PORT ?? 18008),
    // A small upload limit, so the "file too large" path is tested without huge files.
    extraConfig: { max_upload_size: '5M' },
  });
  const web = await startWebServer({ rootDir: RENDERER_DIST, port: 0 });
  try {
    for (const user of Object.values(TEST_USERS)) await synapse.registerUser(user.username, user.password);
  } catch (error) {
    await Promise.all([web.close(), synapse.stop()]);
    throw error;
  }
  // Workers start after global setup and inherit these.
  process.env.RELAIS_TEST_HOMESERVER = synapse.baseUrl;
  process.env.RELAIS_TEST_WEB_URL = web.url;
  return async () => {
    await Promise.all([web.close(), synapse.stop()]);
  };
}
