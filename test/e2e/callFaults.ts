// Helpers for call-recovery.spec.ts: the SFU under the test's control (its process and its
// worker's, by pid), the page's media tracks (recorded by an init script, no test hook in the app),
// "media flows again" measured with getStats on the connections made *after* a fault (polled inside
// the page, so the test's own round trips do not add to the figures), and the app's join timeline
// (the steps of the attempt that succeeded, which the engine logs) to print where the time went.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { JOIN_STEPS, parseJoinTimeline, type JoinTimings } from '../../src/renderer/calls/joinTimeline.ts';
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

/** How often "media flowing" is sampled in the page. */
const SAMPLE_MS = 250;

/**
 * Resolves with the time (epoch ms: the page's clock is the test's) by which inbound audio packets
 * and decoded video frames have each grown, sampled every 250 ms inside the page over the connections
 * made since `mark` (those a fault's repair makes appear while it waits): the later of the two "first
 * grew" times. Each kind is timed on its own because Chromium's fake microphone has silent stretches
 * (Opus DTX sends almost nothing then): asking for both to grow in the same 250 ms sample timed the
 * next loud moment, up to seconds after audio was back. One evaluate for the whole wait.
 */
export function flowingAt(page: Page, mark: number, timeoutMs: number): Promise<number> {
  return page
    .evaluate(
      async ({ from, timeout, every }) => {
        const all = (globalThis as unknown as { __recordedPeerConnections: StatsPeer[] }).__recordedPeerConnections;
        const sample = async () => {
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
        };
        const deadline = Date.now() + timeout;
        // When each kind first grew: which one a slow recovery waited for.
        let audioAt: number | null = null;
        let videoAt: number | null = null;
        let before = await sample();
        while (Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, every));
          const after = await sample();
          const audio = after.audioPackets > before.audioPackets;
          const video = after.framesDecoded > before.framesDecoded;
          if (audio) audioAt ??= Date.now();
          if (video) videoAt ??= Date.now();
          if (audioAt !== null && videoAt !== null) return { at: Math.max(audioAt, videoAt), audioAt, videoAt };
          before = after;
        }
        throw new Error(`media not flowing again within ${timeout} ms: ${JSON.stringify(before)}`);
      },
      { from: mark, timeout: timeoutMs, every: SAMPLE_MS },
    )
    .then((detail) => {
      lastFlow.set(page, detail);
      return detail.at;
    });
}

interface FlowDetail {
  at: number;
  audioAt: number | null;
  videoAt: number | null;
}
const lastFlow = new WeakMap<Page, FlowDetail>();

/** When audio and video first came back in the page's last flowingAt, relative to `since` (ms). */
export function describeFlow(page: Page, since: number): string {
  const detail = lastFlow.get(page);
  if (!detail) return '';
  const rel = (at: number | null) => (at === null ? '?' : `+${at - since}`);
  return ` (audio ${rel(detail.audioAt)}, video ${rel(detail.videoAt)})`;
}

/** `flowingAt`, as the time that took since `since` (ms). */
export async function msUntilFlowing(page: Page, mark: number, since: number, timeoutMs: number): Promise<number> {
  return (await flowingAt(page, mark, Math.max(0, since + timeoutMs - Date.now()))) - since;
}

/** Every join timeline the page's call engine logs from now on (it writes one line per successful join). */
export function recordJoinTimelines(page: Page): JoinTimings[] {
  const seen: JoinTimings[] = [];
  page.on('console', (message) => {
    const timings = parseJoinTimeline(message.text());
    if (!timings) return;
    // The same attempt logs again when its first remote stream comes after the join: keep the fuller line.
    const same = seen.findIndex((t) => t.startedAt === timings.startedAt && t.attempt === timings.attempt);
    if (same >= 0) seen[same] = timings;
    else seen.push(timings);
  });
  return seen;
}

/** The last join that started after `since` (the repair of a fault at `since`). */
export function joinAfter(timelines: readonly JoinTimings[], since: number): JoinTimings | undefined {
  return timelines.filter((t) => t.startedAt >= since).at(-1);
}

/** "attempt 5 at +120 ms: socket 3, openid 4, …" — offsets from `origin` (the SFU back) for the start. */
export function describeJoin(timings: JoinTimings | undefined, origin: number): string {
  if (!timings) return 'no join logged';
  const steps = JOIN_STEPS.flatMap((step) => (timings.steps[step] === undefined ? [] : [`${step} ${timings.steps[step]}`]));
  return `attempt ${timings.attempt} at ${signed(timings.startedAt - origin)} ms, then ${steps.join(', ')}`;
}

function signed(ms: number): string {
  return ms >= 0 ? `+${ms}` : String(ms);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** readyState of every track the app captured (all "ended" once a call is over). */
export function trackStates(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    (globalThis as unknown as { __recordedTracks: { readyState: string }[] }).__recordedTracks.map((t) => t.readyState),
  );
}
