// `npm run bench:call`: group-call figures on this machine, printed as one JSON line.
// - join time: in the real app (web build), a second person clicks "Join call"; time until the
//   first remote video frame is decoded; median of BENCH_JOIN_RUNS (10);
// - fan-out: 1 sender (fake camera, 3 simulcast layers, and microphone) and 2, 5, 10, 20 receivers
//   on loopback, through the Relais SFU (signaling + Matrix auth): CPU and memory of its mediasoup
//   worker (and of its Node signaling process), read from /proc;
// - the same fan-out with the mediasoup library driven directly (no server of ours), as the
//   baseline; the ratio is SFU worker CPU / baseline worker CPU.
// - encryption: the same call (1 sender, BENCH_E2EE_RECEIVERS (5) receivers, the app's engine over
//   the SFU) without and with end-to-end media encryption: CPU of all Chromium processes (where the
//   frames are encrypted and decrypted), and the ratio encrypted / clear.
// Receivers are consumer-only peers (the app's CallEngine, receive-only) in one Chromium page.
// With BENCH_LOAD set, runs the browserless load mode instead (scripts/bench-call/load/loadMode.ts).
import { cpus } from 'node:os';
import { chromium, type Page } from '@playwright/test';
import { freePort } from '../test/env/freePort.ts';
import { startSfu, TEST_WORKER_BIN } from '../test/env/sfu.ts';
import { startSynapse, type RegisteredUser } from '../test/env/synapse.ts';
import { CALL_LAUNCH_OPTIONS, RECORD_PEER_CONNECTIONS, type StatsPeer } from '../test/e2e/callHelpers.ts';
import { startDirectRouter } from './bench-call/direct.ts';
import { runLoadMode } from './bench-call/load/loadMode.ts';
import { startBenchPageServer } from './bench-call/pageServer.ts';
import { childrenNamed, cpuPercent, processTree, sampleProcess, sampleProcesses } from './bench-call/procStats.ts';
import { RENDERER_DIST, startWebServer } from './webServer.ts';

const RECEIVERS = (process.env.BENCH_RECEIVERS ?? '2,5,10,20').split(',').map(Number);
const E2EE_RECEIVERS = Number(process.env.BENCH_E2EE_RECEIVERS ?? 5);
const JOIN_RUNS = Number(process.env.BENCH_JOIN_RUNS ?? 10);
const MEASURE_MS = Number(process.env.BENCH_MEASURE_MS ?? 8_000);
const log = (message: string) => process.stderr.write(`[bench:call] ${message}\n`);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function api<T>(base: string, token: string, method: string, p: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}/_matrix/client/v3${p}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function signIn(page: Page, webUrl: string, homeserver: string, user: RegisteredUser): Promise<void> {
  await page.goto(`${webUrl}?hs=${encodeURIComponent(homeserver)}`);
  await page.getByRole('textbox', { name: 'Username' }).fill(user.username);
  await page.getByRole('textbox', { name: 'Password' }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('navigation', { name: 'Rooms' }).waitFor({ timeout: 60_000 });
}

/** Milliseconds from the click on "Join call" to the first decoded remote video frame, in-page clocks. */
async function oneJoin(page: Page): Promise<number> {
  await page.getByRole('button', { name: 'Join call' }).click();
  const result = await page.evaluate(async () => {
    const w = globalThis as unknown as { __recordedPeerConnections: StatsPeer[]; __joinClickAt?: number };
    const until = performance.now() + 30_000;
    while (performance.now() < until) {
      let frames = 0;
      for (const pc of w.__recordedPeerConnections) {
        if (pc.connectionState === 'closed') continue;
        (await pc.getStats()).forEach((s: { type: string; kind?: string; framesDecoded?: number }) => {
          if (s.type === 'inbound-rtp' && s.kind === 'video') frames += s.framesDecoded ?? 0;
        });
      }
      if (frames > 0) return performance.now() - (w.__joinClickAt ?? NaN);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return NaN;
  });
  await page.getByRole('button', { name: 'Leave call' }).click();
  await page.getByRole('button', { name: 'Join call' }).waitFor();
  await sleep(500);
  return Math.round(result);
}

const CLICK_CLOCK = `document.addEventListener('click', (e) => {
  const button = e.target instanceof Element ? e.target.closest('button') : null;
  if (button && button.textContent === 'Join call') window.__joinClickAt = performance.now();
}, true);`;

async function main(): Promise<void> {
  const sfuPort = await freePort();
  const synapse = await startSynapse({
    port: await freePort(),
    extraConfig: {
      serve_client_wellknown: true,
      extra_well_known_client_content: {
        'org.matrix.msc4143.rtc_foci': [{ type: 'relais_sfu', url: `ws://127.0.0.1:${sfuPort}/ws` }],
      },
      max_event_delay_duration: '24h',
    },
  });
  const cleanups: (() => Promise<unknown>)[] = [() => synapse.stop()];
  try {
    const [host, guest, tx, rx] = await Promise.all(
      ['bench-host', 'bench-guest', 'bench-tx', 'bench-rx'].map((u) => synapse.registerUser(u, `${u}-password-1`)),
    );
    if (!host || !guest || !tx || !rx) throw new Error('registration failed');
    const admin = await synapse.registerUser('bench-admin', 'bench-admin-password-1', true);
    const sfu = await startSfu({
      port: sfuPort,
      homeservers: [{ serverName: synapse.serverName, baseUrl: synapse.baseUrl, membershipToken: admin.accessToken }],
      // One user stands for every receiver (a device each): more than the 4 devices a person may have in calls.
      extraConfig: { limits: { maxPeersPerUser: 64 } },
    });
    cleanups.push(() => sfu.stop());
    const web = await startWebServer({ rootDir: RENDERER_DIST, port: 0 });
    cleanups.push(() => web.close());
    const pages = await startBenchPageServer();
    cleanups.push(() => pages.close());
    const browser = await chromium.launch({ ...CALL_LAUNCH_OPTIONS, headless: true });
    cleanups.push(() => browser.close());

    // One room everyone is in, with call membership open to members (as Relais creates rooms).
    const { room_id: roomId } = await api<{ room_id: string }>(synapse.baseUrl, host.accessToken, 'POST', '/createRoom', {
      name: 'Bench call',
      preset: 'private_chat',
      invite: [guest.userId, tx.userId, rx.userId],
      power_level_content_override: { events: { 'org.matrix.msc3401.call.member': 0 } },
    });
    for (const u of [guest, tx, rx]) await api(synapse.baseUrl, u.accessToken, 'POST', `/join/${encodeURIComponent(roomId)}`, {});

    log('join time: two app pages, the guest joins and leaves repeatedly');
    const [hostPage, guestPage] = await Promise.all(
      [host, guest].map(async (user) => {
        const context = await browser.newContext({ locale: 'en-GB' });
        await context.addInitScript({ content: RECORD_PEER_CONNECTIONS + CLICK_CLOCK });
        const page = await context.newPage();
        await signIn(page, web.url, synapse.baseUrl, user);
        await page.getByRole('navigation', { name: 'Rooms' }).getByRole('link', { name: 'Bench call' }).click();
        return page;
      }),
    );
    if (!hostPage || !guestPage) throw new Error('no pages');
    await hostPage.getByRole('button', { name: 'Start call' }).click();
    await hostPage.getByRole('button', { name: 'Leave call' }).waitFor({ timeout: 30_000 });
    await guestPage.getByRole('button', { name: 'Join call' }).waitFor({ timeout: 30_000 });
    const joins: number[] = [];
    for (let i = 0; i < JOIN_RUNS; i++) joins.push(await oneJoin(guestPage));
    log(`join times (ms): ${joins.join(', ')}`);
    await hostPage.context().close();
    await guestPage.context().close();

    const openId = async (u: RegisteredUser) =>
      api<Record<string, unknown>>(
        synapse.baseUrl,
        u.accessToken,
        'POST',
        `/user/${encodeURIComponent(u.userId)}/openid/request_token`,
        {},
      );
    const [txPage, rxPage] = await Promise.all([pages.open(browser), pages.open(browser)]);
    const workerPid = childrenNamed(sfu.pid, 'mediasoup-work')[0];
    if (workerPid === undefined) throw new Error('SFU worker process not found');

    type Joiner = (index: number) => Promise<unknown>;
    const fanOut = async (
      label: string,
      pid: number,
      signalingPid: number | null,
      joinSender: () => Promise<unknown>,
      joinReceiver: Joiner,
    ) => {
      log(`${label}: sender joins`);
      await joinSender();
      const rows = [];
      let joined = 0;
      for (const n of RECEIVERS) {
        for (; joined < n; joined++) await joinReceiver(joined);
        await sleep(3_000); // let bandwidth estimation and layer selection settle
        const [w0, s0, f0] = [sampleProcess(pid), signalingPid ? sampleProcess(signalingPid) : null, await rxStats(rxPage)];
        await sleep(MEASURE_MS);
        const [w1, s1, f1] = [sampleProcess(pid), signalingPid ? sampleProcess(signalingPid) : null, await rxStats(rxPage)];
        const framesPerSec = Math.round(((f1.framesDecoded - f0.framesDecoded) / (MEASURE_MS / 1000) / n) * 10) / 10;
        const row = {
          receivers: n,
          workerCpuPct: cpuPercent(w0, w1),
          workerRssMb: mb(w1.rssBytes),
          ...(s0 && s1 ? { signalingCpuPct: cpuPercent(s0, s1), signalingRssMb: mb(s1.rssBytes) } : {}),
          framesPerSecPerReceiver: framesPerSec,
        };
        log(`${label}: ${JSON.stringify(row)}`);
        rows.push(row);
      }
      await Promise.all(
        [txPage, rxPage].map((p) => p.evaluate(() => (globalThis as unknown as BenchWindow).benchCall.leaveAll())),
      );
      return rows;
    };

    const sfuJoin =
      (page: Page, user: RegisteredUser, deviceId: string, send: boolean, encrypt = false) =>
      async () => {
        const token = await openId(user);
        const phase = await page.evaluate((o) => (globalThis as unknown as BenchWindow).benchCall.sfuJoin(o), {
          sfuUrl: sfu.wsUrl,
          roomId,
          userId: user.userId,
          deviceId,
          token,
          send,
          encrypt,
        });
        if (phase !== 'joined') throw new Error(`${deviceId} could not join: ${phase}`);
      };
    const viaSfu = await fanOut('SFU', workerPid, sfu.pid, sfuJoin(txPage, tx, 'TX', true), (i) =>
      sfuJoin(rxPage, rx, `RX${i}`, false)(),
    );

    // Encryption's cost where it is paid: in the browsers. Keys go between the pages through Node.
    for (const page of [txPage, rxPage])
      await page.exposeFunction('benchKeyOut', async (u: string, d: string, k: string, i: number) => {
        for (const to of [txPage, rxPage])
          await to.evaluate((a) => (globalThis as unknown as BenchWindow).benchCall.keyIn(...a), [u, d, k, i] as const);
      });
    const chromiumProcesses = () => childrenNamed(process.pid, 'chrom').flatMap(processTree);
    const encryptionRun = async (encrypt: boolean) => {
      const tag = encrypt ? 'E' : 'C';
      log(`encryption ${encrypt ? 'on' : 'off'}: 1 sender, ${E2EE_RECEIVERS} receivers`);
      await sfuJoin(txPage, tx, `${tag}TX`, true, encrypt)();
      for (let i = 0; i < E2EE_RECEIVERS; i++) await sfuJoin(rxPage, rx, `${tag}RX${i}`, false, encrypt)();
      await sleep(5_000); // keys, bandwidth estimation and layers settle
      const pids = chromiumProcesses();
      const [c0, f0] = [sampleProcesses(pids), await rxStats(rxPage)];
      await sleep(MEASURE_MS);
      const [c1, f1] = [sampleProcesses(pids), await rxStats(rxPage)];
      await Promise.all(
        [txPage, rxPage].map((p) => p.evaluate(() => (globalThis as unknown as BenchWindow).benchCall.leaveAll())),
      );
      const row = {
        chromiumCpuPct: cpuPercent(c0, c1),
        framesPerSecPerReceiver:
          Math.round(((f1.framesDecoded - f0.framesDecoded) / (MEASURE_MS / 1000) / E2EE_RECEIVERS) * 10) / 10,
      };
      log(`encryption ${encrypt ? 'on' : 'off'}: ${JSON.stringify(row)}`);
      // Frames that do not decrypt cost nothing to decode: a ratio without them would flatter encryption.
      if (row.framesPerSecPerReceiver <= 0) throw new Error(`no video decoded with encryption ${encrypt ? 'on' : 'off'}`);
      return row;
    };
    const clear = await encryptionRun(false);
    const encrypted = await encryptionRun(true);
    const encryption = {
      receivers: E2EE_RECEIVERS,
      clear,
      encrypted,
      chromiumCpuRatio:
        clear.chromiumCpuPct > 0 ? Math.round((encrypted.chromiumCpuPct / clear.chromiumCpuPct) * 100) / 100 : null,
    };

    const direct = await startDirectRouter(TEST_WORKER_BIN);
    cleanups.push(() => Promise.resolve(direct.close()));
    for (const page of [txPage, rxPage])
      await page.exposeFunction('directSignal', (m: string, d: unknown) => direct.signal(m, d));
    const directJoin = (page: Page, send: boolean) =>
      page.evaluate((s) => (globalThis as unknown as BenchWindow).benchCall.directJoin(s), send);
    const viaDirect = await fanOut(
      'direct mediasoup',
      direct.workerPid,
      null,
      () => directJoin(txPage, true),
      () => directJoin(rxPage, false),
    );

    const fanout = viaSfu.map((row, i) => {
      const base = viaDirect[i];
      const ratio = base && base.workerCpuPct > 0 ? Math.round((row.workerCpuPct / base.workerCpuPct) * 100) / 100 : null;
      return { receivers: row.receivers, sfu: row, direct: base, workerCpuRatio: ratio };
    });
    const result = {
      bench: 'call',
      cores: cpus().length,
      joinToFirstFrameMs: { median: median(joins), runs: joins },
      fanout,
      encryption,
      measureMs: MEASURE_MS,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }
}

interface BenchWindow {
  benchCall: {
    sfuJoin(o: unknown): Promise<string>;
    directJoin(send: boolean): Promise<string>;
    stats(): Promise<{ framesDecoded: number; audioPackets: number }>;
    leaveAll(): Promise<void>;
    keyIn(userId: string, deviceId: string, key: string, index: number): void;
  };
}

function rxStats(page: Page): Promise<{ framesDecoded: number; audioPackets: number }> {
  return page.evaluate(() => (globalThis as unknown as BenchWindow).benchCall.stats());
}

// BENCH_LOAD=50,150: browserless synthetic participants instead (scripts/bench-call/load/).
const loadSizes = process.env.BENCH_LOAD?.split(',').map(Number);

(loadSizes ? runLoadMode(loadSizes) : main()).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
