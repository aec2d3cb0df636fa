import { describe, expect, it } from 'vitest';
import type { Transport } from 'mediasoup-client/types';
import { ParticipantBook } from '../../../../src/renderer/calls/participants.ts';
import { MediaReceiver } from '../../../../src/renderer/calls/receiver.ts';
import type { SignalingClient } from '../../../../src/renderer/calls/signaling.ts';
import type { Decision } from '../../../../src/renderer/calls/subscriptionPlan.ts';

/** A receiver over a fake SFU that records requests, with peer "p" sending a camera "cam" and a microphone "mic". */
async function setUp(plan?: Map<string, Decision>) {
  const requests: string[] = [];
  const sig = {
    request: (method: string, data: { producerId?: string; consumerId?: string; spatialLayer?: number }) => {
      requests.push(
        `${method} ${data.consumerId ?? data.producerId ?? ''}${data.spatialLayer === undefined ? '' : ` @${data.spatialLayer}`}`,
      );
      if (method !== 'consume') return Promise.resolve({});
      const kind = data.producerId === 'mic' ? 'audio' : 'video';
      return Promise.resolve({ consumerId: `c-${data.producerId ?? ''}`, producerId: data.producerId, kind, rtpParameters: {} });
    },
  };
  const transport = {
    id: 'recv',
    consume: (o: { id: string; producerId: string; kind: string }) =>
      Promise.resolve({ ...o, track: { id: `track-${o.producerId}` }, closed: false, close() {} }),
  };
  const book = new ParticipantBook<MediaStreamTrack>();
  book.addPeer({ peerId: 'p', userId: '@p:x', deviceId: 'D' });
  book.addProducer('p', 'cam', 'camera', false);
  book.addProducer('p', 'mic', 'microphone', false);
  const receiver = new MediaReceiver(
    {
      signaling: () => sig as unknown as SignalingClient,
      transport: () => transport as unknown as Transport,
      generation: () => 1,
      changed: () => undefined,
      consumed: () => undefined,
      encryption: () => null,
    },
    book,
  );
  if (plan) receiver.applyPlan(plan);
  receiver.announce('cam');
  receiver.announce('mic');
  await receiver.open();
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  const video = () => book.list()[0]?.video ?? null;
  return { receiver, requests, video, settle };
}

describe('media receiver applying the subscription plan', () => {
  it('without a plan, resumes everything, cameras at the largest layer', async () => {
    const { requests, video } = await setUp();
    // The two consumes run concurrently: their requests interleave.
    expect([...requests].sort()).toEqual(['consume cam @2', 'consume mic', 'resumeConsumer c-cam', 'resumeConsumer c-mic']);
    expect(video()).not.toBeNull();
  });

  it('consumes a paged-out camera paused and leaves it so: no track, no resume', async () => {
    const { requests, video } = await setUp(new Map([['cam', { paused: true }]]));
    expect(requests).toContain('consume cam @2');
    expect(requests).not.toContain('resumeConsumer c-cam');
    expect(video()).toBeNull();
  });

  it('pauses what leaves the screen once, then sets the layer before resuming what comes back', async () => {
    const { receiver, requests, video, settle } = await setUp();
    requests.length = 0;
    receiver.applyPlan(new Map([['cam', { paused: true }]]));
    receiver.applyPlan(new Map([['cam', { paused: true }]]));
    await settle();
    expect(requests).toEqual(['pauseConsumer c-cam']);
    expect(video()).toBeNull();
    requests.length = 0;
    receiver.applyPlan(new Map([['cam', { paused: false, spatialLayer: 0 }]]));
    await settle();
    await settle();
    expect(requests).toEqual(['setConsumerPreferredLayers c-cam @0', 'resumeConsumer c-cam']);
    expect(video()).not.toBeNull();
  });

  it('changes only the layer of a camera that stays on screen, per consumer', async () => {
    const { receiver, requests, settle } = await setUp();
    requests.length = 0;
    receiver.applyPlan(new Map([['cam', { paused: false, spatialLayer: 1 }]]));
    await settle();
    receiver.applyPlan(new Map([['cam', { paused: false, spatialLayer: 1 }]]));
    await settle();
    expect(requests).toEqual(['setConsumerPreferredLayers c-cam @1']);
  });
});
