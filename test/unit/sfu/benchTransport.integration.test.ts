// Plain RTP transports for load testing (sfu/src/benchTransport.ts) against a real Synapse and the
// real mediasoup worker: bench:call's synthetic participants (scripts/bench-call/load/) join through
// the SFU's signaling, and what one sends reaches every receiver. Without `loadTest.plainTransports`
// the SFU refuses them as if the methods did not exist.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENV_CACHE_ROOT } from '../../env/chroot.ts';
import { startSfuWithSynapseAdmin, type SfuHandle } from '../../env/sfu.ts';
import { startSynapse, type RegisteredUser, type SynapseHandle } from '../../env/synapse.ts';
import {
  AUDIO_PAYLOAD_TYPE,
  VIDEO_PAYLOAD_TYPE,
  audioRtpParameters,
  videoRtpParameters,
} from '../../../scripts/bench-call/load/backend.ts';
import { Generator } from '../../../scripts/bench-call/load/generator.ts';
import { Meter } from '../../../scripts/bench-call/load/meter.ts';
import { sfuBackend } from '../../../scripts/bench-call/load/sfuBackend.ts';
import { randomSrtpParameters, SrtpSender } from '../../../scripts/bench-call/load/srtp.ts';
import { connectCallClient } from './callClient.ts';
import { createRoom, freeSynapsePort, invite, join, openIdToken } from '../support/matrixFixtures.ts';

const provisioned = existsSync(path.join(ENV_CACHE_ROOT, 'current', '.relais-ready'));

describe.skipIf(!provisioned)('plain transports for load testing (needs `npm run setup`)', () => {
  let synapse: SynapseHandle;
  let enabled: SfuHandle;
  let disabled: SfuHandle;
  let alice: RegisteredUser;
  let bob: RegisteredUser;
  let roomId: string;

  beforeAll(async () => {
    synapse = await startSynapse({ port: await freeSynapsePort() });
    alice = await synapse.registerUser('plain-alice', 'plain-alice-password');
    bob = await synapse.registerUser('plain-bob', 'plain-bob-password');
    roomId = await createRoom(synapse, alice, 'Load room');
    await invite(synapse, alice, roomId, bob.userId);
    await join(synapse, bob, roomId);
    enabled = await startSfuWithSynapseAdmin(synapse, {
      mode: 'in-process',
      extraConfig: { loadTest: { plainTransports: true } },
    });
    disabled = await startSfuWithSynapseAdmin(synapse, { mode: 'in-process' });
  }, 120_000);

  afterAll(async () => {
    await (enabled as SfuHandle | undefined)?.stop();
    await (disabled as SfuHandle | undefined)?.stop();
    await (synapse as SynapseHandle | undefined)?.stop();
  }, 60_000);

  it('refuses plain transports unless the configuration enables them', async () => {
    const client = await connectCallClient(disabled.wsUrl);
    try {
      const { rtpCapabilities } = await client.request('getRouterRtpCapabilities', {});
      await client.request('join', {
        openIdToken: await openIdToken(synapse, alice),
        userId: alice.userId,
        deviceId: 'PLAIN',
        roomId,
        rtpCapabilities,
      });
      await expect(client.request('createPlainTransport', { direction: 'send' })).rejects.toMatchObject({
        code: 'unknown-method',
      });
      await expect(client.request('connectPlainTransport', { transportId: 'x', ip: '127.0.0.1', port: 9 })).rejects.toMatchObject(
        { code: 'unknown-method' },
      );
      expect(await disabled.health()).toMatchObject({ peers: 1 });
    } finally {
      client.close();
    }
  });

  it('needs a joined peer, and connects only plain recv transports', async () => {
    const client = await connectCallClient(enabled.wsUrl);
    try {
      await expect(client.request('createPlainTransport', { direction: 'send' })).rejects.toMatchObject({ code: 'not-joined' });
      const { rtpCapabilities } = await client.request('getRouterRtpCapabilities', {});
      await client.request('join', {
        openIdToken: await openIdToken(synapse, alice),
        userId: alice.userId,
        deviceId: 'PLAIN',
        roomId,
        rtpCapabilities,
      });
      const send = await client.request('createPlainTransport', { direction: 'send' });
      expect(send).toMatchObject({ ip: '127.0.0.1', port: expect.any(Number) as unknown });
      await expect(
        client.request('connectPlainTransport', { transportId: send.transportId, ip: '127.0.0.1', port: 9 }),
      ).rejects.toMatchObject({ code: 'bad-request' });
      const webRtc = await client.request('createWebRtcTransport', { direction: 'recv' });
      await expect(
        client.request('connectPlainTransport', { transportId: webRtc.transportId, ip: '127.0.0.1', port: 9 }),
      ).rejects.toMatchObject({ code: 'bad-request' });
    } finally {
      client.close();
    }
  });

  it.each([
    ['plain RTP', false],
    ['SRTP', true],
  ])(
    'forwards one synthetic sender’s video and audio to three receivers (%s)',
    async (_, srtp) => {
      const users = [
        { userId: alice.userId, openIdToken: await openIdToken(synapse, alice) },
        { userId: bob.userId, openIdToken: await openIdToken(synapse, bob) },
      ];
      const backend = sfuBackend({ label: 'SFU', nodes: [{ wsUrl: enabled.wsUrl, pid: enabled.pid }], roomId, users });
      const generator = new Generator({ videoKbps: 300, fps: 20 });
      const meter = new Meter();
      try {
        await generator.bind();
        await meter.bind();
        const [sender, ...receivers] = await Promise.all([0, 1, 2, 3].map((i) => backend.join(i)));
        const send = await sender!.createTransport('send', srtp);
        // With SRTP, the SFU only takes what our key authenticates: nothing arrives if the sender's crypto is wrong.
        const key = srtp ? randomSrtpParameters() : null;
        if (key) await sender!.connect(send.transportId, { srtpParameters: key });
        const context = key ? new SrtpSender(key) : null;
        const video = await sender!.produce(send.transportId, 'video', videoRtpParameters(1111));
        const audio = await sender!.produce(send.transportId, 'audio', audioRtpParameters(2222));
        generator.addVideo(send, 1111, VIDEO_PAYLOAD_TYPE, context);
        generator.addAudio(send, 2222, AUDIO_PAYLOAD_TYPE, context);
        const counts = await Promise.all(
          receivers.map(async (receiver) => {
            const recv = await receiver.createTransport('recv', srtp);
            await receiver.connect(recv.transportId, {
              ip: '127.0.0.1',
              port: meter.port,
              ...(srtp ? { srtpParameters: randomSrtpParameters() } : {}),
            });
            const count = meter.track(recv.port);
            await receiver.consume(recv.transportId, video);
            await receiver.consume(recv.transportId, audio);
            return count;
          }),
        );
        generator.start();
        await new Promise((resolve) => setTimeout(resolve, 2000));
        generator.stop();
        // 2 s of 40 video + 50 audio packets a second: each receiver got (nearly) all of them.
        for (const count of counts) {
          expect(count.packets).toBeGreaterThan(150);
          expect(count.bytes).toBeGreaterThan(count.packets * 90);
        }
        expect(generator.counts.skippedFrames).toBe(0);
        expect(await enabled.health()).toMatchObject({ peers: 4 });
      } finally {
        generator.close();
        meter.close();
        await backend.close();
      }
    },
    30_000,
  );
});
