// The figures bench:call's load mode prints, derived from what one run measured. Pure, so the
// arithmetic is unit tested and the formulas are written once (and printed with the figures).

export interface LoadShape {
  participants: number;
  /** Cameras on (each sends one VP8 stream at `fps`). */
  videoSenders: number;
  /** Microphones sending (Opus, 50 packets/s). */
  audioSenders: number;
  /** Video streams each receiver consumes: its visible tiles / last-N speakers (Infinity: all). */
  lastN: number;
  /** Audio streams each receiver consumes: the loudest K (Infinity: everyone's). */
  audioK: number;
  videoKbps: number;
  fps: number;
}

/** Who consumes what: receiver r takes the first lastN video senders and first audioK audio senders other than itself. */
export function selection(shape: LoadShape, receiver: number): { video: number[]; audio: number[] } {
  const pick = (senders: number, max: number) => {
    const chosen: number[] = [];
    for (let s = 0; s < senders && chosen.length < max; s++) if (s !== receiver) chosen.push(s);
    return chosen;
  };
  return { video: pick(shape.videoSenders, shape.lastN), audio: pick(shape.audioSenders, shape.audioK) };
}

export interface StreamCounts {
  videoConsumers: number;
  audioConsumers: number;
}

export function streamCounts(shape: LoadShape): StreamCounts {
  let videoConsumers = 0;
  let audioConsumers = 0;
  for (let r = 0; r < shape.participants; r++) {
    const { video, audio } = selection(shape, r);
    videoConsumers += video.length;
    audioConsumers += audio.length;
  }
  return { videoConsumers, audioConsumers };
}

export interface Measured {
  /** All the SFU's mediasoup workers, percent of one core. */
  workerCpuPct: number;
  /** Packets per second the generator sent (video + audio), counted. */
  inPps: number;
  /** Video packets per second of one stream, as the generator sent them. */
  /** Packets per second all consumers should forward: each consumed stream's measured send rate, summed. */
  expectedOutPps: number;
  /** Metered receivers: RTP packets per second read, dropped at their socket (late reading), and what their streams sent. */
  meteredPps: number;
  meteredDroppedPps: number;
  meteredExpectedPps: number;
}

export interface Derived {
  forwardedStreams: number;
  expectedOutPps: number;
  /** Share of what the senders sent that reached the metered receivers' sockets (below 0.95: the server saturated). */
  deliveredRatio: number;
  outPps: number;
  costPerForwardedStreamPctCore: number;
  workerCpuUsPerPacket: number;
  maxParticipantsPerCore: number | null;
  saturated: boolean;
}

export const MAX_PER_CORE_FORMULA =
  'participants / (worker CPU in cores); with last-N and loudest-K each participant costs the same (N + K streams out, its own in), so it scales linearly up to one core per worker; null when saturated (delivered < 95 %)';

export function deriveFigures(shape: LoadShape, counts: StreamCounts, measured: Measured): Derived {
  const forwardedStreams = counts.videoConsumers + counts.audioConsumers;
  const { expectedOutPps } = measured;
  // Dropped at the receiver's socket still means forwarded by the server.
  const forwarded = measured.meteredPps + measured.meteredDroppedPps;
  const deliveredRatio = measured.meteredExpectedPps > 0 ? forwarded / measured.meteredExpectedPps : 0;
  const outPps = expectedOutPps * Math.min(1, deliveredRatio);
  const cores = measured.workerCpuPct / 100;
  const saturated = deliveredRatio < 0.95;
  return {
    forwardedStreams,
    expectedOutPps: Math.round(expectedOutPps),
    deliveredRatio: round(deliveredRatio, 3),
    outPps: Math.round(outPps),
    costPerForwardedStreamPctCore: forwardedStreams > 0 ? round(measured.workerCpuPct / forwardedStreams, 4) : 0,
    workerCpuUsPerPacket: outPps + measured.inPps > 0 ? round((cores * 1e6) / (outPps + measured.inPps), 2) : 0,
    maxParticipantsPerCore: saturated || cores <= 0 ? null : Math.floor(shape.participants / cores),
    saturated,
  };
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
