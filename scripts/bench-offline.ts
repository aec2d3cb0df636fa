// `npm run bench:offline`: the offline figures of the outbox and the cache, against a local Synapse,
// printed as one JSON line:
// - offlineColdStartToRoomListMs: the desktop app (harness over a persistent Chromium profile, real
//   keychain) started with the network off, from navigation to the cached room list; median of runs;
//   roomListAfterFirstPaintMs: the same, from the first paint (when Electron shows the window);
// - outboxFlushMs: 100 messages written offline, from the network coming back to the outbox empty;
// - bareSdkSendLoopMs: the same 100 messages sent by a bare matrix-js-sdk client in one loop (the
//   baseline, measured in the same run), and the ratio.
// Both sides send to an unencrypted room, so the ratio measures the outbox, not encryption.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient, MsgType } from 'matrix-js-sdk';
import type { Logger } from 'matrix-js-sdk/lib/logger.js';
import { createDesktopHarness } from '../test/e2e/desktopHarness.ts';
import { launchApp, quitApp } from '../test/e2e/desktopProfile.ts';
import { apiLogin, createRoom } from '../test/e2e/matrixApi.ts';
import { freePort } from '../test/env/freePort.ts';
import { startSynapse } from '../test/env/synapse.ts';
import { RENDERER_DIST, startWebServer } from './webServer.ts';

const MESSAGES = Number(process.env.BENCH_OUTBOX_MESSAGES ?? 100);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const USER = { username: 'bench', password: 'bench-offline-password' };

const silent = (): void => undefined;
const quietLogger: Logger = {
  trace: silent,
  debug: silent,
  info: silent,
  warn: silent,
  error: silent,
  getChild: () => quietLogger,
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0);
}

async function bareSdkSendLoop(homeserver: string, roomId: string): Promise<number> {
  const session = await apiLogin(homeserver, USER);
  const client = createClient({
    baseUrl: homeserver,
    accessToken: session.accessToken,
    userId: session.userId,
    logger: quietLogger,
  });
  const started = performance.now();
  for (let i = 0; i < MESSAGES; i++) await client.sendMessage(roomId, { msgtype: MsgType.Text, body: `baseline ${i}` });
  const elapsed = performance.now() - started;
  await client.logout(true).catch(() => undefined);
  return elapsed;
}

async function main(): Promise<void> {
  const synapse = await startSynapse({ port: await freePort() });
  const web = await startWebServer({ rootDir: RENDERER_DIST, port: 0 });
  const profile = mkdtempSync(path.join(tmpdir(), 'relais-bench-offline-'));
  try {
    await synapse.registerUser(USER.username, USER.password);
    const api = await apiLogin(synapse.baseUrl, USER);
    const roomName = 'Bench outbox';
    const roomId = await createRoom(api, { name: roomName });
    const harness = await createDesktopHarness({ appOrigin: web.url, markerFile: path.join(profile, 'marker.json') });
    const profileDir = path.join(profile, 'chromium');

    let app = await launchApp({ profileDir, harness, webUrl: web.url });
    await app.page.goto(`${web.url}?hs=${encodeURIComponent(synapse.baseUrl)}`);
    await app.page.getByRole('textbox', { name: 'Username' }).fill(USER.username);
    await app.page.getByRole('textbox', { name: 'Password' }).fill(USER.password);
    await app.page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const roomLink = app.page.getByRole('navigation', { name: 'Rooms' }).getByRole('link', { name: roomName });
    await roomLink.click({ timeout: 60_000 });
    await app.page.getByRole('textbox', { name: 'Message' }).waitFor();
    await app.page.waitForTimeout(3_000); // the cache is written 2 s after a change

    // Cold starts without a network.
    const coldStarts: number[] = [];
    const afterFirstPaint: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      await quitApp(app.context);
      app = await launchApp({ profileDir, harness, webUrl: web.url, offline: true });
      const started = performance.now();
      await app.page.goto(web.url);
      await app.page
        .getByRole('navigation', { name: 'Rooms' })
        .getByRole('link', { name: roomName })
        .waitFor({ timeout: 30_000 });
      coldStarts.push(performance.now() - started);
      // Electron shows its window at the first paint (the splash): the "window showing".
      afterFirstPaint.push(
        await app.page.evaluate(
          () => performance.now() - (performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0),
        ),
      );
      console.error(`[bench] offline cold start ${run + 1}/${RUNS}: ${Math.round(coldStarts.at(-1) ?? 0)} ms`);
    }

    // Queue the messages offline, through the composer.
    await app.page.getByRole('navigation', { name: 'Rooms' }).getByRole('link', { name: roomName }).click();
    const composer = app.page.getByRole('textbox', { name: 'Message' });
    for (let i = 0; i < MESSAGES; i++) {
      await composer.fill(`queued ${i}`);
      await composer.press('Enter');
    }
    const pending = app.page.getByRole('list', { name: 'Waiting to be sent' }).getByRole('listitem');
    await pending.nth(MESSAGES - 1).waitFor();
    console.error(`[bench] ${MESSAGES} messages queued offline`);
    const flushStarted = performance.now();
    await app.context.setOffline(false);
    await app.page.getByRole('list', { name: 'Waiting to be sent' }).waitFor({ state: 'detached', timeout: 300_000 });
    const flushMs = performance.now() - flushStarted;
    await quitApp(app.context);

    const bareMs = await bareSdkSendLoop(synapse.baseUrl, roomId);
    console.log(
      JSON.stringify({
        bench: 'offline',
        runs: RUNS,
        messages: MESSAGES,
        offlineColdStartToRoomListMs: median(coldStarts),
        roomListAfterFirstPaintMs: median(afterFirstPaint),
        outboxFlushMs: Math.round(flushMs),
        bareSdkSendLoopMs: Math.round(bareMs),
        flushRatio: Number((flushMs / bareMs).toFixed(2)),
      }),
    );
  } finally {
    await web.close();
    await synapse.stop();
    rmSync(profile, { recursive: true, force: true });
  }
}

await main();
