// `npm run bench:chat`: Relais against a bare matrix-js-sdk client on the same local Synapse, same run.
// Seeds an account with 300 rooms and 20,000 messages (5,000 in one room), then measures sign-in to
// the first 20 rooms visible with sliding sync and with classic sync (forced by machine policy), warm
// start, opening the 5,000-message room, scrolling back through it (frame times) and the renderer's JS
// heap. Prints progress, then one JSON line with the figures and the ratios.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { ClientEvent, createClient, SyncState } from 'matrix-js-sdk';
import type { Logger } from 'matrix-js-sdk/lib/logger.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../playwright.config.ts';
import { createDesktopHarness } from '../test/e2e/desktopHarness.ts';
import { startSynapse, type RegisteredUser } from '../test/env/synapse.ts';
import { RENDERER_DIST, startWebServer } from './webServer.ts';

const ROOMS = Number(process.env.BENCH_ROOMS ?? 300);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 20_000);
const BIG_ROOM_MESSAGES = Math.min(Number(process.env.BENCH_BIG_ROOM_MESSAGES ?? 5_000), MESSAGES);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const USER = { username: 'bench', password: 'bench-password-1' };

const log = (message: string) => process.stderr.write(`[bench:chat] ${message}\n`);
// The bare client's logging (one line per request, one per room) would bury the figures: errors only.
const quietLogger: Logger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (...msg: unknown[]) => console.error(...msg),
  getChild: () => quietLogger,
};
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

async function api<T>(base: string, token: string, method: string, p: string, body?: unknown): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(`${base}/_matrix/client/v3${p}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    });
    if (res.ok) return (await res.json()) as T;
    if (attempt < 5 && (res.status === 429 || res.status >= 500)) continue;
    throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
  }
}

async function seed(base: string, user: RegisteredUser): Promise<void> {
  const started = Date.now();
  const roomIds: string[] = [];
  await pool(
    Array.from({ length: ROOMS }, (_, i) => i),
    8,
    async (i) => {
      const { room_id } = await api<{ room_id: string }>(base, user.accessToken, 'POST', '/createRoom', {
        name: i === 0 ? 'Big room' : `Room ${String(i).padStart(3, '0')}`,
        preset: 'private_chat',
      });
      roomIds[i] = room_id;
    },
  );
  log(`created ${ROOMS} rooms in ${Date.now() - started} ms`);
  const sends: [string, number][] = [];
  for (let n = 0; n < BIG_ROOM_MESSAGES; n++) sends.push([roomIds[0] ?? '', n]);
  for (let n = BIG_ROOM_MESSAGES; n < MESSAGES; n++) sends.push([roomIds[1 + (n % (ROOMS - 1))] ?? '', n]);
  let done = 0;
  // Sent in parallel: order within a room does not matter to what is measured.
  await pool(sends, 16, async ([roomId, n]) => {
    await api(base, user.accessToken, 'PUT', `/rooms/${encodeURIComponent(roomId)}/send/m.room.message/bench-${n}`, {
      msgtype: 'm.text',
      body: `Message ${n}: ${'lorem ipsum dolor sit amet '.repeat(1 + (n % 4))}`,
    });
    if (++done % 2_000 === 0) log(`sent ${done}/${MESSAGES} messages (${Math.round((done * 1000) / (Date.now() - started))}/s)`);
  });
  log(`seeded ${ROOMS} rooms and ${MESSAGES} messages in ${Math.round((Date.now() - started) / 1000)} s`);
}

async function bareSdkInitialSync(base: string): Promise<number> {
  const login = await fetch(`${base}/_matrix/client/v3/login`, {
    method: 'POST',
    body: JSON.stringify({
      type: 'm.login.password',
      identifier: { type: 'm.id.user', user: USER.username },
      password: USER.password,
    }),
  });
  const { access_token, user_id, device_id } = (await login.json()) as {
    access_token: string;
    user_id: string;
    device_id: string;
  };
  const client = createClient({
    baseUrl: base,
    accessToken: access_token,
    userId: user_id,
    deviceId: device_id,
    logger: quietLogger,
  });
  const started = performance.now();
  const prepared = new Promise<void>((resolve) => {
    client.on(ClientEvent.Sync, (state: SyncState) => {
      if (state === SyncState.Prepared) resolve();
    });
  });
  await client.startClient({ initialSyncLimit: 20, lazyLoadMembers: true });
  await prepared;
  const elapsed = performance.now() - started;
  client.stopClient();
  await client.logout(true).catch(() => undefined);
  return elapsed;
}

/**
 * From the click on "Sign in" to the first 20 rooms visible, and from the server accepting the
 * password to the same point: the login request itself is the server hashing the password (about 1 s
 * with Synapse's default bcrypt cost here), the same for every client and absent from the bare SDK.
 */
async function signInThroughUi(
  page: Page,
  webUrl: string,
  homeserver: string,
): Promise<{ fromClick: number; fromLogin: number }> {
  await page.goto(`${webUrl}?hs=${encodeURIComponent(homeserver)}`);
  await page.getByRole('textbox', { name: 'Username' }).fill(USER.username);
  await page.getByRole('textbox', { name: 'Password' }).fill(USER.password);
  const loggedIn = page
    .waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/_matrix/client/v3/login'), { timeout: 120_000 })
    .then(() => Date.now());
  const started = Date.now();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('navigation', { name: 'Rooms' }).getByRole('link').nth(19).waitFor({ timeout: 120_000 });
  const done = Date.now();
  return { fromClick: done - started, fromLogin: done - (await loggedIn) };
}

async function openAndScrollBigRoom(
  page: Page,
): Promise<{ filterMs: number; openMs: number; frameP50: number; frameP95: number; loaded: number }> {
  // Found as a user would, by name: it is the least recent room, at the very end of the list.
  const filterStarted = Date.now();
  const rooms = page.getByRole('navigation', { name: 'Rooms' });
  await rooms.getByRole('searchbox', { name: 'Filter rooms' }).fill('Big room');
  const link = rooms.getByRole('link', { name: /Big room/ });
  await link.waitFor({ timeout: 60_000 });
  const filterMs = Date.now() - filterStarted;
  const started = Date.now();
  await link.click();
  const log = page.getByRole('log', { name: 'Big room' });
  await log.getByRole('article').last().waitFor({ timeout: 60_000 });
  const openMs = Date.now() - started;
  // Scroll back through history for a fixed time, recording every frame's duration.
  const result = await page.evaluate(async () => {
    const doc = globalThis as unknown as {
      document: {
        querySelector: (s: string) => { scrollTop: number; querySelectorAll: (s: string) => { length: number } } | null;
      };
      requestAnimationFrame: (cb: (t: number) => void) => void;
    };
    const el = doc.document.querySelector('[role="log"]');
    if (!el) return { frames: [] as number[], loaded: 0 };
    const frames: number[] = [];
    let last = 0;
    const end = performance.now() + 8_000;
    await new Promise<void>((resolve) => {
      const step = (t: number) => {
        if (last) frames.push(t - last);
        last = t;
        el.scrollTop = Math.max(0, el.scrollTop - 120);
        if (t < end) doc.requestAnimationFrame(step);
        else resolve();
      };
      doc.requestAnimationFrame(step);
    });
    return { frames, loaded: el.querySelectorAll('article').length };
  });
  const sorted = [...result.frames].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
  return { filterMs, openMs, frameP50: pct(0.5), frameP95: pct(0.95), loaded: result.loaded };
}

async function jsHeapMb(context: BrowserContext, page: Page): Promise<number> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
  return Math.round((used / 1024 / 1024) * 10) / 10;
}

const synapse = await startSynapse({ port: Number(process.env.BENCH_SYNAPSE_PORT ?? 18308) });
const web = await startWebServer({ rootDir: RENDERER_DIST, port: 0 });
const profile = mkdtempSync(path.join(tmpdir(), 'relais-bench-'));
try {
  const user = await synapse.registerUser(USER.username, USER.password);
  await seed(synapse.baseUrl, user);

  const baseline: number[] = [];
  for (let i = 0; i < RUNS; i++) baseline.push(await bareSdkInitialSync(synapse.baseUrl));
  log(`bare matrix-js-sdk initial sync: ${baseline.map(Math.round).join(', ')} ms`);

  // Sign-in as the desktop app does it (keychain, machine policy through the real loader), with the
  // sync mode set by policy: the same path for both, so only the protocol differs.
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const signInWith = async (syncMode: 'sliding' | 'classic'): Promise<{ fromClick: number; fromLogin: number }> => {
    const policyDir = path.join(profile, `policy-${syncMode}`);
    mkdirSync(policyDir);
    writeFileSync(path.join(policyDir, 'policy.json'), JSON.stringify({ policyVersion: 1, syncMode }));
    const harness = await createDesktopHarness({
      appOrigin: web.url,
      markerFile: path.join(profile, `marker-${syncMode}.json`),
      policyDir,
    });
    const times: { fromClick: number; fromLogin: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 800 } });
      await harness.attach(context);
      const page = await context.newPage();
      times.push(await signInThroughUi(page, web.url, synapse.baseUrl));
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await context.close();
    }
    log(
      `Relais sign-in to first 20 rooms, ${syncMode} sync: from click ${times.map((t) => t.fromClick).join(', ')} ms; ` +
        `from login ${times.map((t) => t.fromLogin).join(', ')} ms`,
    );
    return { fromClick: median(times.map((t) => t.fromClick)), fromLogin: median(times.map((t) => t.fromLogin)) };
  };
  const sliding = await signInWith('sliding');
  const classic = await signInWith('classic');
  await browser.close();

  // Warm start and the big room, as the desktop app runs: keychain-held session, persistent profile.
  const harness = await createDesktopHarness({ appOrigin: web.url, markerFile: path.join(profile, 'marker.json') });
  const launch = async () => {
    const context = await chromium.launchPersistentContext(path.join(profile, 'chromium'), {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      locale: 'en-GB',
      viewport: { width: 1280, height: 800 },
    });
    await harness.attach(context);
    return { context, page: context.pages()[0] ?? (await context.newPage()) };
  };
  let { context, page } = await launch();
  await signInThroughUi(page, web.url, synapse.baseUrl);
  await context.close();
  const warm: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    ({ context, page } = await launch());
    const started = Date.now();
    await page.goto(web.url);
    await page.getByRole('navigation', { name: 'Rooms' }).getByRole('link').nth(19).waitFor({ timeout: 120_000 });
    warm.push(Date.now() - started);
    if (i < RUNS - 1) await context.close();
  }
  log(`Relais warm start to room list: ${warm.join(', ')} ms`);
  const room = await openAndScrollBigRoom(page);
  log(
    `filter to the 5,000-message room ${room.filterMs} ms; open it: ${room.openMs} ms; scrolling frames p50 ${room.frameP50.toFixed(1)} ms, p95 ${room.frameP95.toFixed(1)} ms`,
  );
  const heap = await jsHeapMb(context, page);
  await context.close();

  const result = {
    benchmark: 'chat',
    account: { rooms: ROOMS, messages: MESSAGES, bigRoomMessages: BIG_ROOM_MESSAGES },
    runs: RUNS,
    bareSdkInitialSyncMs: Math.round(median(baseline)),
    relaisSignInSlidingSyncMs: sliding.fromClick,
    relaisSignInClassicSyncMs: classic.fromClick,
    relaisLoginToRoomsSlidingSyncMs: sliding.fromLogin,
    relaisLoginToRoomsClassicSyncMs: classic.fromLogin,
    relaisWarmStartToRoomListMs: median(warm),
    filterToBigRoomMs: room.filterMs,
    openBigRoomMs: room.openMs,
    scrollFrameMsP50: Number(room.frameP50.toFixed(1)),
    scrollFrameMsP95: Number(room.frameP95.toFixed(1)),
    rendererJsHeapMb: heap,
    ratioSlidingVsClassicSignIn: Number((sliding.fromClick / classic.fromClick).toFixed(2)),
    ratioSlidingVsClassicFromLogin: Number((sliding.fromLogin / classic.fromLogin).toFixed(2)),
    ratioSlidingFromLoginVsBareSdk: Number((sliding.fromLogin / median(baseline)).toFixed(2)),
    ratioClassicFromLoginVsBareSdk: Number((classic.fromLogin / median(baseline)).toFixed(2)),
    ratioWarmStartVsBareSdk: Number((median(warm) / median(baseline)).toFixed(2)),
  };
  console.log(JSON.stringify(result));
} finally {
  await web.close();
  await synapse.stop();
  rmSync(profile, { recursive: true, force: true });
}
