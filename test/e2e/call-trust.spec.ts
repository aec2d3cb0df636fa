// Calls you can trust, end to end: two members in a call through the real SFU (which Synapse keeps
// informed of membership as an application service), then an admin kicks or bans one. Measured
// in Chromium with getStats: the remaining member's inbound media from the removed member stops
// within 2 s, and the removed member cannot join again.
import type { Page } from '@playwright/test';
import { connectCallClient } from '../unit/sfu/callClient.ts';
import {
  CALL_LAUNCH_OPTIONS,
  expectMediaFlowing,
  matrixApi,
  RECORD_PEER_CONNECTIONS,
  type MatrixApi,
  type StatsPeer,
} from './callHelpers.ts';
import { expect, test } from './fixtures.ts';
import { signInAs } from './helpers.ts';
import { TEST_USERS } from './testUsers.ts';

test.use({ launchOptions: CALL_LAUNCH_OPTIONS });

/** Packets received so far by every inbound RTP stream of the page's open peer connections. */
async function inboundPackets(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const connections = (globalThis as unknown as { __recordedPeerConnections: StatsPeer[] }).__recordedPeerConnections;
    let packets = 0;
    for (const pc of connections) {
      if (pc.connectionState === 'closed') continue;
      const report = await pc.getStats();
      report.forEach((s) => {
        if (s.type === 'inbound-rtp') packets += s.packetsReceived ?? 0;
      });
    }
    return packets;
  });
}

/**
 * Samples the page's inbound packets every 100 ms from `since` for `windowMs`. Returns when the last
 * sample that still saw packets arrive was taken (0: none after the baseline), and when the first
 * sample was taken (the resolution of that figure). Streams that vanish count as stopped.
 */
async function lastIncreaseAfter(
  page: Page,
  since: number,
  baseline: number,
  windowMs: number,
): Promise<{ lastIncreaseMs: number; firstSampleMs: number }> {
  let last = baseline;
  let lastIncreaseAt = since;
  let firstSampleAt = 0;
  while (performance.now() - since < windowMs) {
    await page.waitForTimeout(100);
    const now = await inboundPackets(page);
    firstSampleAt ||= performance.now();
    if (now > last) lastIncreaseAt = performance.now();
    last = now;
  }
  return { lastIncreaseMs: Math.round(lastIncreaseAt - since), firstSampleMs: Math.round(firstSampleAt - since) };
}

async function setUpCall(
  browser: Parameters<typeof signInAs>[0],
  env: { webUrl: string; homeserver: string },
  admin: { username: string; password: string },
  member: { username: string; password: string },
) {
  const options = { initScript: RECORD_PEER_CONNECTIONS };
  const api = await matrixApi(env.homeserver, admin);
  const memberApi = await matrixApi(env.homeserver, member);
  const roomName = `Trusted ${Date.now()}`;
  const memberId = `@${member.username}:localhost`;
  const { room_id: roomId } = await api.post<{ room_id: string }>('/_matrix/client/v3/createRoom', {
    name: roomName,
    preset: 'private_chat',
    invite: [memberId],
    power_level_content_override: { events: { 'org.matrix.msc3401.call.member': 0 } },
  });
  await memberApi.post(`/_matrix/client/v3/join/${encodeURIComponent(roomId)}`, {});
  const host = await signInAs(browser, env.webUrl, env.homeserver, admin, options);
  const guest = await signInAs(browser, env.webUrl, env.homeserver, member, options);
  for (const { page } of [host, guest])
    await page.getByRole('navigation', { name: 'Rooms' }).getByRole('link', { name: roomName }).click();
  await host.page.getByRole('button', { name: 'Start call' }).click();
  await expect(host.page.getByRole('button', { name: 'Leave call' })).toBeVisible({ timeout: 30_000 });
  await guest.page.getByRole('button', { name: 'Join call' }).click({ timeout: 30_000 });
  await expectMediaFlowing(host.page);
  return { api, memberApi, roomId, memberId, host, guest };
}

async function expectJoinRefused(memberApi: MatrixApi, memberId: string, roomId: string): Promise<string> {
  const sfu = await connectCallClient(process.env.RELAIS_TEST_SFU_URL ?? '');
  try {
    const token = await memberApi.post<{
      access_token: string;
      token_type: string;
      matrix_server_name: string;
      expires_in: number;
    }>(`/_matrix/client/v3/user/${encodeURIComponent(memberId)}/openid/request_token`, {});
    const { rtpCapabilities } = await sfu.request('getRouterRtpCapabilities', {});
    const refusal = await sfu
      .request('join', { openIdToken: token, userId: memberId, deviceId: 'AGAIN', roomId, rtpCapabilities })
      .then(
        () => 'admitted',
        (error: unknown) => (error as { code?: string }).code ?? 'error',
      );
    return refusal;
  } finally {
    sfu.close();
  }
}

for (const action of ['kick', 'ban'] as const) {
  test(`a ${action} during a call stops the removed member's media at the others within 2 s, and they cannot re-join`, async ({
    browser,
    env,
  }) => {
    test.setTimeout(180_000);
    const member = action === 'kick' ? TEST_USERS.xena : TEST_USERS.yann;
    const { api, memberApi, roomId, memberId, host, guest } = await setUpCall(browser, env, TEST_USERS.walter, member);

    // Media is arriving right before the removal...
    const earlier = await inboundPackets(host.page);
    await host.page.waitForTimeout(500);
    const before = await inboundPackets(host.page);
    expect(before).toBeGreaterThan(earlier);
    // ...and is sampled every 100 ms from the moment the removal is requested.
    const started = performance.now();
    const removal = api
      .post(`/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/${action}`, { user_id: memberId, reason: 'E2E' })
      .then(() => Math.round(performance.now() - started));
    const { lastIncreaseMs, firstSampleMs } = await lastIncreaseAfter(host.page, started, before, 4000);
    const requestMs = await removal;
    console.log(
      `${action}: inbound packets at the remaining member (${before - earlier} in the 500 ms before) last grew ` +
        `${lastIncreaseMs} ms after the ${action} was requested (0 = not at all; first sample at ${firstSampleMs} ms; ` +
        `the homeserver answered the request in ${requestMs} ms)`,
    );
    expect(lastIncreaseMs).toBeLessThan(2000);
    // The removed member's tile leaves the remaining member's call.
    await expect(host.page.getByRole('group', { name: member.username, exact: true })).toBeHidden({ timeout: 15_000 });
    // Joining again is refused by the SFU.
    expect(await expectJoinRefused(memberApi, memberId, roomId)).toBe('removed-from-room');

    await host.page.getByRole('button', { name: 'Leave call' }).click();
    await Promise.all([host.context.close(), guest.context.close()]);
  });
}
