// Calls you can trust, under real faults: the SFU is a child process this spec starts (on the port
// Synapse's .well-known names), so it can kill the SFU's mediasoup worker by pid, stop the SFU for
// 90 s and start it again on the same port, while two Chromium participants are in a call. Media is
// judged by getStats on the connections made after the fault (inbound audio packets and decoded
// frames growing again, sampled inside the page every 250 ms), not by what the UI says; the measured
// times are printed, with the steps of each repair (the app logs them: joinTimeline.ts).
// Slow (minutes): run by `npm run test:calls-faults`, not by `npm run test:e2e`.
import type { Browser, Page } from '@playwright/test';
import type { SfuHandle } from '../env/sfu.ts';
import {
  CALL_LAUNCH_OPTIONS,
  callMemberships,
  inboundTotals,
  matrixApi,
  RECORD_PEER_CONNECTIONS,
  type MatrixApi,
} from './callHelpers.ts';
import {
  connectionMark,
  describeJoin,
  describeFlow,
  flowingAt,
  joinAfter,
  median,
  msUntilFlowing,
  RECORD_MEDIA_TRACKS,
  recordJoinTimelines,
  startTestSfu,
  trackStates,
  workerPidOf,
} from './callFaults.ts';
import { JOIN_STEPS, type JoinStep } from '../../src/renderer/calls/joinTimeline.ts';
import { expect, expectAccessible, test } from './fixtures.ts';
import { signInAs, type SignedInPage } from './helpers.ts';
import { apiLogin, createRoom, joinRoom } from './matrixApi.ts';
import { TEST_USERS } from './testUsers.ts';

test.use({ launchOptions: CALL_LAUNCH_OPTIONS });

const INIT = { initScript: RECORD_PEER_CONNECTIONS + RECORD_MEDIA_TRACKS };
const CALL_MEMBER_PL = { events: { 'org.matrix.msc3401.call.member': 0 } };
let sfu: SfuHandle | null = null;

test.beforeAll(async () => {
  sfu = await startTestSfu();
});
test.afterAll(async () => {
  await sfu?.stop();
});

type User = (typeof TEST_USERS)[keyof typeof TEST_USERS];

/** A room made through the API (not under test here), every member allowed to write call membership. */
async function roomWith(env: { homeserver: string }, owner: User, members: User[], name: string): Promise<string> {
  const session = await apiLogin(env.homeserver, owner);
  const roomId = await createRoom(session, {
    name,
    invite: members.map((m) => `@${m.username}:localhost`),
    powerLevels: CALL_MEMBER_PL,
  });
  for (const member of members) await joinRoom(await apiLogin(env.homeserver, member), roomId);
  return roomId;
}

async function openRoom(page: Page, roomId: string, name: string): Promise<void> {
  await page.evaluate(
    (hash) => {
      (globalThis as unknown as { location: { hash: string } }).location.hash = hash;
    },
    `#/room/${encodeURIComponent(roomId)}`,
  );
  await expect(page.getByRole('heading', { name, exact: true })).toBeVisible({ timeout: 30_000 });
}

async function joinCall(page: Page, roomName: string): Promise<void> {
  await page.getByRole('button', { name: /^(Start|Join) call$/ }).click();
  await expect(page.getByRole('region', { name: `Call in ${roomName}` }).getByRole('button', { name: 'Leave call' })).toBeVisible(
    {
      timeout: 30_000,
    },
  );
}

/** Two people in a call in a fresh room; resolves once media flows both ways. */
async function twoInACall(
  browser: Browser,
  env: { homeserver: string; webUrl: string },
  a: User,
  b: User,
  label: string,
): Promise<{ one: SignedInPage; two: SignedInPage; roomId: string; roomName: string }> {
  const roomName = `${label} ${Date.now()}`;
  const roomId = await roomWith(env, a, [b], roomName);
  const one = await signInAs(browser, env.webUrl, env.homeserver, a, INIT);
  const two = await signInAs(browser, env.webUrl, env.homeserver, b, INIT);
  await openRoom(one.page, roomId, roomName);
  await openRoom(two.page, roomId, roomName);
  await joinCall(one.page, roomName);
  await joinCall(two.page, roomName);
  await Promise.all([msUntilFlowing(one.page, 0, Date.now(), 30_000), msUntilFlowing(two.page, 0, Date.now(), 30_000)]);
  return { one, two, roomId, roomName };
}

async function liveMembershipsOf(api: MatrixApi, roomId: string, username: string): Promise<number> {
  const all = await callMemberships(api, roomId);
  return all.filter((m) => m.state_key.startsWith(`_@${username}:localhost_`) && Object.keys(m.content).length > 0).length;
}

test('(d) reading another room keeps the call: a "Call" bar with mute, Return to call and Leave', async ({ browser, env }) => {
  test.setTimeout(180_000);
  const { one: oscar, two: peggy, roomId, roomName } = await twoInACall(browser, env, TEST_USERS.oscar, TEST_USERS.peggy, 'Bar');
  const otherName = `Elsewhere ${Date.now()}`;
  const otherId = await roomWith(env, TEST_USERS.peggy, [], otherName);
  await openRoom(peggy.page, otherId, otherName);

  const bar = peggy.page.getByRole('region', { name: 'Call', exact: true });
  await expect(bar).toBeVisible();
  await expect(bar).toContainText(`Call in ${roomName}`);
  await expect(bar).toContainText(/In the call for \d+:\d\d/);
  // The call goes on while another room is read: Peggy still hears Oscar. (His video, which nothing
  // on her screen shows now, may be paused at the SFU: subscriptionPlan.ts.)
  const mark = 0;
  const heard = (await inboundTotals(peggy.page)).audioPackets;
  await expect.poll(async () => (await inboundTotals(peggy.page)).audioPackets, { timeout: 10_000 }).toBeGreaterThan(heard);
  await expectAccessible(peggy.page);
  await peggy.page.screenshot({ path: 'test-results/call-bar.png' });

  // Mute from the bar, then back to the call and away again.
  await bar.getByRole('button', { name: 'Mute microphone' }).click();
  await expect(bar.getByRole('button', { name: 'Unmute microphone' })).toBeVisible();
  await bar.getByRole('link', { name: 'Return to call' }).click();
  await expect(peggy.page.getByRole('region', { name: `Call in ${roomName}` })).toBeVisible();
  // Back in the call, Oscar's video is there again with his audio.
  expect(await msUntilFlowing(peggy.page, mark, Date.now(), 10_000)).toBeLessThan(10_000);
  await expect(bar).toBeHidden();
  await openRoom(peggy.page, otherId, otherName);

  // Leave from the bar: the bar goes, the membership is cleared, Oscar no longer sees her.
  await bar.getByRole('button', { name: 'Leave call' }).click();
  await expect(bar).toBeHidden();
  const api = await matrixApi(env.homeserver, TEST_USERS.oscar);
  await expect.poll(() => liveMembershipsOf(api, roomId, 'peggy'), { timeout: 15_000 }).toBe(0);
  await expect(oscar.page.getByRole('group', { name: 'peggy', exact: true })).toBeHidden({ timeout: 15_000 });
  expect((await trackStates(peggy.page)).every((s) => s === 'ended')).toBe(true);
  await oscar.page.getByRole('button', { name: 'Leave call' }).click();
  await Promise.all([oscar.context.close(), peggy.context.close()]);
});

test('(c) a member kicked while reading another room: their app ends the call, stops camera and microphone, says why', async ({
  browser,
  env,
}) => {
  test.setTimeout(180_000);
  const { one: oscar, two: victor, roomId } = await twoInACall(browser, env, TEST_USERS.oscar, TEST_USERS.victor, 'Kick');
  const otherName = `Victor's notes ${Date.now()}`;
  const otherId = await roomWith(env, TEST_USERS.victor, [], otherName);
  await openRoom(victor.page, otherId, otherName);
  await expect(victor.page.getByRole('region', { name: 'Call', exact: true })).toBeVisible();
  expect(await liveMembershipsOf(await matrixApi(env.homeserver, TEST_USERS.oscar), roomId, 'victor')).toBe(1);

  const api = await matrixApi(env.homeserver, TEST_USERS.oscar);
  const kickedAt = Date.now();
  await api.post(`/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/kick`, { user_id: '@victor:localhost', reason: 'test' });
  await expect(victor.page.getByRole('alert').filter({ hasText: 'You were removed from this room' })).toBeVisible({
    timeout: 30_000,
  });
  const shownMs = Date.now() - kickedAt;
  await expect.poll(() => trackStates(victor.page), { timeout: 5_000 }).not.toContain('live');
  const states = await trackStates(victor.page);
  expect(states.length).toBeGreaterThan(0);
  await expect(victor.page.getByRole('region', { name: 'Call', exact: true })).toBeHidden();
  // The SFU sees his connection close: Oscar's view drops him.
  await expect(oscar.page.getByRole('group', { name: 'victor', exact: true })).toBeHidden({ timeout: 15_000 });
  console.log(`kicked: the removed member's app ended the call ${shownMs} ms after the kick (tracks: ${states.join(', ')})`);
  await expectAccessible(victor.page);
  await victor.page.getByRole('button', { name: 'Close' }).click();
  await expect(victor.page.getByRole('alert').filter({ hasText: 'You were removed from this room' })).toBeHidden();
  await oscar.page.getByRole('button', { name: 'Leave call' }).click();
  await Promise.all([oscar.context.close(), victor.context.close()]);
});

// Issue 14's target is media both ways within 5 s, 10 of 10 trials, and the tests hold it: a trial
// past TARGET_MS fails. "Media both ways" is when audio and video have each arrived again on both
// sides (flowingAt). The earlier metric, both kinds growing within one 250 ms sample, put the slow
// tail (3.6–5.9 s) on the fake microphone's silences, not on the recovery: per kind, 100 trials came
// back within 1.7 s. A real regression (a backoff, a lost producer: 7.8–30 s before the fixes) fails.
const TARGET_MS = 5_000;

function overTarget(times: readonly number[]): string {
  return `${times.filter((ms) => ms > TARGET_MS).length} of ${times.length} over ${TARGET_MS / 1000} s`;
}

test('(a) the SFU worker killed mid-call, 10 times: media flows both ways again within 5 s', async ({ browser, env }) => {
  test.setTimeout(300_000);
  const { one: oscar, two: peggy } = await twoInACall(browser, env, TEST_USERS.oscar, TEST_USERS.peggy, 'Worker');
  const joins = { oscar: recordJoinTimelines(oscar.page), peggy: recordJoinTimelines(peggy.page) };
  const running = sfu;
  if (!running) throw new Error('no SFU');
  const times: number[] = [];
  for (let trial = 1; trial <= 10; trial += 1) {
    const marks = await Promise.all([connectionMark(oscar.page), connectionMark(peggy.page)]);
    const pid = workerPidOf(running.pid);
    const killedAt = Date.now();
    process.kill(pid, 'SIGKILL');
    const [a, b] = await Promise.all([
      msUntilFlowing(oscar.page, marks[0], killedAt, 20_000),
      msUntilFlowing(peggy.page, marks[1], killedAt, 20_000),
    ]);
    const both = Math.max(a, b);
    times.push(both);
    // Let the replacement worker settle before the next kill (and the engines' join lines arrive).
    await oscar.page.waitForTimeout(1_500);
    console.log(
      `worker kill ${trial}/10: media both ways again after ${both} ms` +
        `\n  oscar: flowing +${a} ms${describeFlow(oscar.page, killedAt)}; ${describeJoin(joinAfter(joins.oscar, killedAt), killedAt)}` +
        `\n  peggy: flowing +${b} ms${describeFlow(peggy.page, killedAt)}; ${describeJoin(joinAfter(joins.peggy, killedAt), killedAt)}`,
    );
  }
  const sorted = [...times].sort((x, y) => x - y);
  console.log(`worker kill: median ${median(times)} ms, max ${sorted[9]} ms over 10 trials; ${overTarget(times)}`);
  expect(times.filter((ms) => ms > TARGET_MS)).toEqual([]);
  await oscar.page.getByRole('button', { name: 'Leave call' }).click();
  await peggy.page.getByRole('button', { name: 'Leave call' }).click();
  await Promise.all([oscar.context.close(), peggy.context.close()]);
});

// Media both ways within TARGET_MS of the restarted SFU being ready, each of 10 trials (see above).
// "Ready" is when the SFU says so (listening, worker up); the clients only see their sockets close,
// look for the SFU every 250 ms (retrySchedule.ts) and re-join. Each trial prints, per side, when the
// successful attempt started relative to "ready" and when each of its steps finished.
test('(e) the SFU killed and started again at once, 10 times: media flows both ways within 5 s', async ({ browser, env }) => {
  test.setTimeout(300_000);
  const { one: oscar, two: peggy } = await twoInACall(browser, env, TEST_USERS.oscar, TEST_USERS.peggy, 'Restart');
  const sides = [
    { name: 'oscar', page: oscar.page, joins: recordJoinTimelines(oscar.page) },
    { name: 'peggy', page: peggy.page, joins: recordJoinTimelines(peggy.page) },
  ];
  const times: number[] = [];
  // Per step, its time after "ready" on each side and trial (the start of the attempt, then each step).
  const afterReady = new Map<'start' | JoinStep, number[]>();
  for (let trial = 1; trial <= 10; trial += 1) {
    const running = sfu;
    if (!running) throw new Error('no SFU');
    const marks = await Promise.all(sides.map((side) => connectionMark(side.page)));
    // Watched from inside the pages from before the fault: the new connections appear while it waits.
    const flowing = Promise.all(sides.map((side, i) => flowingAt(side.page, marks[i] ?? 0, 30_000)));
    flowing.catch(() => undefined);
    // A crash and a supervisor restarting it: the clients only see their sockets close.
    process.kill(running.pid, 'SIGKILL');
    await running.stop();
    sfu = null;
    const killedAt = Date.now();
    sfu = await startTestSfu();
    const upAt = Date.now();
    const flowedAt = await flowing;
    const each = flowedAt.map((at) => at - upAt);
    const both = Math.max(...each);
    times.push(both);
    // The engine logs a join's line when it succeeds (and again at its first consume): let it arrive.
    await oscar.page.waitForTimeout(300);
    const joins = sides.map((side) => joinAfter(side.joins, killedAt));
    for (const join of joins) {
      if (!join) continue;
      afterReady.set('start', [...(afterReady.get('start') ?? []), join.startedAt - upAt]);
      for (const step of JOIN_STEPS) {
        const at = join.steps[step];
        if (at !== undefined) afterReady.set(step, [...(afterReady.get(step) ?? []), join.startedAt + at - upAt]);
      }
    }
    console.log(
      `SFU restart ${trial}/10: ready ${upAt - killedAt} ms after the kill; media both ways ${both} ms after ready ` +
        sides
          .map(
            (side, i) =>
              `\n  ${side.name}: flowing +${each[i]} ms${describeFlow(side.page, upAt)}; ${describeJoin(joins[i], upAt)}`,
          )
          .join(''),
    );
    await oscar.page.waitForTimeout(1_000);
  }
  const sorted = [...times].sort((x, y) => x - y);
  console.log(`SFU restart: median ${median(times)} ms, max ${sorted.at(-1)} ms over 10 trials; ${overTarget(times)}`);
  console.log(
    `SFU restart, median time after ready at which each step finished (both sides, all trials): ` +
      [...afterReady].map(([step, values]) => `${step} ${median(values)} ms`).join(', '),
  );
  expect(times.filter((ms) => ms > TARGET_MS)).toEqual([]);
  await oscar.page.getByRole('button', { name: 'Leave call' }).click();
  await peggy.page.getByRole('button', { name: 'Leave call' }).click();
  await Promise.all([oscar.context.close(), peggy.context.close()]);
});

test('(b) the SFU down for 90 s: the call ends cleanly with Rejoin after the window, and comes back by itself with the SFU', async ({
  browser,
  env,
}) => {
  test.setTimeout(420_000);
  const {
    one: oscar,
    two: peggy,
    roomId,
    roomName,
  } = await twoInACall(browser, env, TEST_USERS.oscar, TEST_USERS.peggy, 'Outage');
  const running = sfu;
  if (!running) throw new Error('no SFU');
  const api = await matrixApi(env.homeserver, TEST_USERS.oscar);

  // A crash, not a polite shutdown: no callRestarting, the sockets just close.
  const downAt = Date.now();
  process.kill(running.pid, 'SIGKILL');
  await running.stop();
  sfu = null;
  const stage = peggy.page.getByRole('region', { name: `Call in ${roomName}` });
  await expect(stage.getByRole('status').filter({ hasText: 'Connection lost, reconnecting' })).toBeVisible({ timeout: 15_000 });
  await expect(stage).toContainText(/reconnecting… \d+ s/);
  // Past the retry window: ended, with a reason and Rejoin, for both.
  const ended = (page: Page) =>
    page.getByRole('alert').filter({ hasText: `The call in ${roomName} ended: the call server could not be reached.` });
  await expect(ended(peggy.page)).toBeVisible({ timeout: 90_000 });
  const endedMs = Date.now() - downAt;
  await expect(ended(oscar.page)).toBeVisible({ timeout: 15_000 });
  await expect(peggy.page.getByRole('button', { name: 'Rejoin' })).toBeVisible();
  await expect(stage).toBeHidden();
  expect(await trackStates(peggy.page)).not.toContain('live');
  // Nobody is listed in a call that is not happening.
  await expect
    .poll(async () => (await liveMembershipsOf(api, roomId, 'peggy')) + (await liveMembershipsOf(api, roomId, 'oscar')), {
      timeout: 20_000,
    })
    .toBe(0);
  await expectAccessible(peggy.page);
  await peggy.page.screenshot({ path: 'test-results/call-ended-outage.png' });
  console.log(`SFU down: call ended with Rejoin ${endedMs} ms after the SFU died; memberships cleared`);

  // The SFU comes back on the same port 90 s after it died: both rejoin by themselves.
  const marks = await Promise.all([connectionMark(oscar.page), connectionMark(peggy.page)]);
  await peggy.page.waitForTimeout(Math.max(0, downAt + 90_000 - Date.now()));
  sfu = await startTestSfu();
  const upAt = Date.now();
  const [a, b] = await Promise.all([
    msUntilFlowing(oscar.page, marks[0], upAt, 60_000),
    msUntilFlowing(peggy.page, marks[1], upAt, 60_000),
  ]);
  console.log(
    `SFU back after 90 s: media both ways again ${Math.max(a, b)} ms after it restarted (oscar ${a} ms, peggy ${b} ms)`,
  );
  await expect(ended(peggy.page)).toBeHidden();
  await expect(stage.getByRole('button', { name: 'Leave call' })).toBeVisible();
  await expect.poll(() => liveMembershipsOf(api, roomId, 'peggy'), { timeout: 15_000 }).toBe(1);
  await peggy.page.getByRole('button', { name: 'Leave call' }).click();
  await oscar.page.getByRole('button', { name: 'Leave call' }).click();
  await Promise.all([oscar.context.close(), peggy.context.close()]);
});
