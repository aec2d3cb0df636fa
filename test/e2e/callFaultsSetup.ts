// Global setup of `npm run test:calls-faults`: a real Synapse whose .well-known names an SFU port,
// and the web build, but *no* SFU: call-recovery.spec.ts starts the SFU itself on that port, so it
// can kill its worker, stop it and start it again, as the faults it tests.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { prepareSfuAppService } from '../env/appservice.ts';
import { startSynapse } from '../env/synapse.ts';
import { RENDERER_DIST, startWebServer } from '../../scripts/webServer.ts';
import { TEST_USERS } from './testUsers.ts';

export default async function callFaultsSetup(): Promise<() => Promise<void>> {
  if (!existsSync(RENDERER_DIST)) throw new Error('No web build: run `npm run build:renderer` first.');
  // The SFU is registered with Synapse as an application service (membership method `appservice`,
  // as deployed): Synapse pushes room events to the port the registration names.
  // Fixed ports, so runs sharing a machine each keep to their own: the SFU's from RELAIS_TEST_SFU_PORT,
  // else the one after Synapse's. (The spec restarts the SFU on it, so it must stay the same.)
  const synapsePort = Number(process.env.RELAIS_TEST_SYNAPSE_PORT ?? 18008);
  const appService = await prepareSfuAppService({ port: Number(process.env.RELAIS_TEST_SFU_PORT ?? synapsePort + 1) });
  const sfuPort = appService.port;
  // The SFU's membership view survives its restarts here, as a deployment's stateDir does.
  const sfuStateDir = mkdtempSync(path.join(tmpdir(), 'relais-sfu-state-'));
  const synapse = await startSynapse({
    port: synapsePort,
    appServices: [appService.registration],
    extraConfig: {
      serve_client_wellknown: true,
      extra_well_known_client_content: {
        'org.matrix.msc4143.rtc_foci': [{ type: 'relais_sfu', url: `ws://127.0.0.1:${sfuPort}/ws` }],
      },
      max_event_delay_duration: '24h',
    },
  });
  const web = await startWebServer({ rootDir: RENDERER_DIST, port: 0 });
  try {
    for (const user of Object.values(TEST_USERS)) await synapse.registerUser(user.username, user.password);
  } catch (error) {
    await Promise.all([web.close(), synapse.stop()]);
    rmSync(sfuStateDir, { recursive: true, force: true });
    throw error;
  }
  process.env.RELAIS_TEST_SFU_HS_TOKEN = appService.hsToken;
  process.env.RELAIS_TEST_SFU_STATE_DIR = sfuStateDir;
  process.env.RELAIS_TEST_HOMESERVER = synapse.baseUrl;
  process.env.RELAIS_TEST_WEB_URL = web.url;
  process.env.RELAIS_TEST_SERVER_NAME = synapse.serverName;
  process.env.RELAIS_TEST_SFU_PORT = String(sfuPort);
  process.env.RELAIS_TEST_SFU_URL = `ws://127.0.0.1:${sfuPort}/ws`;
  return async () => {
    await Promise.all([web.close(), synapse.stop()]);
    rmSync(sfuStateDir, { recursive: true, force: true });
  };
}
