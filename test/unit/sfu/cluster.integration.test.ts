// One call across SFU nodes coordinated through Redis (a redis-server of our own on loopback), with
// a real Synapse and real mediasoup workers: participants connected to different nodes see each
// other, RTP flows both ways through the pipe transports between the nodes, pauses and leaves
// cross; a node killed mid-call (SIGKILL, a process of its own) loses its participants, who re-join
// through another node, and the figure is printed.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENV_CACHE_ROOT } from '../../env/chroot.ts';
import { startRedis, type RedisHandle } from '../../env/redis.ts';
import { startSfuWithSynapseAdmin, type SfuHandle } from '../../env/sfu.ts';
import { startSynapse, type RegisteredUser, type SynapseHandle } from '../../env/synapse.ts';
import { connectCallClient, type TestCallClient } from './callClient.ts';
import { createRoom, freeSynapsePort, invite, join, openIdToken } from '../support/matrixFixtures.ts';
import { opusWithLevel, plainTransportFor, rtpSink, sendLoudAudio } from './rtpProbe.ts';

const provisioned = existsSync(path.join(ENV_CACHE_ROOT, 'current', '.relais-ready')) && existsSync('/usr/bin/redis-server');

describe.skipIf(!provisioned)('one call across SFU nodes through Redis (real Synapse, workers, redis-server)', () => {
  let synapse: SynapseHandle;
  let redis: RedisHandle;
  const nodes: SfuHandle[] = [];
  const users = {} as Record<'alice' | 'bob' | 'carol', RegisteredUser>;
  let roomId: string;
  const clients: TestCallClient[] = [];

  const startNode = async (nodeId: string, mode: 'in-process' | 'child', nodeTtlMs = 1500) => {
    const node = await startSfuWithSynapseAdmin(synapse, {
      mode,
      extraConfig: { cluster: { redis: redis.url, nodeId, heartbeatMs: 500, nodeTtlMs } },
    });
    nodes.push(node);
    return node;
  };

  beforeAll(async () => {
    redis = await startRedis();
    synapse = await startSynapse({ port: await freeSynapsePort() });
    for (const name of ['alice', 'bob', 'carol'] as const) users[name] = await synapse.registerUser(name, `${name}-cl-password`);
    roomId = await createRoom(synapse, users.alice, 'Ministry meeting');
    for (const member of [users.bob, users.carol]) {
      await invite(synapse, users.alice, roomId, member.userId);
      await join(synapse, member, roomId);
    }
  }, 120_000);

  afterAll(async () => {
    for (const client of clients) client.close();
    for (const node of nodes) await node.stop();
    await (synapse as SynapseHandle | undefined)?.stop();
    await (redis as RedisHandle | undefined)?.stop();
  }, 60_000);

  async function joinOn(node: SfuHandle, user: RegisteredUser, client?: TestCallClient) {
    const c = client ?? (await connectCallClient(node.wsUrl));
    if (!client) clients.push(c);
    const { rtpCapabilities } = await c.request('getRouterRtpCapabilities', {});
    const joined = await c.request('join', {
      openIdToken: await openIdToken(synapse, user),
      userId: user.userId,
      deviceId: 'DEV',
      roomId,
      rtpCapabilities,
    });
    return { client: c, peerId: joined.peerId, peers: joined.peers };
  }

  /** The peer, from the join answer or a later newPeer (a node new to the call hears of the others just after). */
  async function sees(c: TestCallClient, peers: { peerId: string }[], peerId: string): Promise<void> {
    if (peers.some((peer) => peer.peerId === peerId)) return;
    for (;;) {
      const { data } = await c.waitFor('newPeer');
      if (data.peer.peerId === peerId) return;
    }
  }

  it('two participants on two nodes: they see each other and RTP flows both ways through the nodes’ pipes', async () => {
    const nodeA = await startNode('node-a', 'in-process');
    const nodeB = await startNode('node-b', 'in-process');
    const alice = await joinOn(nodeA, users.alice);
    const bob = await joinOn(nodeB, users.bob);
    await sees(bob.client, bob.peers, alice.peerId);
    expect((await alice.client.waitFor('newPeer')).data.peer).toMatchObject({ peerId: bob.peerId, userId: users.bob.userId });
    expect(await nodeA.health()).toMatchObject({ node: 'node-a', peers: 2 });

    const callA = nodeA.server!.calls.find(roomId)!;
    const callB = nodeB.server!.calls.find(roomId)!;
    const flows = async (
      from: { client: TestCallClient; peerId: string; call: typeof callA },
      to: { client: TestCallClient; peerId: string; call: typeof callA },
      ssrc: number,
    ) => {
      const send = await plainTransportFor(from.call.routerOf(from.peerId), from.call.peers.get(from.peerId)!, 'send');
      const { producerId } = await from.client.request('produce', {
        transportId: send.id,
        kind: 'audio',
        rtpParameters: opusWithLevel(ssrc),
        source: 'microphone',
      });
      expect((await to.client.waitFor('newProducer')).data).toMatchObject({ peerId: from.peerId, producerId });
      const recv = await plainTransportFor(to.call.routerOf(to.peerId), to.call.peers.get(to.peerId)!, 'recv');
      const sink = await rtpSink();
      await recv.connect({ ip: '127.0.0.1', port: sink.port });
      const consumer = await to.client.request('consume', { transportId: recv.id, producerId });
      expect(consumer).toMatchObject({ peerId: from.peerId, kind: 'audio' });
      await to.client.request('resumeConsumer', { consumerId: consumer.consumerId });
      const stop = sendLoudAudio(send.tuple.localPort, ssrc);
      try {
        await expect.poll(() => sink.packets(), { timeout: 5000 }).toBeGreaterThan(20);
      } finally {
        stop();
        sink.close();
      }
      return { producerId, consumerId: consumer.consumerId, packets: sink.packets() };
    };
    const aToB = await flows({ ...alice, call: callA }, { ...bob, call: callB }, 51515151);
    const bToA = await flows({ ...bob, call: callB }, { ...alice, call: callA }, 52525252);
    console.log(`two nodes: ${aToB.packets} RTP packets node A → B, ${bToA.packets} B → A`);

    await alice.client.request('pauseProducer', { producerId: aToB.producerId });
    expect((await bob.client.waitFor('consumerPaused')).data).toEqual({ consumerId: aToB.consumerId });
    await alice.client.request('leave', {});
    expect((await bob.client.waitFor('peerLeft')).data).toEqual({ peerId: alice.peerId });
    expect((await bob.client.waitFor('consumerClosed')).data).toMatchObject({ consumerId: aToB.consumerId });
    // Node A had only Bob left, a remote peer: the call ended there.
    await expect.poll(async () => (await nodeA.health()).calls).toBe(0);
    await bob.client.request('leave', {});
    await expect.poll(async () => (await nodeB.health()).calls).toBe(0);
  }, 60_000);

  it('the same device joining through another node replaces its connection on the first', async () => {
    const [nodeA, nodeB] = nodes as [SfuHandle, SfuHandle];
    const first = await joinOn(nodeA, users.alice);
    const second = await joinOn(nodeB, users.alice);
    expect(await first.client.closed).toEqual({ code: 4000, reason: 'Replaced by a newer connection from the same device' });
    expect(second.peers.map((peer) => peer.peerId)).not.toContain(first.peerId);
    await second.client.request('leave', {});
    await expect.poll(async () => (await nodeA.health()).calls).toBe(0);
    await expect.poll(async () => (await nodeB.health()).calls).toBe(0);
  });

  it('a node killed mid-call: its participant re-joins through a live node within 5 s', async () => {
    const nodeA = nodes[0]!;
    const doomed = await startNode('node-c', 'child');
    const alice = await joinOn(nodeA, users.alice);
    const carol = await joinOn(doomed, users.carol);
    // Bob, also on the doomed node, does not come back: the others learn he is gone from the node's
    // registration expiring (nodeTtlMs 1500 here, heartbeat 500).
    const bob = await joinOn(doomed, users.bob);
    await sees(carol.client, carol.peers, alice.peerId);
    await sees(alice.client, [], carol.peerId);
    await sees(alice.client, [], bob.peerId);
    const send = await carol.client.request('createWebRtcTransport', { direction: 'send' });
    const { producerId } = await carol.client.request('produce', {
      transportId: send.transportId,
      kind: 'audio',
      rtpParameters: opusWithLevel(53535353),
      source: 'microphone',
    });
    // Announced on node A only once piped there from node C.
    expect((await alice.client.waitFor('newProducer')).data).toMatchObject({ peerId: carol.peerId, producerId });

    const killedAt = Date.now();
    process.kill(doomed.pid, 'SIGKILL');
    await carol.client.closed;
    // Her client re-joins at once; the balancer in front of the nodes sends her to a live one (here: A).
    const again = await joinOn(nodeA, users.carol);
    expect(again.peers.map((peer) => peer.peerId)).toContain(alice.peerId);
    expect(again.peers.map((peer) => peer.peerId)).not.toContain(carol.peerId);
    const rejoinedMs = Date.now() - killedAt;
    // Alice saw the old Carol go (replaced by her new connection from the same device: her app keeps
    // Carol's media key) and the new one come.
    const gone = new Map<string, { peerId: string; replaced?: true }>();
    const left = async () => {
      const { data } = await alice.client.waitFor('peerLeft', 5000);
      gone.set(data.peerId, data);
    };
    await left();
    await sees(alice.client, [], again.peerId);
    const movedMs = Date.now() - killedAt;
    // ...and Bob go once node C's registration expired: an ordinary leave.
    await left();
    const bobGoneMs = Date.now() - killedAt;
    expect(gone).toEqual(
      new Map([
        [carol.peerId, { peerId: carol.peerId, replaced: true }],
        [bob.peerId, { peerId: bob.peerId }],
      ]),
    );
    console.log(
      `node killed mid-call: participant re-joined through another node in ${rejoinedMs} ms, seen there by the others in ${movedMs} ms; ` +
        `a participant who did not come back was dropped after ${bobGoneMs} ms (registration expiry)`,
    );
    expect(movedMs).toBeLessThan(5000);
    expect(bobGoneMs).toBeLessThan(5000);
    expect([...nodeA.server!.calls.find(roomId)!.peers.values()].filter((peer) => peer.node === 'node-c')).toEqual([]);
    alice.client.close();
    again.client.close();
  }, 60_000);

  it('a node killed mid-call: its participant re-joining on one live node is replaced on every node at once, not at expiry', async () => {
    const [nodeA, nodeB] = nodes as [SfuHandle, SfuHandle];
    // Its registration would outlive the test's wait: only the re-join can make the others let go.
    const doomed = await startNode('node-d', 'child', 30_000);
    const alice = await joinOn(nodeA, users.alice);
    const carol = await joinOn(doomed, users.carol);
    await sees(alice.client, [], carol.peerId);

    const killedAt = Date.now();
    process.kill(doomed.pid, 'SIGKILL');
    await carol.client.closed;
    const again = await joinOn(nodeB, users.carol);
    // Node A hears of Carol's new peer from node B and drops her old one (node D's) right then.
    expect((await alice.client.waitFor('peerLeft', 5000)).data).toEqual({ peerId: carol.peerId, replaced: true });
    await sees(alice.client, [], again.peerId);
    const replacedMs = Date.now() - killedAt;
    console.log(`node killed (registration alive 30 s more): its participant replaced on a third node after ${replacedMs} ms`);
    expect(replacedMs).toBeLessThan(5000);
    expect([...nodeA.server!.calls.find(roomId)!.peers.values()].map((peer) => peer.node)).toEqual([null, 'node-b']);
    alice.client.close();
    again.client.close();
  }, 60_000);
});
