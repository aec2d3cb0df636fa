// One call across two SFU nodes, end to end: two people in two Chromium contexts, whose app reaches
// the SFU at one URL, a TCP load balancer in front of two nodes (round robin: one person on each),
// the nodes coordinated through a redis-server of the test's own. Media must flow both ways through
// the pipe transports between the nodes; when one node is killed mid-call, its participant's app
// re-joins through the balancer, landing on the live node, and media flows again (figures printed).
import { startRedis, type RedisHandle } from '../env/redis.ts';
import { startSfu, type SfuHandle } from '../env/sfu.ts';
import { startTcpBalancer, type TcpBalancer } from '../env/tcpBalancer.ts';
import { expect, test } from './fixtures.ts';
import { signInAs, type SignedInPage } from './helpers.ts';
import {
  acceptInvite,
  CALL_LAUNCH_OPTIONS,
  createRoomAndInvite,
  expectMediaFlowing,
  inboundTotals,
  matrixApi,
  RECORD_PEER_CONNECTIONS,
  roomIdOf,
} from './callHelpers.ts';
import {
  describeTimeline,
  markInboundStreams,
  newMediaFlowing,
  recordCallLogs,
  recoveryEvents,
  RECORD_RECOVERY_EVENTS,
} from './recoveryTimeline.ts';
import { TEST_USERS } from './testUsers.ts';

test.use({ launchOptions: CALL_LAUNCH_OPTIONS });

/** The context's app finds the balanced SFU URL in the homeserver's .well-known (the rest of the document kept). */
async function useSfu(person: SignedInPage, wsUrl: string): Promise<void> {
  await person.context.route(
    (url) => url.pathname === '/.well-known/matrix/client',
    async (route) => {
      const response = await route.fetch();
      const document = (await response.json()) as Record<string, unknown>;
      document['org.matrix.msc4143.rtc_foci'] = [{ type: 'relais_sfu', url: wsUrl }];
      await route.fulfill({ response, json: document });
    },
  );
}

test('two people on two SFU nodes call each other, media both ways; a node killed mid-call, its participant moves to the other', async ({
  browser,
  env,
}) => {
  test.setTimeout(300_000);
  let redis: RedisHandle | null = null;
  let balancer: TcpBalancer | null = null;
  const nodes: SfuHandle[] = [];
  try {
    redis = await startRedis();
    // The nodes confirm room membership with an ordinary account in the room (sven, joined below).
    const service = await matrixApi(env.homeserver, TEST_USERS.sven);
    for (const nodeId of ['node-1', 'node-2']) {
      nodes.push(
        await startSfu({
          homeservers: [
            { serverName: 'localhost', baseUrl: env.homeserver, membershipToken: service.token, membershipMethod: 'room-state' },
          ],
          workers: 1,
          extraConfig: { cluster: { redis: redis.url, nodeId } },
        }),
      );
    }
    const [node1, node2] = nodes as [SfuHandle, SfuHandle];
    balancer = await startTcpBalancer([node1.port, node2.port]);
    const balancedUrl = `ws://127.0.0.1:${balancer.port}/ws`;

    const options = { initScript: RECORD_PEER_CONNECTIONS + RECORD_RECOVERY_EVENTS };
    const nadia = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.nadia, options);
    const omar = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.omar, options);
    await useSfu(nadia, balancedUrl);
    await useSfu(omar, balancedUrl);
    const nadiaLogs = recordCallLogs(nadia.page);
    const omarLogs = recordCallLogs(omar.page);
    const roomName = `Two nodes ${Date.now()}`;
    await createRoomAndInvite(nadia.page, roomName, ['@omar:localhost', '@sven:localhost']);
    await acceptInvite(omar.page, roomName);
    const roomId = roomIdOf(nadia.page);
    await service.post(`/_matrix/client/v3/join/${encodeURIComponent(roomId)}`, {});

    await nadia.page.getByRole('button', { name: 'Start call' }).click();
    const nadiaStage = nadia.page.getByRole('region', { name: `Call in ${roomName}` });
    await expect(nadiaStage.getByRole('button', { name: 'Leave call' })).toBeVisible({ timeout: 30_000 });
    await expect(omar.page.getByText('In the call: nadia')).toBeVisible({ timeout: 30_000 });
    await omar.page.getByRole('button', { name: 'Join call' }).click();
    const omarStage = omar.page.getByRole('region', { name: `Call in ${roomName}` });
    await expect(omarStage.getByRole('group', { name: 'nadia', exact: true })).toBeVisible({ timeout: 30_000 });
    await expect(nadiaStage.getByRole('group', { name: 'omar', exact: true })).toBeVisible({ timeout: 30_000 });

    // Each node holds one of the two sockets, and both see the whole call.
    expect(await node1.health()).toMatchObject({ node: 'node-1', connections: 1, calls: 1, peers: 2 });
    expect(await node2.health()).toMatchObject({ node: 'node-2', connections: 1, calls: 1, peers: 2 });
    const nadiaIn = await expectMediaFlowing(nadia.page);
    const omarIn = await expectMediaFlowing(omar.page);
    // Media stays on loopback (the nodes' own ports): no third party.
    const nadiaFrom = (await inboundTotals(nadia.page)).remoteAddresses;
    const omarFrom = (await inboundTotals(omar.page)).remoteAddresses;
    console.log(
      `two nodes: nadia (node 1) decoded ${nadiaIn.framesDecoded} frames from ${nadiaFrom.join(', ')}; ` +
        `omar (node 2) ${omarIn.framesDecoded} from ${omarFrom.join(', ')}`,
    );
    expect(nadiaFrom.filter((address) => !address.startsWith('127.0.0.1:'))).toEqual([]);

    expect(balancer.assignments).toEqual([0, 1]);

    // Node 2 dies mid-call. Omar's app sees its socket close and re-joins the same URL; the balancer
    // finds node 2 gone and sends him to node 1. "Media flowing again" is timed on the streams that
    // appear after the kill (omar's new connections, nadia's new consumers of omar), sampled every
    // 100 ms in both pages at once; each page's timeline says where the time went.
    await Promise.all([markInboundStreams(nadia.page), markInboundStreams(omar.page)]);
    const killedAt = Date.now();
    process.kill(node2.pid, 'SIGKILL');
    const media = Promise.all([newMediaFlowing(nadia.page, 30_000), newMediaFlowing(omar.page, 30_000)]);
    media.catch(() => undefined);
    await expect.poll(async () => (await node1.health()).connections, { timeout: 30_000, intervals: [100] }).toBe(2);
    const rejoinedMs = Date.now() - killedAt;
    const [nadiaGot, omarGot] = await media;
    const flowingMs = Math.max(nadiaGot.flowingAt, omarGot.flowingAt) - killedAt;
    const rel = (at: number | null) => (at === null ? '?' : `+${at - killedAt}`);
    const timeline = [
      describeTimeline('omar ', [...(await recoveryEvents(omar.page, killedAt)), ...omarLogs], killedAt),
      describeTimeline('nadia', [...(await recoveryEvents(nadia.page, killedAt)), ...nadiaLogs], killedAt),
    ].join('\n');
    await expect(nadiaStage.getByRole('group', { name: 'omar', exact: true })).toBeVisible({ timeout: 30_000 });
    expect(await node1.health()).toMatchObject({ calls: 1, peers: 2, connections: 2 });
    console.log(
      `node killed mid-call: its participant re-joined on the other node after ${rejoinedMs} ms; ` +
        `media flowing both ways again after ${flowingMs} ms ` +
        `(nadia gets omar's audio ${rel(nadiaGot.audioAt)}, video packets ${rel(nadiaGot.videoPacketsAt)}, frames ${rel(nadiaGot.videoAt)}; ` +
        `omar gets nadia's audio ${rel(omarGot.audioAt)}, video packets ${rel(omarGot.videoPacketsAt)}, frames ${rel(omarGot.videoAt)}; ` +
        `balancer assignments ${balancer.assignments.join(',')})\n${timeline}`,
    );
    expect(rejoinedMs).toBeLessThan(5000);
    expect(flowingMs).toBeLessThan(5000);

    await omarStage.getByRole('button', { name: 'Leave call' }).click();
    await expect(nadiaStage.getByRole('group', { name: 'omar', exact: true })).toBeHidden({ timeout: 15_000 });
    await nadiaStage.getByRole('button', { name: 'Leave call' }).click();
    await expect.poll(async () => (await node1.health()).calls, { timeout: 15_000 }).toBe(0);
    await nadia.context.close();
    await omar.context.close();
  } finally {
    await balancer?.close();
    for (const node of nodes) await node.stop();
    await redis?.stop();
  }
});
