// bench:call's load generator (scripts/bench-call/load/): the RTP it builds, its pacing and the
// figures it derives. (Scripts have no src/ folder to mirror, hence build/.)
import { describe, expect, it } from 'vitest';
import { deriveFigures, selection, streamCounts, type LoadShape } from '../../../scripts/bench-call/load/figures.ts';
import { udpDrops } from '../../../scripts/bench-call/load/meter.ts';
import { pace, staggerOffsetsMs } from '../../../scripts/bench-call/load/pacer.ts';
import { deriveSessionKeys, SrtpSender } from '../../../scripts/bench-call/load/srtp.ts';
import {
  asksForKeyFrame,
  framePayloadSizes,
  isRtcp,
  opusPacket,
  readRtpHeader,
  vp8FramePackets,
  type VideoStream,
} from '../../../scripts/bench-call/load/rtp.ts';

describe('synthetic RTP', () => {
  it('splits a frame into realistic packets that carry the bitrate', () => {
    const sizes = framePayloadSizes(1000, 20); // 6,250 bytes a frame
    expect(sizes).toHaveLength(6);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(6250);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect(framePayloadSizes(300, 20)).toEqual([938, 937]);
  });

  it('builds VP8 frames mediasoup recognises: descriptor, start bit, key frame bit, marker on the last packet', () => {
    const stream: VideoStream = {
      ssrc: 0xdeadbeef,
      payloadType: 96,
      sequenceNumber: 65535,
      timestamp: 0xffffffff,
      pictureId: 0x7fff,
    };
    const key = vp8FramePackets(stream, [500, 400], true, 20);
    expect(key.map((p) => p.length)).toEqual([512, 412]);
    const [first, last] = key.map((p) => readRtpHeader(p));
    expect(first).toEqual({ payloadType: 96, marker: false, sequenceNumber: 65535, timestamp: 0xffffffff, ssrc: 0xdeadbeef });
    expect(last).toMatchObject({ marker: true, sequenceNumber: 0, timestamp: 0xffffffff });
    const payload = key[0]!.subarray(12);
    expect(payload[0]).toBe(0x90); // X, S, partition 0
    expect(payload[1]).toBe(0x80); // I
    expect(payload.readUInt16BE(2)).toBe(0xffff); // M + picture id 0x7fff
    expect(payload[4]! & 0x01).toBe(0); // key frame
    expect([...payload.subarray(7, 10)]).toEqual([0x9d, 0x01, 0x2a]);
    expect(key[1]![12]).toBe(0x80); // continuation: no S bit
    const inter = vp8FramePackets(stream, [500], false, 20)[0]!;
    expect(readRtpHeader(inter)).toMatchObject({ sequenceNumber: 1, timestamp: 4499, marker: true });
    expect(inter.readUInt16BE(14)).toBe(0x8000); // picture id wrapped to 0
    expect(inter[16]! & 0x01).toBe(1); // inter frame
  });

  it('sends Opus every 960 samples', () => {
    const stream = { ssrc: 7, payloadType: 111, sequenceNumber: 1, timestamp: 0 };
    expect(opusPacket(stream)).toHaveLength(92);
    expect(readRtpHeader(opusPacket(stream))).toMatchObject({ sequenceNumber: 2, timestamp: 960, ssrc: 7 });
  });

  it('tells RTCP from RTP and finds a PLI or FIR for its SSRC in a compound packet', () => {
    const rr = Buffer.from([0x80, 201, 0, 1, 0, 0, 0, 1]);
    const pli = Buffer.alloc(12);
    pli.writeUInt8(0x81, 0);
    pli.writeUInt8(206, 1);
    pli.writeUInt16BE(2, 2);
    pli.writeUInt32BE(0xdeadbeef, 8);
    const fir = Buffer.alloc(20);
    fir.writeUInt8(0x84, 0);
    fir.writeUInt8(206, 1);
    fir.writeUInt16BE(4, 2);
    fir.writeUInt32BE(42, 12);
    expect(isRtcp(rr)).toBe(true);
    expect(isRtcp(opusPacket({ ssrc: 1, payloadType: 111, sequenceNumber: 0, timestamp: 0 }))).toBe(false);
    expect(asksForKeyFrame(Buffer.concat([rr, pli]), 0xdeadbeef)).toBe(true);
    expect(asksForKeyFrame(Buffer.concat([rr, pli]), 1)).toBe(false);
    expect(asksForKeyFrame(fir, 42)).toBe(true);
  });
});

describe('pacing', () => {
  it('sends what is due from the elapsed time, whatever the timer jitter', () => {
    expect(pace(-1, 20, 0)).toEqual({ send: 0, skip: 0 });
    expect(pace(0, 20, 0)).toEqual({ send: 1, skip: 0 });
    expect(pace(49, 20, 1)).toEqual({ send: 0, skip: 0 });
    expect(pace(50, 20, 1)).toEqual({ send: 1, skip: 0 });
    expect(pace(120, 20, 1)).toEqual({ send: 2, skip: 0 });
  });

  it('skips a backlog beyond a small burst, as an encoder drops late frames', () => {
    expect(pace(1000, 20, 1)).toEqual({ send: 3, skip: 17 });
    expect(pace(1000, 20, 21)).toEqual({ send: 0, skip: 0 });
  });

  it('staggers streams over one period', () => {
    expect(staggerOffsetsMs(4, 20)).toEqual([0, 12.5, 25, 37.5]);
    expect(staggerOffsetsMs(0, 20)).toEqual([]);
  });
});

describe('figures', () => {
  const shape: LoadShape = { participants: 5, videoSenders: 3, audioSenders: 5, lastN: 2, audioK: 1, videoKbps: 300, fps: 20 };

  it('selects the first N videos and K audios other than the receiver', () => {
    expect(selection(shape, 0)).toEqual({ video: [1, 2], audio: [1] });
    expect(selection(shape, 4)).toEqual({ video: [0, 1], audio: [0] });
    expect(streamCounts(shape)).toEqual({ videoConsumers: 10, audioConsumers: 5 });
    expect(streamCounts({ ...shape, lastN: Infinity, audioK: Infinity })).toEqual({ videoConsumers: 12, audioConsumers: 20 });
  });

  it('derives cost per stream and participants per core from worker CPU, unless delivery shows saturation', () => {
    const measured = {
      workerCpuPct: 10,
      inPps: 370,
      expectedOutPps: 650, // 10 videos at 40 packets/s, 5 audios at 50
      meteredPps: 120,
      meteredDroppedPps: 10,
      meteredExpectedPps: 130,
    };
    const derived = deriveFigures(shape, { videoConsumers: 10, audioConsumers: 5 }, measured);
    expect(derived).toEqual({
      forwardedStreams: 15,
      expectedOutPps: 650,
      deliveredRatio: 1,
      outPps: 650,
      costPerForwardedStreamPctCore: 0.6667,
      workerCpuUsPerPacket: 98.04, // 0.1 core / 1,020 packets/s
      maxParticipantsPerCore: 50, // 5 participants / 0.1 core
      saturated: false,
    });
    const saturated = deriveFigures(shape, { videoConsumers: 10, audioConsumers: 5 }, { ...measured, meteredPps: 90 });
    expect(saturated).toMatchObject({ deliveredRatio: 0.769, outPps: 500, saturated: true, maxParticipantsPerCore: null });
  });
});

describe('meter', () => {
  it('reads the kernel’s drops for given sockets from /proc/net/udp', () => {
    const table = [
      '   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops',
      ' 2154: 0100007F:B89F 00000000:0000 07 00000000:00004480 00:00000000 00000000     0        0 1980094 2 000000006b3c2648 17',
      ' 2510: 0100007F:0B89 00000000:0000 07 00000000:00000340 00:00000000 00000000     0        0 1980096 2 00000000f8cee3b1 5',
    ].join('\n');
    expect(udpDrops(table, new Set([0xb89f]))).toBe(17);
    expect(udpDrops(table, new Set([0x0b89, 0xb89f]))).toBe(22);
    expect(udpDrops(table, new Set([1234]))).toBe(0);
  });
});

describe('SRTP', () => {
  it('derives the session keys of RFC 3711’s test vectors (appendix B.3)', () => {
    const keys = deriveSessionKeys(
      Buffer.from('E1F97A0D3E018BE0D64FA32C06DE4139', 'hex'),
      Buffer.from('0EC675AD498AFEEBB6960B3AABE6', 'hex'),
    );
    expect(keys.cipherKey.toString('hex')).toBe('c61e7a93744f39ee10734afe3ff7a087');
    expect(keys.cipherSalt.toString('hex')).toBe('30cbbc08863d8c85d49db34a9ae1');
    expect(keys.authKey.toString('hex')).toBe('cebe321f6ff7716b6fd4ab49af256a156d38baa4');
  });

  it('keeps the header, encrypts the payload and appends an 80-bit tag', () => {
    const sender = new SrtpSender({ cryptoSuite: 'AES_CM_128_HMAC_SHA1_80', keyBase64: Buffer.alloc(30, 7).toString('base64') });
    const rtp = opusPacket({ ssrc: 99, payloadType: 111, sequenceNumber: 5, timestamp: 0 });
    const srtp = sender.protect(rtp);
    expect(srtp).toHaveLength(rtp.length + 10);
    expect(srtp.subarray(0, 12).equals(rtp.subarray(0, 12))).toBe(true);
    expect(srtp.subarray(12, rtp.length).equals(rtp.subarray(12))).toBe(false);
    // The same packet again (a retransmission) encrypts identically: the IV depends on SSRC and index only.
    expect(sender.protect(rtp).equals(srtp)).toBe(true);
  });
});
