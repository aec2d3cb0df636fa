// One call across the workers of one host, against a real Synapse and real mediasoup workers: with
// one peer per router, each newcomer lands on another worker; producers are piped between the
// call's routers, RTP sent by a peer on one worker reaches a peer on the other, pauses and the
// active speaker cross too; an emptied router goes; a worker crash makes everyone re-join.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENV_CACHE_ROOT } from '../../env/chroot.ts';
import { startSfuWithSynapseAdmin, TEST_WORKER_BIN, type SfuHandle } from '../../env/sfu.ts';
import { startSynapse, type RegisteredUser, type SynapseHandle } from '../../env/synapse.ts';
import { connectCallClient, type TestCallClient } from './callClient.ts';
import { createRoom, freeSynapsePort, invite, join, openIdToken } from '../support/matrixFixtures.ts';
import { opusWithLevel, plainTransportFor, rtpSink, sendLoudAudio } from './rtpProbe.ts';

const provisioned = existsSync(path.join(ENV_CACHE_ROOT, 'current', '.relais-ready'));

describe.skipIf(!provisioned)('one call over several workers (real Synapse and mediasoup workers)', () => {
  let synapse: SynapseHandle;
  let sfu: SfuHandle;
  const users = {} as Record<'alice' | 'bob' | 'carol', RegisteredUser>;
  let roomId: string;
  const clients: TestCallClient[] = [];

  beforeAll(async () => {
    synapse = await startSynapse({ port: await freeSynapsePort() });
    for (const name of ['alice', 'bob', 'carol'] as const) users[name] = await synapse.registerUser(name, `${name}-mw-password`);
    roomId = await createRoom(synapse, users.alice, 'Big meeting');
    for (const member of [users.bob, users.carol]) {
      await invite(synapse, users.alice, roomId, member.userId);
      await join(synapse, member, roomId);
    }
    sfu = await startSfuWithSynapseAdmin(synapse, {
      mode: 'in-process',
      extraConfig: { workers: { count: 2, binary: TEST_WORKER_BIN, logLevel: 'warn', peersPerRouter: 1 } },
    });
  }, 120_000);

  afterAll(async () => {
    for (const client of clients) client.close();
    await (sfu as SfuHandle | undefined)?.stop();
    await (synapse as SynapseHandle | undefined)?.stop();
  }, 60_000);

  async function joined(user: RegisteredUser): Promise<{ client: TestCallClient; peerId: string }> {
    const client = await connectCallClient(sfu.wsUrl);
    clients.push(client);
    const { rtpCapabilities } = await client.request('getRouterRtpCapabilities', {});
    const { peerId } = await client.request('join', {
      openIdToken: await openIdToken(synapse, user),
      userId: user.userId,
      deviceId: 'DEV',
      roomId,
      rtpCapabilities,
    });
    return { client, peerId };
  }

  const call = () => sfu.server!.calls.find(roomId)!;
  const peer = (peerId: string) => call().peers.get(peerId)!;

  it('puts peers on different workers and carries RTP, pauses and the active speaker across them', async () => {
    const alice = await joined(users.alice);
    const bob = await joined(users.bob);
    expect(await sfu.health()).toMatchObject({ calls: 1, peers: 2, workers: { alive: 2, peers: [1, 1] } });
    expect(call().routerList).toHaveLength(2);
    expect(call().routerOf(alice.peerId).id).not.toBe(call().routerOf(bob.peerId).id);

    // Alice sends audio on her worker's router...
    const send = await plainTransportFor(call().routerOf(alice.peerId), peer(alice.peerId), 'send');
    const ssrc = 31313131;
    const { producerId } = await alice.client.request('produce', {
      transportId: send.id,
      kind: 'audio',
      rtpParameters: opusWithLevel(ssrc),
      source: 'microphone',
    });
    expect((await bob.client.waitFor('newProducer')).data).toMatchObject({ peerId: alice.peerId, producerId });
    // ...and Bob receives it from his own router, on the other worker.
    const recv = await plainTransportFor(call().routerOf(bob.peerId), peer(bob.peerId), 'recv');
    const sink = await rtpSink();
    await recv.connect({ ip: '127.0.0.1', port: sink.port });
    const consumer = await bob.client.request('consume', { transportId: recv.id, producerId });
    await bob.client.request('resumeConsumer', { consumerId: consumer.consumerId });
    const stop = sendLoudAudio(send.tuple.localPort, ssrc);
    try {
      await expect.poll(() => sink.packets(), { timeout: 5000 }).toBeGreaterThan(20);
      console.log(`RTP across workers: ${sink.packets()} packets reached the peer on the other worker`);
      // The observer on Alice's router names her; Bob, on the other router, is told.
      expect((await bob.client.waitFor('activeSpeaker', 15_000)).data).toEqual({ peerId: alice.peerId });
      await alice.client.request('pauseProducer', { producerId });
      expect((await bob.client.waitFor('consumerPaused')).data).toEqual({ consumerId: consumer.consumerId });
      await alice.client.request('resumeProducer', { producerId });
      expect((await bob.client.waitFor('consumerResumed')).data).toEqual({ consumerId: consumer.consumerId });
    } finally {
      stop();
      sink.close();
    }

    // A third peer goes to the least loaded worker and gets Alice's producer piped there, once.
    const carol = await joined(users.carol);
    const carolRouter = call().routerOf(carol.peerId);
    expect(call().routerList).toHaveLength(2);
    const carolRecv = await plainTransportFor(carolRouter, peer(carol.peerId), 'recv');
    await expect(carol.client.request('consume', { transportId: carolRecv.id, producerId })).resolves.toMatchObject({
      peerId: alice.peerId,
      kind: 'audio',
    });

    // Media the other way: Bob produces, Alice consumes from her router.
    const bobSend = await plainTransportFor(call().routerOf(bob.peerId), peer(bob.peerId), 'send');
    const bobProducer = await bob.client.request('produce', {
      transportId: bobSend.id,
      kind: 'audio',
      rtpParameters: opusWithLevel(42424242),
      source: 'microphone',
    });
    const aliceRecv = await plainTransportFor(call().routerOf(alice.peerId), peer(alice.peerId), 'recv');
    await expect(
      alice.client.request('consume', { transportId: aliceRecv.id, producerId: bobProducer.producerId }),
    ).resolves.toMatchObject({ peerId: bob.peerId });

    // Closing the producer closes its pipes: consumers on the other worker hear of it.
    await alice.client.request('closeProducer', { producerId });
    expect((await bob.client.waitFor('consumerClosed')).data).toEqual({ consumerId: consumer.consumerId, producerId });

    for (const { client } of [alice, bob, carol]) await client.request('leave', {});
    expect(await sfu.health()).toMatchObject({ calls: 0, peers: 0, workers: { peers: [0, 0] } });
  }, 60_000);

  it('closes a router once its last peer leaves, keeping the call on the other', async () => {
    const alice = await joined(users.alice);
    const bob = await joined(users.bob);
    const bobRouter = call().routerOf(bob.peerId);
    expect(call().routerList).toHaveLength(2);
    await bob.client.request('leave', {});
    expect(call().routerList).toHaveLength(1);
    expect(bobRouter.closed).toBe(true);
    expect(call().routerOf(alice.peerId).closed).toBe(false);
    await alice.client.request('leave', {});
    expect(await sfu.health()).toMatchObject({ calls: 0, workers: { peers: [0, 0] } });
  });

  it('a worker crash under part of the call makes every peer re-join, and the call comes back', async () => {
    const alice = await joined(users.alice);
    const bob = await joined(users.bob);
    const bobSlot = call().routerList.find((router) => router.router.id === call().routerOf(bob.peerId).id)!.slot;
    const deadPid = bobSlot.worker!.pid;
    process.kill(deadPid, 'SIGKILL');
    for (const { client } of [alice, bob])
      expect((await client.waitFor('callRestarting')).data).toEqual({ reason: 'worker-died', retryAfterMs: 0 });
    await expect.poll(() => bobSlot.worker?.pid, { timeout: 10_000 }).toBeDefined();
    const rejoin = async (client: TestCallClient, user: RegisteredUser) => {
      const { rtpCapabilities } = await client.request('getRouterRtpCapabilities', {});
      return client.request('join', {
        openIdToken: await openIdToken(synapse, user),
        userId: user.userId,
        deviceId: 'DEV',
        roomId,
        rtpCapabilities,
      });
    };
    await rejoin(alice.client, users.alice);
    const again = await rejoin(bob.client, users.bob);
    expect(again.peers).toHaveLength(1);
    expect(await sfu.health()).toMatchObject({ status: 'ok', calls: 1, peers: 2, workers: { alive: 2, peers: [1, 1] } });
    alice.client.close();
    bob.client.close();
    await expect.poll(async () => (await sfu.health()).peers).toBe(0);
  }, 30_000);
});
