// `npm run demo`: Relais working with no server of your own. Starts the local Synapse from the test
// environment and the Relais SFU for calls (named in Synapse's .well-known, as a deployment would),
// seeds two demo users and a room, serves the web build, and prints how to sign in.
import { spawnSync } from 'node:child_process';
import { prepareSfuAppService } from '../test/env/appservice.ts';
import { startSfuForSynapse } from '../test/env/sfu.ts';
import { startSynapse, type RegisteredUser } from '../test/env/synapse.ts';
import { RENDERER_DIST, startWebServer } from './webServer.ts';

const HOMESERVER_PORT = Number(process.env.RELAIS_DEMO_HOMESERVER_PORT ?? 8008);
const WEB_PORT = Number(process.env.RELAIS_WEB_PORT ?? 8080);
const SFU_PORT = Number(process.env.RELAIS_DEMO_SFU_PORT ?? 8090);
const USERS = [
  { username: 'marianne', password: 'demo-relais-marianne' },
  { username: 'jules', password: 'demo-relais-jules' },
];

async function api<T>(base: string, user: RegisteredUser, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}/_matrix/client/v3${path}`, {
    method,
    headers: { authorization: `Bearer ${user.accessToken}`, 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function seed(base: string, [marianne, jules]: RegisteredUser[]): Promise<void> {
  if (!marianne || !jules) return;
  const { room_id: roomId } = await api<{ room_id: string }>(base, marianne, 'POST', '/createRoom', {
    name: 'Bienvenue — Welcome',
    topic: 'Demo room seeded by npm run demo',
    preset: 'private_chat',
    invite: [jules.userId],
    // As Relais creates rooms: every member may announce that they joined a call.
    power_level_content_override: { events: { 'org.matrix.msc3401.call.member': 0 } },
  });
  await api(base, jules, 'POST', `/join/${encodeURIComponent(roomId)}`, {});
  const messages: [RegisteredUser, string][] = [
    [marianne, 'Bonjour ! Bienvenue sur Relais.'],
    [jules, 'Hello! This room lives on the local demo homeserver.'],
  ];
  for (const [index, [user, text]] of messages.entries()) {
    await api(base, user, 'PUT', `/rooms/${encodeURIComponent(roomId)}/send/m.room.message/demo-${index}`, {
      msgtype: 'm.text',
      body: text,
    });
  }
}

console.log('Building the web app…');
const build = spawnSync('npm', ['run', 'build:renderer'], { stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) process.exit(build.status ?? 1);

console.log('Starting the local homeserver (Synapse)…');
// The SFU is registered as an application service: Synapse pushes it every room event, so it knows
// who is a member for the whole call, with no admin token.
const appService = await prepareSfuAppService({ port: SFU_PORT });
const synapse = await startSynapse({
  port: HOMESERVER_PORT,
  appServices: [appService.registration],
  extraConfig: {
    serve_client_wellknown: true,
    extra_well_known_client_content: {
      'org.matrix.msc4143.rtc_foci': [{ type: 'relais_sfu', url: `ws://127.0.0.1:${SFU_PORT}/ws` }],
    },
    max_event_delay_duration: '24h',
  },
});
// Started before the demo room exists, so the SFU sees its members join.
console.log('Starting the call server (Relais SFU, mediasoup)…');
const sfu = await startSfuForSynapse(synapse, appService);
const users = [];
for (const u of USERS) users.push(await synapse.registerUser(u.username, u.password));
await seed(synapse.baseUrl, users);
const health = await sfu.health();
const web = await startWebServer({ rootDir: RENDERER_DIST, port: WEB_PORT });

console.log(`
Relais demo is running.

  Open:        ${web.url}?hs=${encodeURIComponent(synapse.baseUrl)}
  Homeserver:  ${synapse.baseUrl}
  Sign in as:  ${USERS.map((u) => `${u.username} / ${u.password}`).join('   or   ')}
  Calls:       ${health.status === 'ok' ? 'working' : `NOT working (${health.status})`}: SFU at ${sfu.wsUrl} with ${health.workers.alive} mediasoup worker(s).
               Sign in as both users in two browser windows, open the room, press "Start call", then "Join call".

  The desktop app needs an Electron binary (not available on machines without GitHub access):
  ELECTRON_OVERRIDE_DIST_PATH=/path/to/electron npm start

Press Ctrl+C to stop; the demo homeserver's data is removed.`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await web.close();
  await sfu.stop();
  await synapse.stop();
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
