// Membership enforced for the whole call, against a real Synapse that pushes room events to the SFU
// (application service) and the real mediasoup worker: a kick, a ban, a leave on another device or
// a deactivated account takes the user out of the call within 2 s, and they cannot come back.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENV_CACHE_ROOT } from '../../env/chroot.ts';
import { startSfu, type SfuHandle } from '../../env/sfu.ts';
import { startSynapse, type RegisteredUser, type SynapseHandle } from '../../env/synapse.ts';
import { connectCallClient, type TestCallClient } from './callClient.ts';
import {
  createRoom,
  freeSynapsePort,
  invite,
  join,
  matrix,
  openIdToken,
  startSfuWithSynapse,
} from '../support/matrixFixtures.ts';

const provisioned = existsSync(path.join(ENV_CACHE_ROOT, 'current', '.relais-ready'));
type Name = 'owner' | 'alice' | 'bob' | 'carol' | 'dave' | 'erin' | 'frank';

describe.skipIf(!provisioned)('SFU membership for the whole call (real Synapse pushing events, real worker)', () => {
  let synapse: SynapseHandle;
  let sfu: SfuHandle;
  const users = {} as Record<Name, RegisteredUser>;
  let roomId: string;
  const clients: TestCallClient[] = [];
  const opus = (ssrc: number) => ({
    codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2 }],
    encodings: [{ ssrc }],
  });

  beforeAll(async () => {
    ({ sfu, synapse } = await startSfuWithSynapse());
    for (const name of ['owner', 'alice', 'bob', 'carol', 'dave', 'erin', 'frank'] as const)
      users[name] = await synapse.registerUser(name, `${name}-membership-password`);
    roomId = await createRoom(synapse, users.owner, 'Trusted call');
    for (const name of ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'] as const) {
      await invite(synapse, users.owner, roomId, users[name].userId);
      await join(synapse, users[name], roomId);
    }
    // The last join has been pushed to the SFU.
    for (let i = 0; i < 100 && !sfu.server?.membership?.isJoined(roomId, users.frank.userId); i++)
      await new Promise((resolve) => setTimeout(resolve, 100));
  }, 120_000);

  afterAll(async () => {
    for (const client of clients) client.close();
    await (sfu as SfuHandle | undefined)?.stop();
    await (synapse as SynapseHandle | undefined)?.stop();
  }, 60_000);

  async function joinAs(user: RegisteredUser, deviceId = 'DEVICE', displayName?: string) {
    const c = await connectCallClient(sfu.wsUrl);
    clients.push(c);
    const { rtpCapabilities } = await c.request('getRouterRtpCapabilities', {});
    const joined = await c.request('join', {
      openIdToken: await openIdToken(synapse, user),
      userId: user.userId,
      deviceId,
      roomId,
      rtpCapabilities,
      ...(displayName ? { displayName } : {}),
    });
    return { c, joined, rtpCapabilities };
  }

  const room = (suffix: string) => `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/${suffix}`;

  /** A member with a producer, and alice consuming it; returns what the removal test needs. */
  async function inCallWithMedia(user: RegisteredUser, ssrc: number) {
    const alice = await joinAs(users.alice, `A${ssrc}`);
    const target = await joinAs(user);
    const send = await target.c.request('createWebRtcTransport', { direction: 'send' });
    const { producerId } = await target.c.request('produce', {
      transportId: send.transportId,
      kind: 'audio',
      rtpParameters: opus(ssrc),
      source: 'microphone',
    });
    const recv = await alice.c.request('createWebRtcTransport', { direction: 'recv' });
    const consumer = await alice.c.request('consume', { transportId: recv.transportId, producerId });
    return { alice, target, producerId, consumer };
  }

  async function expectRemoved(
    setup: Awaited<ReturnType<typeof inCallWithMedia>>,
    act: () => Promise<unknown>,
    expected: { reason: 'kicked' | 'banned' | 'left-room'; by?: string },
    what: string,
  ): Promise<number> {
    const started = performance.now();
    await act();
    const removed = await setup.target.c.waitFor('removedFromCall', 5000);
    const removedMs = Math.round(performance.now() - started);
    expect(removed.data).toEqual(expected);
    expect((await setup.alice.c.waitFor('peerLeft', 5000)).data).toEqual({
      peerId: setup.target.joined.peerId,
      reason: 'removed',
    });
    expect((await setup.alice.c.waitFor('consumerClosed', 5000)).data).toEqual({
      consumerId: setup.consumer.consumerId,
      producerId: setup.producerId,
    });
    const leftMs = Math.round(performance.now() - started);
    expect((await setup.target.c.closed).code).toBe(4003);
    const call = sfu.server!.calls.find(roomId)!;
    expect(call.peers.has(setup.target.joined.peerId)).toBe(false);
    console.log(`${what}: removedFromCall after ${removedMs} ms, peerLeft + consumerClosed at the others after ${leftMs} ms`);
    expect(leftMs).toBeLessThan(2000);
    setup.alice.c.close();
    return leftMs;
  }

  it('shows the display name of the room state, never the one the client sends', async () => {
    await matrix(synapse, users.frank, 'PUT', room(`state/m.room.member/${encodeURIComponent(users.frank.userId)}`), {
      membership: 'join',
      displayname: 'Frank (room name)',
    });
    await new Promise((resolve) => setTimeout(resolve, 500)); // the new name is pushed to the SFU
    const frank = await joinAs(users.frank, 'F', 'The Director General');
    const alice = await joinAs(users.alice, 'AF');
    const seen = alice.joined.peers.find((peer) => peer.peerId === frank.joined.peerId);
    expect(seen?.displayName).toBe('Frank (room name)');
    frank.c.close();
    alice.c.close();
  });

  it('a kick takes the user out within 2 s: media closed, others told, re-join refused until re-invited', async () => {
    const setup = await inCallWithMedia(users.bob, 1001);
    await expectRemoved(
      setup,
      () => matrix(synapse, users.owner, 'POST', room('kick'), { user_id: users.bob.userId, reason: 'test' }),
      { reason: 'kicked', by: users.owner.userId },
      'kick',
    );
    await expect(joinAs(users.bob)).rejects.toMatchObject({ code: 'removed-from-room' });
    await invite(synapse, users.owner, roomId, users.bob.userId);
    await join(synapse, users.bob, roomId);
    const back = await joinAs(users.bob, 'AGAIN');
    expect(back.joined.peerId).toBeTruthy();
    back.c.close();
  });

  it('a ban takes the user out, and they stay out', async () => {
    const setup = await inCallWithMedia(users.carol, 1002);
    await expectRemoved(
      setup,
      () => matrix(synapse, users.owner, 'POST', room('ban'), { user_id: users.carol.userId, reason: 'test' }),
      { reason: 'banned', by: users.owner.userId },
      'ban',
    );
    await expect(joinAs(users.carol)).rejects.toMatchObject({ code: 'removed-from-room' });
  });

  it('leaving the room on another device takes the user out of the call', async () => {
    const setup = await inCallWithMedia(users.dave, 1003);
    await expectRemoved(setup, () => matrix(synapse, users.dave, 'POST', room('leave'), {}), { reason: 'left-room' }, 'leave');
  });

  it('a deactivated account is taken out of the call', async () => {
    const setup = await inCallWithMedia(users.erin, 1004);
    await expectRemoved(
      setup,
      () =>
        matrix(synapse, users.erin, 'POST', '/_matrix/client/v3/account/deactivate', {
          auth: { type: 'm.login.password', identifier: { type: 'm.id.user', user: 'erin' }, password: users.erin.password },
        }),
      { reason: 'left-room' },
      'deactivation',
    );
  });
});

describe.skipIf(!provisioned)('SFU application-service endpoint and proof of membership (real Synapse for OpenID)', () => {
  let synapse: SynapseHandle;
  let alice: RegisteredUser;
  let stateDir: string;
  const HS_TOKEN = 'test-hs-token-0123456789abcdef';
  let ROOM = '!pushed:localhost';

  beforeAll(async () => {
    synapse = await startSynapse({ port: await freeSynapsePort() });
    alice = await synapse.registerUser('alice', 'alice-as-password');
    stateDir = mkdtempSync(path.join(tmpdir(), 'relais-sfu-state-'));
  }, 120_000);

  afterAll(async () => {
    await (synapse as SynapseHandle | undefined)?.stop();
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  }, 60_000);

  const start = () =>
    startSfu({
      mode: 'in-process',
      homeservers: [{ serverName: 'localhost', baseUrl: synapse.baseUrl, hsToken: HS_TOKEN }],
      extraConfig: { appservice: { membershipProofWaitMs: 3000, stateDir, saveDebounceMs: 50 } },
    });

  async function push(sfu: SfuHandle, txnId: string, events: unknown[], token = HS_TOKEN): Promise<number> {
    const response = await fetch(`${sfu.url}/_matrix/app/v1/transactions/${txnId}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events }),
    });
    expect(await response.json()).toBeTypeOf('object');
    return response.status;
  }
  const memberEvent = (membership: string, sender = alice.userId) => ({
    type: 'm.room.member',
    room_id: ROOM,
    sender,
    state_key: alice.userId,
    content: { membership },
  });

  async function tryJoin(sfu: SfuHandle) {
    const c = await connectCallClient(sfu.wsUrl);
    const { rtpCapabilities } = await c.request('getRouterRtpCapabilities', {});
    try {
      return await c.request('join', {
        openIdToken: await openIdToken(synapse, alice),
        userId: alice.userId,
        deviceId: 'D',
        roomId: ROOM,
        rtpCapabilities,
      });
    } finally {
      c.close();
    }
  }

  it('refuses a wrong hs_token, answers ping and 404 for user and room queries, applies a retried transaction once', async () => {
    const sfu = await start();
    try {
      expect(await push(sfu, 't1', [memberEvent('join')], 'wrong-token')).toBe(401);
      expect(sfu.server?.membership?.isJoined(ROOM, alice.userId)).toBe(false);
      const auth = { authorization: `Bearer ${HS_TOKEN}` };
      expect((await fetch(`${sfu.url}/_matrix/app/v1/ping`, { method: 'POST', headers: auth, body: '{}' })).status).toBe(200);
      const query = await fetch(`${sfu.url}/_matrix/app/v1/users/%40x%3Alocalhost`, { headers: auth });
      expect([query.status, ((await query.json()) as { errcode: string }).errcode]).toEqual([404, 'M_NOT_FOUND']);
      expect((await fetch(`${sfu.url}/_matrix/app/v1/rooms/%23a%3Alocalhost`, { headers: auth })).status).toBe(404);

      expect(await push(sfu, 't1', [memberEvent('join')])).toBe(200);
      expect(await push(sfu, 't2', [memberEvent('leave', '@admin:localhost')])).toBe(200);
      // The homeserver retries t1 (its answer was lost): the kick that followed still holds.
      expect(await push(sfu, 't1', [memberEvent('join')])).toBe(200);
      expect(sfu.server?.membership?.isJoined(ROOM, alice.userId)).toBe(false);
      await expect(tryJoin(sfu)).rejects.toMatchObject({ code: 'auth-not-member' });
    } finally {
      await sfu.stop();
    }
  });

  it('waits for proof of an unknown member (their call membership event), and keeps the view across a restart', async () => {
    ROOM = '!fresh:localhost';
    let sfu = await start();
    try {
      // Nobody is known in the room yet: the join waits, and the client's call membership arrives.
      const started = performance.now();
      const pending = tryJoin(sfu);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await push(sfu, 'p1', [
        {
          type: 'org.matrix.msc3401.call.member',
          room_id: ROOM,
          sender: alice.userId,
          state_key: `_${alice.userId}_D`,
          content: {},
        },
      ]);
      await expect(pending).resolves.toMatchObject({ peers: [] });
      console.log(
        `unknown member admitted ${Math.round(performance.now() - started)} ms after the join (proof pushed at 300 ms)`,
      );
      // Someone never proven is refused after the wait, with a message saying what to do.
      const bob = await synapse.registerUser('bob', 'bob-as-password');
      const c = await connectCallClient(sfu.wsUrl);
      const { rtpCapabilities } = await c.request('getRouterRtpCapabilities', {});
      const waitStarted = performance.now();
      await expect(
        c.request('join', {
          openIdToken: await openIdToken(synapse, bob),
          userId: bob.userId,
          deviceId: 'B',
          roomId: ROOM,
          rtpCapabilities,
        }),
      ).rejects.toMatchObject({ code: 'auth-not-member', message: expect.stringContaining('call membership') as unknown });
      expect(performance.now() - waitStarted).toBeGreaterThanOrEqual(2900);
      c.close();
      await push(sfu, 'p2', [memberEvent('ban', '@admin:localhost')]);
    } finally {
      await sfu.stop();
    }
    // A new SFU process on the same state directory still knows alice was banned.
    sfu = await start();
    try {
      const started = performance.now();
      await expect(tryJoin(sfu)).rejects.toMatchObject({ code: 'auth-not-member' });
      expect(performance.now() - started).toBeLessThan(2000);
    } finally {
      await sfu.stop();
    }
  });
});
