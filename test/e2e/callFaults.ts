// Helpers for call-recovery.spec.ts: the SFU under the test's control (its process and its
// worker's, by pid), the page's media tracks (recorded by an init script, no test hook in the app),
// and "media flows again" measured with getStats on the connections made *after* a fault.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { startSfu, type SfuHandle } from '../env/sfu.ts';
import type { StatsPeer } from './callHelpers.ts';

/** Records every track getUserMedia hands the app, so a test can check they were stopped. */
export const RECORD_MEDIA_TRACKS = `(() => {
  const tracks = [];
  Object.defineProperty(window, '__recordedTracks', { value: tracks });
  const devices = navigator.mediaDevices;
  if (!devices) return; // about:blank and other insecure pages have none
  const native = devices.getUserMedia.bind(devices);
  devices.getUserMedia = async (constraints) => {
    const stream = await native(constraints);
    for (const t of stream.getTracks()) tracks.push(t);
    return stream;
  };
})();`;

/** The SFU the spec starts on the port Synapse's .well-known names (child process, one worker). */
export function startTestSfu(): Promise<SfuHandle> {
  const need = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set: run through playwright.calls-faults.config.ts`);
    return value;
  };
  return startSfu({
    port: Number(need('RELAIS_TEST_SFU_PORT')),
    workers: 1,
    homeservers: [
      {
        serverName: need('RELAIS_TEST_SERVER_NAME'),
        baseUrl: need('RELAIS_TEST_HOMESERVER'),
        hsToken: need('RELAIS_TEST_SFU_HS_TOKEN'),
      },
    ],
    extraConfig: { appservice: { stateDir: need('RELAIS_TEST_SFU_STATE_DIR') } },
  });
}

/** The SFU's mediasoup worker: its only child process (the wrapper script execs into it). */
export function workerPidOf(sfuPid: number): number {
  const children = readFileSync(`/proc/${sfuPid}/task/${sfuPid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
  if (children.length !== 1 || !children[0])
    throw new Error(`expected one worker under SFU ${sfuPid}, found [${children.join(' ')}]`);
  return Number(children[0]);
}

/** How many peer connections the page has made so far: a fault's "after" starts there. */
export function connectionMark(page: Page): Promise<number> {
  return page.evaluate(
    () => (globalThis as unknown as { __recordedPeerConnections: unknown[] }).__recordedPeerConnections.length,
  );
}

interface Counters {
  audioPackets: number;
  framesDecoded: number;
}

/** Inbound audio packets and decoded frames over the connections made since `mark`. */
export function countersSince(page: Page, mark: number): Promise<Counters> {
  return page.evaluate(async (from) => {
    const all = (globalThis as unknown as { __recordedPeerConnections: StatsPeer[] }).__recordedPeerConnections;
    const totals = { audioPackets: 0, framesDecoded: 0 };
    for (const pc of all.slice(from)) {
      if (pc.connectionState === 'closed') continue;
      const report = await pc.getStats();
      report.forEach((s) => {
        if (s.type !== 'inbound-rtp') return;
        if (s.kind === 'audio') totals.audioPackets += s.packetsReceived ?? 0;
        if (s.kind === 'video') totals.framesDecoded += s.framesDecoded ?? 0;
      });
    }
    return totals;
  }, mark);
}

/**
 * Waits until audio packets and decoded video frames both grow between two samples taken 250 ms
 * apart, on connections made since `mark`; resolves with the time that took since `since` (ms).
 */
export async function msUntilFlowing(page: Page, mark: number, since: number, timeoutMs: number): Promise<number> {
  const deadline = since + timeoutMs;
  let before = await countersSince(page, mark);
  while (Date.now() < deadline) {
    await page.waitForTimeout(250);
    const after = await countersSince(page, mark);
    if (after.audioPackets > before.audioPackets && after.framesDecoded > before.framesDecoded) return Date.now() - since;
    before = after;
  }
  throw new Error(`media not flowing again within ${timeoutMs} ms: ${JSON.stringify(before)}`);
}

/** readyState of every track the app captured (all "ended" once a call is over). */
export function trackStates(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    (globalThis as unknown as { __recordedTracks: { readyState: string }[] }).__recordedTracks.map((t) => t.readyState),
  );
}
