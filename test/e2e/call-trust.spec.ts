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

interface InboundSample {
  /** Wall-clock time the sample was taken (after its getStats calls returned). */
  at: number;
  packets: number;
  /** Latest `lastPacketReceivedTimestamp` of any inbound RTP stream, as wall-clock ms (0: none). */
  lastPacketAt: number;
}

/**
 * Starts sampling, inside the page, every inbound RTP stream of its open peer connections every
 * 100 ms: packets received, and when the browser last received a packet on each stream
 * (`lastPacketReceivedTimestamp`, Chrome's clock: checked against Date.now() while media flows, within
 * tens of ms), so the figure does not depend on how long a busy page takes to answer getStats. Returns a function that stops and reads the samples.
 */
async function sampleInboundPackets(page: Page): Promise<() => Promise<InboundSample[]>> {
  await page.evaluate(() => {
    const connections = (globalThis as unknown as { __recordedPeerConnections: StatsPeer[] }).__recordedPeerConnections;
    const samples: { at: number; packets: number; lastPacketAt: number }[] = [];
    // Chrome reports the stats clock as epoch ms; older builds as the page's performance clock.
    const wallClock = (t: number) => (t > 1e12 ? t : performance.timeOrigin + t);
    let running = true;
    const sample = async () => {
      let packets = 0;
      let lastPacketAt = 0;
      for (const pc of connections) {
        if (pc.connectionState === 'closed') continue;
        const report = await pc.getStats();
        report.forEach((s: { type: string; mid?: string; packetsReceived?: number; lastPacketReceivedTimestamp?: number }) => {
          // mediasoup's bandwidth probation stream (mid "probator", SSRC 1234) carries padding from
          // the SFU itself, nobody's media, and goes on for a while after the last consumer closed.
          if (s.type !== 'inbound-rtp' || s.mid === 'probator') return;
          packets += s.packetsReceived ?? 0;
          if (s.lastPacketReceivedTimestamp) lastPacketAt = Math.max(lastPacketAt, wallClock(s.lastPacketReceivedTimestamp));
        });
      }
      samples.push({ at: Date.now(), packets, lastPacketAt });
      if (running) setTimeout(() => void sample(), 100);
    };
    void sample();
    Object.assign(globalThis, {
      __stopInboundSampling: () => {
        running = false;
        return samples;
      },
    });
  });
  return () =>
    page.evaluate(() => (globalThis as unknown as { __stopInboundSampling: () => InboundSample[] }).__stopInboundSampling());
}

/** When (ms after `since`, wall clock) the remaining member's browser last received a media packet. */
function lastPacketAfter(samples: readonly InboundSample[], since: number): number {
  const last = Math.max(0, ...samples.map((sample) => sample.lastPacketAt));
  return Math.max(0, Math.round(last - since));
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

    // Media is arriving right before the removal (sampled in the page every 100 ms)...
    const stopSampling = await sampleInboundPackets(host.page);
    await host.page.waitForTimeout(1000);
    const started = Date.now();
    const removal = api
      .post(`/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/${action}`, { user_id: memberId, reason: 'E2E' })
      .then(() => Date.now() - started);
    await host.page.waitForTimeout(4000);
    const samples = await stopSampling();
    const requestMs = await removal;
    const before = samples.filter((sample) => sample.at <= started);
    const arrivingBefore = (before.at(-1)?.packets ?? 0) - (before[0]?.packets ?? 0);
    expect(arrivingBefore).toBeGreaterThan(0);
    // ...and stops arriving once the removal is requested.
    const lastPacketMs = lastPacketAfter(samples, started);
    const afterwards = samples.filter((sample) => sample.at > started + 3000);
    console.log(
      `${action}: the remaining member (${arrivingBefore} packets in the second before) received its last media packet ` +
        `${lastPacketMs} ms after the ${action} was requested (the homeserver answered in ${requestMs} ms)`,
    );
    // No stream still receiving at the end (the removed member's consumers are gone, not just quiet).
    expect(afterwards.length).toBeGreaterThan(0);
    expect(new Set(afterwards.map((sample) => sample.packets)).size).toBe(1);
    expect(lastPacketMs).toBeLessThan(2000);
    // The removed member's tile leaves the remaining member's call.
    await expect(host.page.getByRole('group', { name: member.username, exact: true })).toBeHidden({ timeout: 15_000 });
    // Joining again is refused by the SFU.
    expect(await expectJoinRefused(memberApi, memberId, roomId)).toBe('removed-from-room');

    await host.page.getByRole('button', { name: 'Leave call' }).click();
    await Promise.all([host.context.close(), guest.context.close()]);
  });
}
