// The SFU against the real thing: a real Synapse (OpenID, and room events pushed to the SFU as an
// application service for membership), the real mediasoup worker
// from the test chroot, real WebSocket signaling. Node has no WebRTC, so media flow itself is tested
// in Chromium by the app's E2E tests; here producers and consumers are created from RTP parameters.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENV_CACHE_ROOT } from '../../env/chroot.ts';
import { startSfu, startSfuWithSynapseAdmin, type SfuHandle } from '../../env/sfu.ts';
import type { RegisteredUser, SynapseHandle } from '../../env/synapse.ts';
import { connectCallClient, type TestCallClient } from './callClient.ts';
import { opusWithLevel, plainTransportFor, sendLoudAudio } from './rtpProbe.ts';
import { createRoom, invite, join, openIdToken, startSfuWithSynapse } from '../support/matrixFixtures.ts';

const provisioned = existsSync(path.join(ENV_CACHE_ROOT, 'current', '.relais-ready'));

describe.skipIf(!provisioned)('SFU with a real Synapse and mediasoup worker (needs `npm run setup`)', () => {
  let synapse: SynapseHandle;
  let sfu: SfuHandle;
  const users: Record<'admin' | 'alice' | 'bob' | 'carol' | 'dave' | 'bot', RegisteredUser> = {} as never;
  let roomId: string;
  let botlessRoomId: string;
  const clients: TestCallClient[] = [];

  beforeAll(async () => {
    ({ sfu, synapse } = await startSfuWithSynapse());
    users.admin = await synapse.registerUser('sfu-admin', 'sfu-admin-password', true);
    for (const name of ['alice', 'bob', 'carol', 'dave', 'bot'] as const)
      users[name] = await synapse.registerUser(name, `${name}-sfu-password`);
    roomId = await createRoom(synapse, users.alice, 'Call room');
    for (const member of [users.bob, users.bot]) {
      await invite(synapse, users.alice, roomId, member.userId);
      await join(synapse, member, roomId);
    }
    await invite(synapse, users.alice, roomId, users.dave.userId); // invited, never joined
    botlessRoomId = await createRoom(synapse, users.alice, 'No bot here');
  }, 120_000);

  afterAll(async () => {
    for (const client of clients) client.close();
    await (sfu as SfuHandle | undefined)?.stop(); // undefined when beforeAll failed
    await (synapse as SynapseHandle | undefined)?.stop();
  }, 60_000);

  async function client(): Promise<TestCallClient> {
    const c = await connectCallClient(sfu.wsUrl);
    clients.push(c);
    return c;
  }

  async function joinAs(c: TestCallClient, user: RegisteredUser, room = roomId, deviceId = 'DEVICE') {
    const { rtpCapabilities } = await c.request('getRouterRtpCapabilities', {});
    return c.request('join', {
      openIdToken: await openIdToken(synapse, user),
      userId: user.userId,
      deviceId,
      roomId: room,
      rtpCapabilities,
    });
  }

  const opus = {
    codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2 }],
    encodings: [{ ssrc: 11111111 }],
  };

  it('lets a member join, with router capabilities and WebRTC transports on the configured address', async () => {
    const alice = await client();
    const { rtpCapabilities } = await alice.request('getRouterRtpCapabilities', {});
    expect(JSON.stringify(rtpCapabilities)).toContain('audio/opus');
    const joined = await joinAs(alice, users.alice);
    expect(joined).toMatchObject({ peers: [], iceServers: [], subscription: { lastN: 4, audioAllUpTo: 20, loudestK: 6 } });
    const send = await alice.request('createWebRtcTransport', { direction: 'send' });
    const recv = await alice.request('createWebRtcTransport', { direction: 'recv' });
    expect(send.transportId).not.toBe(recv.transportId);
    expect(send.iceCandidates.length).toBeGreaterThan(0);
    for (const candidate of send.iceCandidates) expect(candidate).toMatchObject({ ip: '127.0.0.1' });
    expect(send.dtlsParameters).toMatchObject({
      fingerprints: expect.arrayContaining([expect.objectContaining({ algorithm: 'sha-256' })]) as unknown,
    });
    const restarted = await alice.request('restartIce', { transportId: send.transportId });
    expect(restarted.iceParameters).toMatchObject({ usernameFragment: expect.any(String) as unknown });
    expect(await sfu.health()).toMatchObject({ status: 'ok', calls: 1, peers: 1, workers: { configured: 1, alive: 1 } });
    await alice.request('leave', {});
    expect(await sfu.health()).toMatchObject({ calls: 0, peers: 0 });
  });

  it('tells peers about each other and relays producers to paused consumers', async () => {
    const alice = await client();
    const bob = await client();
    const aliceJoin = await joinAs(alice, users.alice);
    const aliceSend = await alice.request('createWebRtcTransport', { direction: 'send' });
    const { producerId } = await alice.request('produce', {
      transportId: aliceSend.transportId,
      kind: 'audio',
      rtpParameters: opus,
      source: 'microphone',
    });

    const bobJoin = await joinAs(bob, users.bob);
    expect(bobJoin.peers).toEqual([
      {
        peerId: aliceJoin.peerId,
        userId: users.alice.userId,
        deviceId: 'DEVICE',
        // From the room state (her m.room.member event), not from anything the client sent.
        displayName: 'alice',
        producers: [{ producerId, kind: 'audio', source: 'microphone', paused: false }],
      },
    ]);
    expect((await alice.waitFor('newPeer')).data.peer).toMatchObject({ peerId: bobJoin.peerId, userId: users.bob.userId });

    const bobRecv = await bob.request('createWebRtcTransport', { direction: 'recv' });
    await expect(bob.request('consume', { transportId: aliceSend.transportId, producerId })).rejects.toMatchObject({
      code: 'not-found',
    });
    const consumer = await bob.request('consume', { transportId: bobRecv.transportId, producerId });
    expect(consumer).toMatchObject({
      producerId,
      peerId: aliceJoin.peerId,
      kind: 'audio',
      source: 'microphone',
      type: 'simple',
      producerPaused: false,
    });
    await bob.request('resumeConsumer', { consumerId: consumer.consumerId });

    await alice.request('pauseProducer', { producerId });
    expect((await bob.waitFor('producerPaused')).data).toEqual({ peerId: aliceJoin.peerId, producerId });
    expect((await bob.waitFor('consumerPaused')).data).toEqual({ consumerId: consumer.consumerId });
    await alice.request('closeProducer', { producerId });
    expect((await bob.waitFor('consumerClosed')).data).toEqual({ consumerId: consumer.consumerId, producerId });
    expect((await bob.waitFor('producerClosed')).data).toEqual({ peerId: aliceJoin.peerId, producerId });
    await expect(bob.request('resumeConsumer', { consumerId: consumer.consumerId })).rejects.toMatchObject({ code: 'not-found' });

    alice.close();
    expect((await bob.waitFor('peerLeft')).data).toEqual({ peerId: aliceJoin.peerId });
    await bob.request('leave', {});
  });

  it('refuses non-members, invited-only users, bad tokens, someone else’s token and other homeservers', async () => {
    const c = await client();
    const { rtpCapabilities } = await c.request('getRouterRtpCapabilities', {});
    const attempt = async (token: Awaited<ReturnType<typeof openIdToken>>, userId: string, room = roomId) =>
      c.request('join', { openIdToken: token, userId, deviceId: 'D', roomId: room, rtpCapabilities });
    await expect(attempt(await openIdToken(synapse, users.carol), users.carol.userId)).rejects.toMatchObject({
      code: 'auth-not-member',
    });
    await expect(attempt(await openIdToken(synapse, users.dave), users.dave.userId)).rejects.toMatchObject({
      code: 'auth-not-member',
    });
    const forged = {
      access_token: 'not-a-real-token',
      token_type: 'Bearer',
      matrix_server_name: synapse.serverName,
      expires_in: 3600,
    };
    await expect(attempt(forged, users.alice.userId)).rejects.toMatchObject({ code: 'auth-invalid-token' });
    await expect(attempt(await openIdToken(synapse, users.carol), users.alice.userId)).rejects.toMatchObject({
      code: 'auth-user-mismatch',
    });
    const elsewhere = { ...forged, matrix_server_name: 'elsewhere.example' };
    await expect(attempt(elsewhere, '@eve:elsewhere.example')).rejects.toMatchObject({ code: 'auth-homeserver-not-allowed' });
    await expect(
      attempt(await openIdToken(synapse, users.alice), users.alice.userId, '!unknown:localhost'),
    ).rejects.toMatchObject({
      code: 'auth-not-member',
    });
    // Refused joins leave the connection usable but unauthenticated.
    await expect(c.request('createWebRtcTransport', { direction: 'send' })).rejects.toMatchObject({ code: 'not-joined' });
    await expect(attempt(await openIdToken(synapse, users.alice), users.alice.userId)).resolves.toMatchObject({ peers: [] });
    await c.request('leave', {});
  });

  it('holds requests sent right behind a join: refused if the join is refused, run once it succeeds', async () => {
    const c = await client();
    const { rtpCapabilities } = await c.request('getRouterRtpCapabilities', {});
    const join = (token: Awaited<ReturnType<typeof openIdToken>>, userId: string) =>
      c.request('join', { openIdToken: token, userId, deviceId: 'PIPELINED', roomId, rtpCapabilities });
    const transports = () => (['send', 'recv'] as const).map((direction) => c.request('createWebRtcTransport', { direction }));
    // Each expectation is attached as its request is sent: an early refusal is not an unhandled rejection.
    const refusedWith = (code: string, requests: Promise<unknown>[]) =>
      Promise.all(requests.map((request) => expect(request).rejects.toMatchObject({ code })));
    // A non-member's join, with two transports right behind it: everything refused, nothing created.
    const refused = join(await openIdToken(synapse, users.carol), users.carol.userId);
    const behindRefused = refusedWith('not-joined', transports());
    await expect(refused).rejects.toMatchObject({ code: 'auth-not-member' });
    await behindRefused;
    expect(await sfu.health()).toMatchObject({ calls: 0, peers: 0 });
    // A forged token: the same.
    const forged = { access_token: 'forged', token_type: 'Bearer', matrix_server_name: synapse.serverName, expires_in: 3600 };
    const forgedJoin = join(forged, users.alice.userId);
    const behindForged = refusedWith('not-joined', transports());
    await expect(forgedJoin).rejects.toMatchObject({ code: 'auth-invalid-token' });
    await behindForged;
    // A member's join: the requests behind it run after it (a few at most are held; more are refused at once).
    const accepted = join(await openIdToken(synapse, users.alice), users.alice.userId);
    const [send, recv] = transports();
    const pause = () => c.request('pauseProducer', { producerId: 'no-such-producer' });
    // Held, then run after the join: the producer is looked for (and not found), not refused as not joined.
    const heldToo = refusedWith('not-found', [pause(), pause()]);
    await refusedWith('not-joined', [pause()]);
    await expect(accepted).resolves.toMatchObject({ peers: [] });
    expect((await send)?.transportId).not.toBe((await recv)?.transportId);
    await heldToo;
    await c.request('leave', {});
  });

  it('checks membership with a service account in the room (room-state method)', async () => {
    const viaBot = await startSfu({
      mode: 'in-process',
      homeservers: [
        {
          serverName: synapse.serverName,
          baseUrl: synapse.baseUrl,
          membershipToken: users.bot.accessToken,
          membershipMethod: 'room-state',
        },
      ],
    });
    try {
      const c = await connectCallClient(viaBot.wsUrl);
      clients.push(c);
      await expect(joinAs(c, users.carol)).rejects.toMatchObject({ code: 'auth-not-member' });
      await expect(joinAs(c, users.alice, botlessRoomId)).rejects.toMatchObject({
        code: 'auth-not-member',
        message: expect.stringContaining('service account') as unknown,
      });
      await expect(joinAs(c, users.bob)).resolves.toMatchObject({ peers: [] });
      c.close();
    } finally {
      await viaBot.stop();
    }
  });

  it('replaces a dead worker and tells its calls’ peers to re-join, who then can', async () => {
    const alice = await client();
    const bob = await client();
    await joinAs(alice, users.alice);
    await joinAs(bob, users.bob);
    const slot = sfu.server!.pool.slots[0]!;
    const deadPid = slot.worker!.pid;
    process.kill(deadPid, 'SIGKILL');
    for (const c of [alice, bob])
      expect((await c.waitFor('callRestarting')).data).toEqual({ reason: 'worker-died', retryAfterMs: 0 });
    await expect(alice.request('createWebRtcTransport', { direction: 'send' })).rejects.toMatchObject({ code: 'not-joined' });
    await expect.poll(() => slot.worker?.pid, { timeout: 10_000 }).toBeDefined();
    expect(slot.worker!.pid).not.toBe(deadPid);
    expect(await sfu.health()).toMatchObject({ status: 'ok', workers: { alive: 1 }, calls: 0 });
    await joinAs(alice, users.alice);
    const rejoined = await joinAs(bob, users.bob);
    expect(rejoined.peers).toHaveLength(1);
    expect(await alice.request('createWebRtcTransport', { direction: 'send' })).toHaveProperty('transportId');
    alice.close();
    bob.close();
  });

  it('a re-join that arrives before the replacement worker is up waits for it instead of failing', async () => {
    const alice = await client();
    await joinAs(alice, users.alice);
    const slot = sfu.server!.pool.slots[0]!;
    const deadPid = slot.worker!.pid;
    process.kill(deadPid, 'SIGKILL');
    await alice.waitFor('callRestarting');
    // At once, as clients do on callRestarting: no worker is alive yet at this moment.
    const started = Date.now();
    await expect(joinAs(alice, users.alice)).resolves.toMatchObject({ peers: [] });
    const waited = Date.now() - started;
    console.log(`re-join right after a worker crash: answered in ${waited} ms`);
    expect(slot.worker!.pid).not.toBe(deadPid);
    expect(waited).toBeLessThan(3000);
    alice.close();
  });

  it('relays simulcast video and takes preferred layers and key frame requests', async () => {
    const alice = await client();
    const bob = await client();
    await joinAs(alice, users.alice);
    await joinAs(bob, users.bob);
    const send = await alice.request('createWebRtcTransport', { direction: 'send' });
    const vp8 = {
      codecs: [{ mimeType: 'video/VP8', payloadType: 96, clockRate: 90000 }],
      encodings: [
        { rid: 'r0', maxBitrate: 100_000 },
        { rid: 'r1', maxBitrate: 300_000 },
        { rid: 'r2', maxBitrate: 900_000 },
      ],
      headerExtensions: [
        { uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 1 },
        { uri: 'urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id', id: 2 },
      ],
      mid: '0',
    };
    const { producerId } = await alice.request('produce', {
      transportId: send.transportId,
      kind: 'video',
      rtpParameters: vp8,
      source: 'camera',
      paused: true,
    });
    expect((await bob.waitFor('newProducer')).data).toMatchObject({ producerId, kind: 'video', source: 'camera', paused: true });
    const recv = await bob.request('createWebRtcTransport', { direction: 'recv' });
    const consumer = await bob.request('consume', { transportId: recv.transportId, producerId });
    expect(consumer).toMatchObject({ type: 'simulcast', kind: 'video', producerPaused: true });
    await bob.request('setConsumerPreferredLayers', { consumerId: consumer.consumerId, spatialLayer: 1, temporalLayer: 0 });
    await bob.request('requestConsumerKeyFrame', { consumerId: consumer.consumerId });
    await bob.request('resumeConsumer', { consumerId: consumer.consumerId });
    await alice.request('resumeProducer', { producerId });
    expect((await bob.waitFor('consumerResumed')).data).toEqual({ consumerId: consumer.consumerId });
    // The layer wanted can come with consume itself (what the app does: one round trip less before resume).
    const layered = await bob.request('consume', { transportId: recv.transportId, producerId, spatialLayer: 0 });
    expect(layered).toMatchObject({ type: 'simulcast', kind: 'video' });
    await bob.request('resumeConsumer', { consumerId: layered.consumerId });
    await expect(bob.request('consume', { transportId: recv.transportId, producerId, spatialLayer: 99 })).rejects.toMatchObject({
      code: 'bad-request',
    });
    // Another peer's consumer, or its own producer, are out of reach.
    await expect(alice.request('pauseConsumer', { consumerId: consumer.consumerId })).rejects.toMatchObject({
      code: 'not-found',
    });
    await expect(bob.request('closeProducer', { producerId })).rejects.toMatchObject({ code: 'not-found' });
    await expect(
      alice.request('produce', {
        transportId: send.transportId,
        kind: 'video',
        rtpParameters: { codecs: [{ mimeType: 'video/AV2', payloadType: 97, clockRate: 90000 }] },
        source: 'camera',
      }),
    ).rejects.toMatchObject({ code: 'bad-request' });
    alice.close();
    bob.close();
    await expect.poll(async () => (await sfu.health()).peers).toBe(0);
  });

  it('names the active speaker from the audio levels of what peers send', async () => {
    const alice = await client();
    const bob = await client();
    const aliceJoin = await joinAs(alice, users.alice);
    await joinAs(bob, users.bob);
    // No WebRTC in Node: alice's audio arrives over a plain RTP transport slipped into her transports.
    const call = sfu.server!.calls.find(roomId)!;
    const plain = await plainTransportFor(call.routerOf(aliceJoin.peerId), call.peers.get(aliceJoin.peerId)!, 'send');
    const ssrc = 22222222;
    await alice.request('produce', {
      transportId: plain.id,
      kind: 'audio',
      rtpParameters: opusWithLevel(ssrc),
      source: 'microphone',
    });
    const stopSending = sendLoudAudio(plain.tuple.localPort, ssrc);
    try {
      expect((await bob.waitFor('activeSpeaker', 15_000)).data).toEqual({ peerId: aliceJoin.peerId });
    } finally {
      stopSending();
      alice.close();
      bob.close();
    }
  }, 30_000);

  it('spreads calls over workers by load', async () => {
    const twoWorkers = await startSfu({
      mode: 'in-process',
      workers: 2,
      homeservers: [{ serverName: synapse.serverName, baseUrl: synapse.baseUrl, membershipToken: users.admin.accessToken }],
    });
    try {
      const first = await connectCallClient(twoWorkers.wsUrl);
      const second = await connectCallClient(twoWorkers.wsUrl);
      clients.push(first, second);
      const joinOn = async (c: TestCallClient, room: string, deviceId: string) => {
        const { rtpCapabilities } = await c.request('getRouterRtpCapabilities', {});
        await c.request('join', {
          openIdToken: await openIdToken(synapse, users.alice),
          userId: users.alice.userId,
          deviceId,
          roomId: room,
          rtpCapabilities,
        });
      };
      await joinOn(first, roomId, 'ONE');
      await joinOn(second, botlessRoomId, 'TWO');
      expect(await twoWorkers.health()).toMatchObject({
        calls: 2,
        peers: 2,
        workers: { configured: 2, alive: 2, peers: [1, 1] },
      });
    } finally {
      await twoWorkers.stop();
    }
  });

  it('leaves no call behind when the socket closes during join', async () => {
    const c = await client();
    const { rtpCapabilities } = await c.request('getRouterRtpCapabilities', {});
    const token = await openIdToken(synapse, users.alice);
    const pending = c.request('join', {
      openIdToken: token,
      userId: users.alice.userId,
      deviceId: 'GONE',
      roomId,
      rtpCapabilities,
    });
    c.close();
    await expect(pending).rejects.toMatchObject({ code: 'connection-closed' });
    await new Promise((resolve) => setTimeout(resolve, 1500)); // the server finishes asking Synapse meanwhile
    expect(await sfu.health()).toMatchObject({ calls: 0, peers: 0 });
  });

  it('a second connection from the same device replaces the first', async () => {
    const first = await client();
    await joinAs(first, users.alice, roomId, 'PHONE');
    const second = await client();
    await joinAs(second, users.alice, roomId, 'PHONE');
    expect(await first.closed).toEqual({ code: 4000, reason: 'Replaced by a newer connection from the same device' });
    second.close();
  });

  it('answers /health, and 404 elsewhere', async () => {
    const response = await fetch(`${sfu.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', workers: { configured: 1, alive: 1 } });
    expect((await fetch(`${sfu.url}/nothing`)).status).toBe(404);
  });

  it('as its own process: closes idle unauthenticated sockets, and on SIGTERM tells peers and stops', async () => {
    const own = await startSfuWithSynapseAdmin(synapse, { extraConfig: { limits: { joinTimeoutMs: 1000 } } });
    const idle = await connectCallClient(own.wsUrl);
    expect(await idle.closed).toEqual({ code: 4001, reason: 'No join in time' });
    const alice = await connectCallClient(own.wsUrl);
    await joinAs(alice, users.alice).catch(async (error: unknown) => {
      await own.stop();
      throw error;
    });
    expect(await own.health()).toMatchObject({ status: 'ok', peers: 1 });
    await own.stop();
    expect((await alice.waitFor('callRestarting')).data).toEqual({ reason: 'server-shutdown', retryAfterMs: 2000 });
    expect((await alice.closed).code).toBe(1001);
    await expect(fetch(`${own.url}/health`)).rejects.toThrow();
  });
});
