// `npm run bench:chat`: Relais against a bare matrix-js-sdk client on the same local Synapse, same run.
// Seeds an account with 300 rooms and 20,000 messages (5,000 in one room), then measures sign-in to
// the first 20 rooms visible with sliding sync and with classic sync (forced by machine policy), finding
// the least recent room by name right after sign-in, warm start, opening the 5,000-message room,
// scrolling back through it (frame times) and the renderer's JS heap. `BENCH_PROFILE=large` is the
// 3,000-room account of issue 22 (6,000 messages, 1,000 in the least recent room), which also measures
// the heap once the list is whole and the app idle, and after opening and leaving 50 rooms. A seeded
// server's data is kept under the test environment's cache, keyed by the seed parameters, and reused.
// Prints progress, then one JSON line with the figures and the ratios.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { ClientEvent, createClient, SyncState } from 'matrix-js-sdk';
import type { Logger } from 'matrix-js-sdk/lib/logger.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../playwright.config.ts';
import { createDesktopHarness } from '../test/e2e/desktopHarness.ts';
import { ENV_CACHE_ROOT } from '../test/env/chroot.ts';
import { startSynapse } from '../test/env/synapse.ts';
import { RENDERER_DIST, startWebServer } from './webServer.ts';

const LARGE = process.env.BENCH_PROFILE === 'large';
const ROOMS = Number(process.env.BENCH_ROOMS ?? (LARGE ? 3_000 : 300));
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? (LARGE ? 6_000 : 20_000));
const BIG_ROOM_MESSAGES = Math.min(Number(process.env.BENCH_BIG_ROOM_MESSAGES ?? (LARGE ? 1_000 : 5_000)), MESSAGES);
const RUNS = Number(process.env.BENCH_RUNS ?? (LARGE ? 3 : 5));
/**
 * The bare SDK's runs. 0 skips it: on a loaded machine its initial sync of 3,000 rooms outlasts the
 * SDK's own request timeout (80 s) and is retried forever.
 */
const BASELINE_RUNS = Number(process.env.BENCH_BASELINE_RUNS ?? RUNS);
/** BENCH_HEAP=0 skips the large profile's memory figures (minutes: the whole list, a minute idle, 50 rooms). */
const HEAP = process.env.BENCH_HEAP !== '0';
/** Classic sync's sign-in (about 30 s a run at 3,000 rooms) is measured unless told not to. */
const CLASSIC = (process.env.BENCH_CLASSIC ?? (LARGE ? '0' : '1')) === '1';
/** How long the app stays idle, the list whole, before its heap is measured (large profile). */
const IDLE_MS = Number(process.env.BENCH_IDLE_MS ?? 60_000);
/** How many rooms are opened one after the other for the heap's growth (large profile). */
const OPEN_ROOMS = Number(process.env.BENCH_OPEN_ROOMS ?? 50);
/** If set, a heap snapshot is written there at each heap figure (to find what holds the memory). */
const HEAP_SNAPSHOT_DIR = process.env.BENCH_HEAP_SNAPSHOT_DIR;
/** Where seeded servers are kept: one directory per seed's parameters (bump the version when seed() changes). */
const SEED_DIR = path.join(ENV_CACHE_ROOT, 'bench-seeds', `chat-v1-r${ROOMS}-m${MESSAGES}-b${BIG_ROOM_MESSAGES}`);
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

async function seed(base: string, user: { accessToken: string }): Promise<void> {
  const started = Date.now();
  const roomIds: string[] = [];
  await pool(
    Array.from({ length: ROOMS }, (_, i) => i),
    8,
    async (i) => {
      const { room_id } = await api<{ room_id: string }>(base, user.accessToken, 'POST', '/createRoom', {
        name: i === 0 ? 'Big room' : `Room ${String(i).padStart(String(ROOMS).length, '0')}`,
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

async function login(base: string): Promise<{ access_token: string; user_id: string; device_id: string }> {
  const res = await fetch(`${base}/_matrix/client/v3/login`, {
    method: 'POST',
    body: JSON.stringify({
      type: 'm.login.password',
      identifier: { type: 'm.id.user', user: USER.username },
      password: USER.password,
    }),
  });
  return (await res.json()) as { access_token: string; user_id: string; device_id: string };
}

async function bareSdkInitialSync(base: string): Promise<number> {
  const { access_token, user_id, device_id } = await login(base);
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

/** Writes the page's heap snapshot to HEAP_SNAPSHOT_DIR/<name>.heapsnapshot, if that is set. */
async function heapSnapshot(context: BrowserContext, page: Page, name: string): Promise<void> {
  if (!HEAP_SNAPSHOT_DIR) return;
  const cdp = await context.newCDPSession(page);
  const chunks: string[] = [];
  cdp.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => chunks.push(chunk));
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  mkdirSync(HEAP_SNAPSHOT_DIR, { recursive: true });
  writeFileSync(path.join(HEAP_SNAPSHOT_DIR, `${name}.heapsnapshot`), chunks.join(''));
  await cdp.detach();
}

/** Right after sign-in: typing the least recent room's name until its row shows, then opening it. */
async function findAndOpenBigRoom(page: Page): Promise<{ findMs: number; openMs: number }> {
  const rooms = page.getByRole('navigation', { name: 'Rooms' });
  const started = Date.now();
  await rooms.getByRole('searchbox', { name: 'Filter rooms' }).fill('Big room');
  const link = rooms.getByRole('link', { name: /Big room/ });
  await link.waitFor({ timeout: 120_000 });
  const findMs = Date.now() - started;
  const opened = Date.now();
  await link.click();
  await page.getByRole('log', { name: 'Big room' }).getByRole('article').last().waitFor({ timeout: 180_000 });
  const openMs = Date.now() - opened;
  log(`found "Big room" ${findMs} ms after the first page; opened it in ${openMs} ms`);
  return { findMs, openMs };
}

/**
 * The large profile's memory figures, in a session signed in just before: the heap once every room is
 * listed and the app has been idle for IDLE_MS, then after opening 50 rooms one after the other and
 * leaving the last one (the growth across them is what leaks would show).
 */
async function heapFigures(context: BrowserContext, page: Page): Promise<{ wholeIdleMb: number; after50RoomsMb: number }> {
  const rooms = page.getByRole('navigation', { name: 'Rooms' });
  await rooms.getByRole('searchbox', { name: 'Filter rooms' }).fill('');
  const started = Date.now();
  // Counted from here, not with waitForFunction: the app's CSP forbids the eval that needs.
  const rows = page.locator('[data-room-row]');
  while ((await rows.count()) < ROOMS) {
    if (Date.now() - started > 300_000) throw new Error(`only ${await rows.count()} of ${ROOMS} rooms listed after 300 s`);
    await page.waitForTimeout(500);
  }
  log(`every room listed ${Date.now() - started} ms after clearing the filter; idle for ${IDLE_MS} ms`);
  await page.waitForTimeout(IDLE_MS);
  const wholeIdleMb = await jsHeapMb(context, page);
  log(`heap with every room listed, idle: ${wholeIdleMb} MB`);
  await heapSnapshot(context, page, 'list-whole-idle');
  const links = rooms.getByRole('link');
  for (let i = 0; i < OPEN_ROOMS; i++) {
    const link = links.nth(i * Math.floor(ROOMS / OPEN_ROOMS));
    const name = (await link.getAttribute('aria-label'))?.split(',')[0] ?? '';
    await link.click();
    await page.getByRole('log', { name }).waitFor({ timeout: 180_000 });
  }
  // Back to no room open, in the same page (a reload would start a fresh heap).
  await page.evaluate("location.hash = ''");
  await page.getByRole('log').waitFor({ state: 'detached', timeout: 60_000 });
  // Longer than the app waits before giving back the history of a room left behind (10 s).
  await page.waitForTimeout(15_000);
  const after50RoomsMb = await jsHeapMb(context, page);
  await heapSnapshot(context, page, 'after-50-rooms');
  return { wholeIdleMb, after50RoomsMb };
}

/**
 * Milliseconds from the page's first paint to 20 room rows drawn, asked of the page every 10 ms (good
 * to about 15 ms). Polled from here: waitForFunction would evaluate its predicate in the page, which
 * the app's CSP (no 'unsafe-eval') forbids; page.evaluate goes through the debugger protocol.
 */
async function msFromFirstPaintTo20Rows(page: Page): Promise<number> {
  const started = Date.now();
  for (;;) {
    const ms = await page.evaluate<number | null>(
      `document.querySelectorAll('[data-room-row]').length >= 20
        ? performance.now() - (performance.getEntriesByName('first-paint')[0]?.startTime ?? 0)
        : null`,
    );
    if (ms !== null) return Math.round(ms);
    if (Date.now() - started > 120_000) throw new Error('the room list did not show 20 rooms within 120 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Until the app's encrypted local database holds a sync snapshot (its record key is in clear). */
async function waitForSyncCache(page: Page): Promise<void> {
  const started = Date.now();
  const hasSnapshot = `(async () => {
    for (const { name } of await indexedDB.databases()) {
      if (!name || !name.startsWith('relais-local:')) continue;
      const db = await new Promise((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const count = await new Promise((resolve, reject) => {
        const request = db.transaction('sync').objectStore('sync').count('snapshot');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      db.close();
      if (count > 0) return true;
    }
    return false;
  })()`;
  while (!(await page.evaluate<boolean>(hasSnapshot))) {
    if (Date.now() - started > 60_000) throw new Error('the app wrote no sync cache within 60 s');
    await page.waitForTimeout(250);
  }
}

/** Long enough for the live list's first answers to have replaced the cached rows. */
const TAKEOVER_WAIT_MS = 10_000;

/** The names of the first rows of the room list, top down, read at one instant. */
function firstRoomNames(page: Page, count = 20): Promise<string[]> {
  return page.evaluate<string[]>(
    `[...document.querySelectorAll('[data-room-row] a[aria-label]')]
      .slice(0, ${count})
      .map((link) => link.getAttribute('aria-label').split(',')[0])`,
  );
}

/** The app's start-up marks, in ms from the first paint: "boot +12, settings-read +80, …". */
function startupSteps(page: Page): Promise<string> {
  return page.evaluate<string>(
    `(() => {
      const paint = performance.getEntriesByName('first-paint')[0]?.startTime ?? 0;
      return performance.getEntriesByType('mark')
        .filter((m) => m.name.startsWith('relais:'))
        .map((m) => m.name.slice(7) + ' ' + (m.startTime - paint >= 0 ? '+' : '') + Math.round(m.startTime - paint))
        .join(', ');
    })()`,
  );
}

const synapse = await startSynapse({
  port: Number(process.env.BENCH_SYNAPSE_PORT ?? 18308),
  ...(existsSync(path.join(SEED_DIR, 'homeserver.db')) ? { dataFrom: SEED_DIR } : {}),
});
const web = await startWebServer({ rootDir: process.env.BENCH_RENDERER_DIST ?? RENDERER_DIST, port: 0 });
const profile = mkdtempSync(path.join(tmpdir(), 'relais-bench-'));
try {
  if (existsSync(path.join(SEED_DIR, 'homeserver.db'))) log(`reusing the seeded server in ${SEED_DIR}`);
  else {
    const user = await synapse.registerUser(USER.username, USER.password);
    await seed(synapse.baseUrl, user);
    await synapse.saveData(SEED_DIR);
    log(`seeded server kept in ${SEED_DIR}`);
  }

  const baseline: number[] = [];
  for (let i = 0; i < BASELINE_RUNS; i++) baseline.push(await bareSdkInitialSync(synapse.baseUrl));
  log(`bare matrix-js-sdk initial sync: ${baseline.map(Math.round).join(', ')} ms`);

  // Sign-in as the desktop app does it (keychain, machine policy through the real loader), with the
  // sync mode set by policy: the same path for both, so only the protocol differs.
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const finds: { findMs: number; openMs: number }[] = [];
  // A holder, not a `let`: assigned inside signInWith, which TypeScript's narrowing does not follow.
  const memory: { heaps: { wholeIdleMb: number; after50RoomsMb: number } | null } = { heaps: null };
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
      log(`${syncMode} sign-in to the first 20 rooms: ${JSON.stringify(times.at(-1))} ms`);
      if (syncMode === 'sliding') {
        finds.push(await findAndOpenBigRoom(page));
        if (LARGE && HEAP && i === RUNS - 1) memory.heaps = await heapFigures(context, page);
      }
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
  log(
    `right after sign-in, finding the least recent room by name: ${finds.map((f) => f.findMs).join(', ')} ms; ` +
      `opening it: ${finds.map((f) => f.openMs).join(', ')} ms`,
  );
  const { heaps } = memory;
  if (heaps) log(`heap: list whole and idle ${heaps.wholeIdleMb} MB; after opening 50 rooms ${heaps.after50RoomsMb} MB`);
  const classic = CLASSIC ? await signInWith('classic') : null;
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
  // As after any real session: the sync cache written (2 s after the last change), or a warm start
  // would find nothing and wait for encryption to open.
  await waitForSyncCache(page);
  await context.close();
  const warm: number[] = [];
  const warmFromPaint: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    ({ context, page } = await launch());
    const started = Date.now();
    await page.goto(web.url);
    // Timed in the page: from the first paint (the app's shell) to 20 rows drawn.
    warmFromPaint.push(await msFromFirstPaintTo20Rows(page));
    warm.push(Date.now() - started);
    if (i < RUNS - 1) await context.close();
  }
  log(`Relais warm start to room list: ${warm.join(', ')} ms from navigation; ${warmFromPaint.join(', ')} ms from first paint`);
  // The list shown from the cache, then once the live list has taken over: nothing was sent since the
  // last session, so any row moving is a reshuffle the user would see.
  const cachedOrder = await firstRoomNames(page);
  await page.waitForTimeout(TAKEOVER_WAIT_MS);
  const liveOrder = await firstRoomNames(page);
  const rowsMoved = cachedOrder.filter((name, i) => liveOrder[i] !== name).length;
  log(
    `first ${cachedOrder.length} rows of the warm start, ${TAKEOVER_WAIT_MS / 1000} s later with the live list: ${rowsMoved} moved`,
  );
  log(`last warm start, the app's steps from first paint (platform/startupMarks.ts): ${await startupSteps(page)}`);
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
    relaisSignInClassicSyncMs: classic?.fromClick ?? null,
    relaisLoginToRoomsSlidingSyncMs: sliding.fromLogin,
    relaisLoginToRoomsClassicSyncMs: classic?.fromLogin ?? null,
    findLeastRecentRoomAfterSignInMs: median(finds.map((f) => f.findMs)),
    openLeastRecentRoomAfterSignInMs: median(finds.map((f) => f.openMs)),
    ...(heaps ? { heapListWholeIdleMb: heaps.wholeIdleMb, heapAfter50RoomsMb: heaps.after50RoomsMb } : {}),
    relaisWarmStartToRoomListMs: median(warm),
    warmStartRowsMovedByLiveList: rowsMoved,
    relaisWarmStartFromFirstPaintMs: median(warmFromPaint),
    filterToBigRoomMs: room.filterMs,
    openBigRoomMs: room.openMs,
    scrollFrameMsP50: Number(room.frameP50.toFixed(1)),
    scrollFrameMsP95: Number(room.frameP95.toFixed(1)),
    rendererJsHeapMb: heap,
    ratioSlidingVsClassicSignIn: classic ? Number((sliding.fromClick / classic.fromClick).toFixed(2)) : null,
    ratioSlidingVsClassicFromLogin: classic ? Number((sliding.fromLogin / classic.fromLogin).toFixed(2)) : null,
    ratioSlidingFromLoginVsBareSdk: Number((sliding.fromLogin / median(baseline)).toFixed(2)),
    ratioClassicFromLoginVsBareSdk: classic ? Number((classic.fromLogin / median(baseline)).toFixed(2)) : null,
    ratioWarmStartVsBareSdk: Number((median(warm) / median(baseline)).toFixed(2)),
  };
  console.log(JSON.stringify(result));
} finally {
  await web.close();
  await synapse.stop();
  rmSync(profile, { recursive: true, force: true });
}
