// Matrix side of the SFU integration tests: a real Synapse, users, a room, OpenID tokens.
import { createServer } from 'node:net';
import { prepareSfuAppService } from '../../env/appservice.ts';
import { startSfu, type SfuHandle } from '../../env/sfu.ts';
import { startSynapse, type RegisteredUser, type SynapseHandle } from '../../env/synapse.ts';
import type { OpenIdToken } from '../../../src/shared/call/index.ts';

function isFree(port: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/**
 * RELAIS_TEST_SYNAPSE_PORT when set and free (runs sharing a machine each take their own) for the
 * first vitest worker only (parallel files would race for it), else a free port in 18108–18199.
 */
export async function freeSynapsePort(): Promise<number> {
  const preferred = Number(process.env.RELAIS_TEST_SYNAPSE_PORT);
  const firstWorker = (process.env.VITEST_POOL_ID ?? '1') === '1';
  if (firstWorker && Number.isInteger(preferred) && preferred > 0 && (await isFree(preferred))) return preferred;
  const start = 18108 + Math.floor(Math.random() * 60);
  for (let port = start; port <= 18199; port++) if (await isFree(port)) return port;
  throw new Error('No free port in 18108–18199 for Synapse');
}

/**
 * An in-process SFU serving a fresh Synapse as its application service (method `appservice`). The
 * SFU starts first, so it is listening when Synapse pushes the rooms' first events to it.
 */
export async function startSfuWithSynapse(): Promise<{ sfu: SfuHandle; synapse: SynapseHandle }> {
  const appService = await prepareSfuAppService();
  const synapsePort = await freeSynapsePort();
  const sfu = await startSfu({
    mode: 'in-process',
    port: appService.port,
    homeservers: [{ serverName: 'localhost', baseUrl: `http://127.0.0.1:${synapsePort}`, hsToken: appService.hsToken }],
    extraConfig: { appservice: { membershipProofWaitMs: 1500 } },
  });
  try {
    const synapse = await startSynapse({ port: synapsePort, appServices: [appService.registration] });
    return { sfu, synapse };
  } catch (error) {
    await sfu.stop();
    throw error;
  }
}

export async function matrix(
  synapse: SynapseHandle,
  user: RegisteredUser,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const response = await fetch(`${synapse.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${user.accessToken}`, 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const json: unknown = await response.json();
  if (!response.ok) throw new Error(`${method} ${path} as ${user.userId}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

export async function createRoom(synapse: SynapseHandle, creator: RegisteredUser, name: string): Promise<string> {
  const { room_id } = (await matrix(synapse, creator, 'POST', '/_matrix/client/v3/createRoom', {
    name,
    preset: 'private_chat',
  })) as { room_id: string };
  return room_id;
}

export async function invite(synapse: SynapseHandle, inviter: RegisteredUser, roomId: string, userId: string): Promise<void> {
  await matrix(synapse, inviter, 'POST', `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/invite`, { user_id: userId });
}

export async function join(synapse: SynapseHandle, user: RegisteredUser, roomId: string): Promise<void> {
  await matrix(synapse, user, 'POST', `/_matrix/client/v3/join/${encodeURIComponent(roomId)}`, {});
}

/** What a client sends the SFU: a fresh OpenID token from its homeserver. */
export async function openIdToken(synapse: SynapseHandle, user: RegisteredUser): Promise<OpenIdToken> {
  return (await matrix(
    synapse,
    user,
    'POST',
    `/_matrix/client/v3/user/${encodeURIComponent(user.userId)}/openid/request_token`,
    {},
  )) as OpenIdToken;
}
