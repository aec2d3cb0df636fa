// Starts the real components the E2E tests use: a Synapse homeserver on loopback with registered
// users, the Relais SFU (real mediasoup worker) that Synapse's .well-known names for calls, and the
// web build served with the app's CSP. Everything is stopped when the run ends.
import { existsSync } from 'node:fs';
import { prepareSfuAppService } from '../env/appservice.ts';
import { startSfuForSynapse, type SfuHandle } from '../env/sfu.ts';
import { startSynapse } from '../env/synapse.ts';
import { RENDERER_DIST, startWebServer } from '../../scripts/webServer.ts';
import { TEST_USERS } from './testUsers.ts';

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(RENDERER_DIST)) throw new Error('No web build: run `npm run build` before the E2E tests.');
  // Synapse pushes room events to the SFU (its application-service registration) and its
  // .well-known names the SFU: pick the SFU's port first, start Synapse naming it, then the SFU on it.
  const appService = await prepareSfuAppService();
  const sfuPort = appService.port;
  const synapse = await startSynapse({
    port: Number(process.env.RELAIS_TEST_SYNAPSE_PORT ?? 18008),
    appServices: [appService.registration],
    extraConfig: {
      // A small upload limit, so the "file too large" path is tested without huge files.
      max_upload_size: '5M',
      // The call server, as a deployment announces it: .well-known/matrix/client (MSC4143 rtc_foci).
      serve_client_wellknown: true,
      extra_well_known_client_content: {
        'org.matrix.msc4143.rtc_foci': [{ type: 'relais_sfu', url: `ws://127.0.0.1:${sfuPort}/ws` }],
      },
      // Delayed events (MSC4140): the server clears a call membership if the app vanishes.
      max_event_delay_duration: '24h',
      // Link previews (composer.spec.ts): the homeserver fetches the page, never the client. The test
      // serves its page on loopback, which Synapse refuses unless allowed; everything else stays denied.
      url_preview_enabled: true,
      url_preview_ip_range_blacklist: [
        '127.0.0.0/8',
        '10.0.0.0/8',
        '172.16.0.0/12',
        '192.168.0.0/16',
        '169.254.0.0/16',
        '::1/128',
        'fe80::/10',
        'fc00::/7',
      ],
      url_preview_ip_range_whitelist: ['127.0.0.1'],
    },
  });
  const web = await startWebServer({ rootDir: RENDERER_DIST, port: 0 });
  let sfu: SfuHandle | null = null;
  try {
    for (const user of Object.values(TEST_USERS)) await synapse.registerUser(user.username, user.password);
    // No admin token: the SFU knows membership from the events Synapse pushes to it.
    sfu = await startSfuForSynapse(synapse, appService);
  } catch (error) {
    await Promise.all([web.close(), synapse.stop(), sfu?.stop()]);
    throw error;
  }
  // Workers start after global setup and inherit these.
  process.env.RELAIS_TEST_HOMESERVER = synapse.baseUrl;
  process.env.RELAIS_TEST_WEB_URL = web.url;
  process.env.RELAIS_TEST_SFU_URL = sfu.wsUrl;
  const started = sfu;
  return async () => {
    await Promise.all([web.close(), synapse.stop(), started.stop()]);
  };
}
