// One synthetic call on one backend: P participants join, the senders produce, every receiver
// consumes what a client would show (selection in figures.ts), then media flows for a warm-up and a
// measured window. CPU is read from /proc for the server's processes and from process.cpuUsage() for
// this generator, which shares the machine and is printed so readers can subtract it.
import { cpuPercent, sampleProcess, waitPercent, type ProcSample } from '../procStats.ts';
import {
  audioRtpParameters,
  randomSsrc,
  videoRtpParameters,
  AUDIO_PAYLOAD_TYPE,
  VIDEO_PAYLOAD_TYPE,
  type LoadBackend,
  type LoadParticipant,
} from './backend.ts';
import { deriveFigures, selection, streamCounts, type Derived, type LoadShape } from './figures.ts';
import { Generator, type StreamCount } from './generator.ts';
import { readUdpDrops, type Meter, type ReceiverCount } from './meter.ts';
import { randomSrtpParameters, SrtpSender } from './srtp.ts';

export interface LoadRunOptions {
  shape: LoadShape;
  /** Receivers whose packets are read and counted (the rest go to the sink). */
  metered: number;
  warmupMs: number;
  measureMs: number;
  /** SRTP as WebRTC (the SFU decrypts and re-encrypts every packet), else plain RTP. */
  srtp: boolean;
  /** Joins and set-ups in flight at once. */
  concurrency: number;
}

export interface LoadRunResult {
  backend: string;
  participants: number;
  setupSeconds: number;
  /** All the server's workers together (percent of one core), and each. */
  workerCpuPct: number;
  workerCpuPctEach: number[];
  /** Percent of the time the workers were runnable but had no core (the machine's other load). */
  workerWaitPct: number;
  /** Packets the kernel dropped at the server's input sockets: the worker did not read them in time. */
  serverInputDroppedPps: number;
  workerRssMb: number;
  /** Per SFU node (empty for the baseline). */
  signalingCpuPct: number[];
  generatorCpuPct: number;
  inPps: number;
  perClientDownlinkKbps: number;
  perClientDownlinkPps: number;
  /** Packets the kernel dropped because this process read the metered receivers' socket too late. */
  meterDroppedPps: number;
  skippedFrames: number;
  keyFrameRequests: number;
  figures: Derived;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function forEachLimited(count: number, concurrency: number, run: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, count) }, async () => {
    while (next < count) await run(next++);
  });
  await Promise.all(lanes);
}

export async function runLoadCall(
  backend: LoadBackend,
  options: LoadRunOptions,
  io: { meter: Meter; sinkPort: number },
): Promise<LoadRunResult> {
  const { shape } = options;
  const setupStart = performance.now();
  const generator = new Generator({ videoKbps: shape.videoKbps, fps: shape.fps });
  await generator.bind();
  const participants: LoadParticipant[] = [];
  try {
    await forEachLimited(shape.participants, options.concurrency, async (i) => {
      participants[i] = await backend.join(i);
    });
    const at = (i: number) => {
      const p = participants[i];
      if (!p) throw new Error(`participant ${i} did not join`);
      return p;
    };
    const videoProducers: string[] = [];
    const audioProducers: string[] = [];
    const videoSent: StreamCount[] = [];
    /** The server's sockets the senders send to: their kernel drops are input the worker never read. */
    const serverInputPorts = new Set<number>();
    const audioSent: StreamCount[] = [];
    await forEachLimited(Math.max(shape.videoSenders, shape.audioSenders), options.concurrency, async (s) => {
      const transport = await at(s).createTransport('send', options.srtp);
      const srtpParameters = options.srtp ? randomSrtpParameters() : null;
      if (srtpParameters) await at(s).connect(transport.transportId, { srtpParameters });
      const srtp = srtpParameters ? new SrtpSender(srtpParameters) : null;
      const target = { ip: transport.ip, port: transport.port };
      serverInputPorts.add(transport.port);
      if (s < shape.videoSenders) {
        const ssrc = randomSsrc();
        videoProducers[s] = await at(s).produce(transport.transportId, 'video', videoRtpParameters(ssrc));
        videoSent[s] = generator.addVideo(target, ssrc, VIDEO_PAYLOAD_TYPE, srtp);
      }
      if (s < shape.audioSenders) {
        const ssrc = randomSsrc();
        audioProducers[s] = await at(s).produce(transport.transportId, 'audio', audioRtpParameters(ssrc));
        audioSent[s] = generator.addAudio(target, ssrc, AUDIO_PAYLOAD_TYPE, srtp);
      }
    });
    // What each metered receiver should get: every packet its selected streams actually sent.
    const metered: { count: ReceiverCount; streams: StreamCount[] }[] = [];
    await forEachLimited(shape.participants, options.concurrency, async (r) => {
      const transport = await at(r).createTransport('recv', options.srtp);
      const isMetered = r < options.metered;
      await at(r).connect(transport.transportId, {
        ip: '127.0.0.1',
        port: isMetered ? io.meter.port : io.sinkPort,
        // Receivers send nothing: the key is only what mediasoup requires to connect.
        ...(options.srtp ? { srtpParameters: randomSrtpParameters() } : {}),
      });
      const { video, audio } = selection(shape, r);
      if (isMetered) {
        const streams = [...video.map((s) => videoSent[s]), ...audio.map((s) => audioSent[s])];
        metered.push({ count: io.meter.track(transport.port), streams: streams.filter((c) => c !== undefined) });
      }
      for (const s of video) await at(r).consume(transport.transportId, videoProducers[s] ?? '');
      for (const s of audio) await at(r).consume(transport.transportId, audioProducers[s] ?? '');
    });
    // Every consumed stream once per consumer: what the server should forward in all.
    const consumed = Array.from({ length: shape.participants }, (_, r) => selection(shape, r)).flatMap(({ video, audio }) =>
      [...video.map((s) => videoSent[s]), ...audio.map((s) => audioSent[s])].filter((c) => c !== undefined),
    );
    const setupSeconds = Math.round((performance.now() - setupStart) / 100) / 10;

    generator.start();
    await sleep(options.warmupMs);
    const sample = () => ({
      workers: backend.workerPids().map((pid) => sampleProcess(pid)),
      signaling: backend.signalingPids.map((pid) => sampleProcess(pid)),
      self: { cpu: process.cpuUsage(), at: performance.now() },
      sent: generator.counts.packets,
      received: metered.reduce((sum, m) => sum + m.count.packets, 0),
      dropped: io.meter.drops(),
      serverDropped: readUdpDrops(serverInputPorts),
      expected: metered.reduce((sum, m) => sum + m.streams.reduce((n, c) => n + c.packets, 0), 0),
      forwardable: consumed.reduce((sum, c) => sum + c.packets, 0),
      receivedBytes: metered.reduce((sum, m) => sum + m.count.bytes, 0),
    });
    const a = sample();
    await sleep(options.measureMs);
    const b = sample();
    generator.stop();

    const seconds = (b.self.at - a.self.at) / 1000;
    const workerCpuPctEach = a.workers.map((w0, i) => cpuPercent(w0, b.workers[i] as ProcSample));
    const workerCpuPct = round1(workerCpuPctEach.reduce((sum, pct) => sum + pct, 0));
    const workerWaitPct = round1(a.workers.reduce((sum, w0, i) => sum + waitPercent(w0, b.workers[i] as ProcSample), 0));
    const selfCpuSeconds = (b.self.cpu.user + b.self.cpu.system - a.self.cpu.user - a.self.cpu.system) / 1e6;
    const meteredPps = (b.received - a.received) / seconds;
    const meteredExpectedPps = (b.expected - a.expected) / seconds;
    const meteredDroppedPps = (b.dropped - a.dropped) / seconds;
    const inPps = (b.sent - a.sent) / seconds;
    const figures = deriveFigures(shape, streamCounts(shape), {
      workerCpuPct,
      inPps,
      expectedOutPps: (b.forwardable - a.forwardable) / seconds,
      meteredPps,
      meteredDroppedPps,
      meteredExpectedPps,
    });
    const clients = Math.max(1, metered.length);
    return {
      backend: backend.label,
      participants: shape.participants,
      setupSeconds,
      workerCpuPct,
      workerCpuPctEach,
      workerWaitPct,
      serverInputDroppedPps: Math.round((b.serverDropped - a.serverDropped) / seconds),
      workerRssMb: Math.round(b.workers.reduce((sum, w) => sum + w.rssBytes, 0) / 1e5) / 10,
      signalingCpuPct: a.signaling.map((s0, i) => cpuPercent(s0, b.signaling[i] as ProcSample)),
      generatorCpuPct: round1((selfCpuSeconds / seconds) * 100),
      inPps: Math.round(inPps),
      perClientDownlinkKbps: Math.round(((b.receivedBytes - a.receivedBytes) * 8) / 1000 / seconds / clients),
      perClientDownlinkPps: Math.round(meteredPps / clients),
      meterDroppedPps: Math.round(meteredDroppedPps),
      skippedFrames: generator.counts.skippedFrames,
      keyFrameRequests: generator.counts.keyFrameRequests,
      figures,
    };
  } finally {
    generator.close();
    io.meter.untrackAll();
    // Holes where a join failed.
    for (const p of participants as (LoadParticipant | undefined)[]) p?.close();
  }
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
