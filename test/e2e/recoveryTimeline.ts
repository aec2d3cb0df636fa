// Where the seconds of a call's repair go, seen from the page without any test hook in the app: an
// init script notes when the call's signaling socket opens and closes and each peer connection's
// state changes; a watcher polls getStats often (every 100 ms, inside the page, so the test's own
// round trips do not blur the figures) for the streams that appeared after a fault, and notes when
// each first received packets and decoded frames; the app's own log lines (join steps, keys) are
// kept with the time they were printed. Together: one timeline per page, relative to the fault.
import type { Page } from '@playwright/test';
import type { StatsPeer } from './callHelpers.ts';

/** To add after RECORD_PEER_CONNECTIONS (it wraps the constructors that script installed). */
export const RECORD_RECOVERY_EVENTS = `(() => {
  const events = [];
  Object.defineProperty(window, '__recoveryEvents', { value: events });
  const note = (what) => events.push({ at: Date.now(), what });
  const NativeSocket = window.WebSocket;
  window.WebSocket = class extends NativeSocket {
    constructor(...args) {
      super(...args);
      if (!String(args[0]).endsWith('/ws')) return;
      note('socket opening');
      this.addEventListener('open', () => note('socket open'));
      this.addEventListener('close', () => note('socket closed'));
    }
  };
  // The call's media worker: the keys the app hands it (whose, which index; never the key itself)
  // and what it reports back (a sender failing to decrypt, a key frame needed).
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(...args) {
      super(...args);
      if (args[1]?.name !== 'call-media') return;
      this.addEventListener('message', ({ data }) => {
        if (data?.type === 'key-frame-needed') note('worker: key frame needed for ' + data.participant);
        else if (data?.type === 'health') note('worker: ' + data.participant + (data.failing ? ' failing' : ' decrypts'));
      });
    }
    postMessage(message, ...rest) {
      if (message?.type === 'set-key') note('key set for ' + message.participant + ' #' + message.index);
      else if (message?.type === 'use-key') note('own key #' + message.index + ' in use');
      else if (message?.type === 'forget') note('key forgotten for ' + message.participant);
      return super.postMessage(message, ...rest);
    }
  };
  const NativePeer = window.RTCPeerConnection;
  let count = 0;
  window.RTCPeerConnection = class extends NativePeer {
    constructor(...args) {
      super(...args);
      const id = ++count;
      note('pc' + id + ' created');
      this.addEventListener('connectionstatechange', () => note('pc' + id + ' ' + this.connectionState));
    }
  };
})();`;

export interface TimelineEvent {
  at: number;
  what: string;
}

/** Keeps the app's call log lines (and the key transport's), with the time each was printed. */
export function recordCallLogs(page: Page): TimelineEvent[] {
  const lines: TimelineEvent[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if (text.startsWith('[relais:call')) lines.push({ at: Date.now(), what: text });
  });
  return lines;
}

/** Notes the inbound streams the page has now: the watcher looks only at the ones that come after. */
export async function markInboundStreams(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const all = (globalThis as unknown as { __recordedPeerConnections: StatsPeer[] }).__recordedPeerConnections;
    const known: string[] = [];
    for (const [index, pc] of all.entries()) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((s) => {
        if (s.type === 'inbound-rtp') known.push(`${index}/${s.id ?? ''}`);
      });
    }
    Object.defineProperty(globalThis, '__knownInbound', { value: known, configurable: true });
  });
}

export interface NewMedia {
  /** Epoch ms when the new streams' audio packets, video packets and decoded frames first grew (null: never). */
  audioAt: number | null;
  videoPacketsAt: number | null;
  videoAt: number | null;
  /** Both audio and decoded video growing: the later of the two. */
  flowingAt: number;
}

/**
 * Polls (every `every` ms, in the page) the inbound streams that were not there at `markInboundStreams`
 * until audio packets and decoded video frames have both grown on them.
 */
export async function newMediaFlowing(page: Page, timeoutMs: number, every = 100): Promise<NewMedia> {
  return page.evaluate(
    async ({ timeout, every }) => {
      const all = (globalThis as unknown as { __recordedPeerConnections: StatsPeer[] }).__recordedPeerConnections;
      const known = new Set((globalThis as unknown as { __knownInbound: string[] }).__knownInbound);
      const sample = async () => {
        const totals = { audioPackets: 0, videoPackets: 0, framesDecoded: 0 };
        for (const [index, pc] of all.entries()) {
          if (pc.connectionState === 'closed') continue;
          (await pc.getStats()).forEach((s) => {
            if (s.type !== 'inbound-rtp' || known.has(`${index}/${s.id ?? ''}`)) return;
            if (s.kind === 'audio') totals.audioPackets += s.packetsReceived ?? 0;
            if (s.kind === 'video') {
              totals.videoPackets += s.packetsReceived ?? 0;
              totals.framesDecoded += s.framesDecoded ?? 0;
            }
          });
        }
        return totals;
      };
      const deadline = Date.now() + timeout;
      let audioAt: number | null = null;
      let videoPacketsAt: number | null = null;
      let videoAt: number | null = null;
      let before = await sample();
      while (Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, every));
        const after = await sample();
        if (after.audioPackets > before.audioPackets) audioAt ??= Date.now();
        if (after.videoPackets > before.videoPackets) videoPacketsAt ??= Date.now();
        if (after.framesDecoded > before.framesDecoded) videoAt ??= Date.now();
        if (audioAt !== null && videoAt !== null)
          return { audioAt, videoPacketsAt, videoAt, flowingAt: Math.max(audioAt, videoAt) };
        before = after;
      }
      throw new Error(`new media not flowing within ${timeout} ms: ${JSON.stringify(before)}`);
    },
    { timeout: timeoutMs, every },
  );
}

/** The page's socket and connection events since `since`. */
export async function recoveryEvents(page: Page, since: number): Promise<TimelineEvent[]> {
  const events = await page.evaluate(
    () => (globalThis as unknown as { __recoveryEvents: { at: number; what: string }[] }).__recoveryEvents,
  );
  return events.filter((e) => e.at >= since);
}

/** One line per event, "+812 ms  pc5 connected", sorted, relative to `origin`. */
export function describeTimeline(name: string, events: readonly TimelineEvent[], origin: number): string {
  const lines = [...events]
    .filter((e) => e.at >= origin)
    .sort((a, b) => a.at - b.at)
    .map((e) => `  ${name} +${String(e.at - origin).padStart(5)} ms  ${e.what.slice(0, 200)}`);
  return lines.join('\n');
}
