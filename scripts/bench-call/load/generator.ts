// The senders of every synthetic participant: one UDP socket, one timer (10 ms) for all streams,
// each paced on its own clock (pacer.ts) and staggered over a period like unsynchronised clients.
// Video frames start with a key frame and send another when the SFU asks (PLI/FIR, which arrives on
// the same socket through rtcp-mux), as a browser does; mediasoup forwards nothing to a new
// consumer before a key frame.
import { createSocket, type Socket } from 'node:dgram';
import { pace, staggerOffsetsMs } from './pacer.ts';
import {
  asksForKeyFrame,
  firstAsksForKeyFrame,
  framePayloadSizes,
  isRtcp,
  opusPacket,
  vp8FramePackets,
  type AudioStream,
  type VideoStream,
} from './rtp.ts';
import type { SrtpSender } from './srtp.ts';

export const AUDIO_PPS = 50;
const TICK_MS = 10;

interface Target {
  ip: string;
  port: number;
}

interface Paced {
  target: Target;
  offsetMs: number;
  done: number;
  /** Packets this stream sent (what its consumers should forward). */
  sent: StreamCount;
  /** Its transport's SRTP context, or null for plain RTP. */
  srtp: SrtpSender | null;
}

export interface StreamCount {
  packets: number;
}

export interface GeneratorCounts {
  packets: number;
  bytes: number;
  skippedFrames: number;
  keyFrameRequests: number;
}

export class Generator {
  private readonly socket: Socket = createSocket('udp4');
  private readonly videos: (Paced & { stream: VideoStream; keyPending: boolean })[] = [];
  private readonly audios: (Paced & { stream: AudioStream })[] = [];
  private readonly payloadSizes: number[];
  private readonly fps: number;
  private timer: ReturnType<typeof setInterval> | null = null;
  private startedAt = 0;
  readonly counts: GeneratorCounts = { packets: 0, bytes: 0, skippedFrames: 0, keyFrameRequests: 0 };

  constructor(options: { videoKbps: number; fps: number }) {
    this.fps = options.fps;
    this.payloadSizes = framePayloadSizes(options.videoKbps, options.fps);
    this.socket.on('message', (packet, from) => this.onRtcp(packet, from.port));
  }

  /** Video packets per second of one stream. */
  get videoPps(): number {
    return this.payloadSizes.length * this.fps;
  }

  /** The local socket must exist before a comedia transport sees its first packet. */
  async bind(): Promise<void> {
    await new Promise<void>((resolve) => this.socket.bind(0, '127.0.0.1', resolve));
  }

  addVideo(target: Target, ssrc: number, payloadType: number, srtp: SrtpSender | null = null): StreamCount {
    const stream: VideoStream = { ssrc, payloadType, sequenceNumber: ssrc & 0xffff, timestamp: ssrc, pictureId: ssrc & 0x7fff };
    const sent = { packets: 0 };
    this.videos.push({ target, stream, keyPending: true, offsetMs: 0, done: 0, sent, srtp });
    return sent;
  }

  addAudio(target: Target, ssrc: number, payloadType: number, srtp: SrtpSender | null = null): StreamCount {
    const stream: AudioStream = { ssrc, payloadType, sequenceNumber: ssrc & 0xffff, timestamp: ssrc };
    const sent = { packets: 0 };
    this.audios.push({ target, stream, offsetMs: 0, done: 0, sent, srtp });
    return sent;
  }

  start(): void {
    staggerOffsetsMs(this.videos.length, this.fps).forEach((offset, i) => (this.videos[i]!.offsetMs = offset));
    staggerOffsetsMs(this.audios.length, AUDIO_PPS).forEach((offset, i) => (this.audios[i]!.offsetMs = offset));
    this.startedAt = performance.now();
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  close(): void {
    this.stop();
    this.socket.close();
  }

  private tick(): void {
    const elapsed = performance.now() - this.startedAt;
    for (const video of this.videos) {
      const { send, skip } = pace(elapsed - video.offsetMs, this.fps, video.done);
      video.done += send + skip;
      this.counts.skippedFrames += skip;
      for (let i = 0; i < send; i++) {
        for (const packet of vp8FramePackets(video.stream, this.payloadSizes, video.keyPending, this.fps))
          this.send(packet, video);
        video.keyPending = false;
      }
    }
    for (const audio of this.audios) {
      const { send, skip } = pace(elapsed - audio.offsetMs, AUDIO_PPS, audio.done);
      audio.done += send + skip;
      for (let i = 0; i < send; i++) this.send(opusPacket(audio.stream), audio);
    }
  }

  private send(rtp: Buffer, { target, sent, srtp }: Paced): void {
    const packet = srtp ? srtp.protect(rtp) : rtp;
    this.counts.packets++;
    this.counts.bytes += packet.length;
    sent.packets++;
    this.socket.send(packet, target.port, target.ip);
  }

  private onRtcp(packet: Buffer, fromPort: number): void {
    if (!isRtcp(packet)) return;
    for (const video of this.videos) {
      // SRTCP leaves only the first header in clear: a PLI/FIR there is for the transport's one video.
      const asks = video.srtp ? firstAsksForKeyFrame(packet) : asksForKeyFrame(packet, video.stream.ssrc);
      if (video.target.port === fromPort && asks) {
        video.keyPending = true;
        this.counts.keyFrameRequests++;
      }
    }
  }
}
