// One call across two SFU nodes, end to end: two people in two Chromium contexts, each sent to a
// different node (as a load balancer in front of the nodes would; here each context's
// .well-known names its node), the nodes coordinated through a redis-server of the test's own.
// Media must flow both ways through the pipe transports between the nodes.
import { startRedis, type RedisHandle } from '../env/redis.ts';
import { startSfu, type SfuHandle } from '../env/sfu.ts';
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
import { TEST_USERS } from './testUsers.ts';

test.use({ launchOptions: CALL_LAUNCH_OPTIONS });

/** The context's app finds this node's URL in the homeserver's .well-known (the rest of the document kept). */
async function sendToNode(person: SignedInPage, node: SfuHandle): Promise<void> {
  await person.context.route(
    (url) => url.pathname === '/.well-known/matrix/client',
    async (route) => {
      const response = await route.fetch();
      const document = (await response.json()) as Record<string, unknown>;
      document['org.matrix.msc4143.rtc_foci'] = [{ type: 'relais_sfu', url: node.wsUrl }];
      await route.fulfill({ response, json: document });
    },
  );
}

test('two people on two SFU nodes call each other: media both ways through the nodes', async ({ browser, env }) => {
  test.setTimeout(300_000);
  let redis: RedisHandle | null = null;
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

    const options = { initScript: RECORD_PEER_CONNECTIONS };
    const nadia = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.nadia, options);
    const omar = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.omar, options);
    await sendToNode(nadia, node1);
    await sendToNode(omar, node2);
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

    await omarStage.getByRole('button', { name: 'Leave call' }).click();
    await expect(nadiaStage.getByRole('group', { name: 'omar', exact: true })).toBeHidden({ timeout: 15_000 });
    await nadiaStage.getByRole('button', { name: 'Leave call' }).click();
    await expect.poll(async () => (await node1.health()).calls, { timeout: 15_000 }).toBe(0);
    await expect.poll(async () => (await node2.health()).calls, { timeout: 15_000 }).toBe(0);
    await nadia.context.close();
    await omar.context.close();
  } finally {
    for (const node of nodes) await node.stop();
    await redis?.stop();
  }
});
