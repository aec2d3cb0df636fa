// Synthetic participants through the Relais SFU: each is a WebSocket that joins with a real Matrix
// OpenID token (users of the test Synapse, several devices each) and asks for plain transports,
// which the SFU only offers with `loadTest.plainTransports` (test-only).
import type { types } from 'mediasoup';
import { CallError, type OpenIdToken } from '../../../src/shared/call/index.ts';
import { connectCallClient, type TestCallClient } from '../../../test/unit/sfu/callClient.ts';
import { childrenNamed } from '../procStats.ts';
import { consumedStream, receiverCapabilities, type LoadBackend, type LoadParticipant } from './backend.ts';

export interface SfuLoadUser {
  userId: string;
  openIdToken: OpenIdToken;
}

export interface SfuNode {
  wsUrl: string;
  pid: number;
}

export interface SfuBackendOptions {
  label: string;
  /** One node, or several of one cluster (participant i connects to nodes[i % nodes.length], as a balancer would spread them). */
  nodes: readonly SfuNode[];
  roomId: string;
  /** Participant i joins as users[i % users.length], device LOAD<i>. */
  users: readonly SfuLoadUser[];
}

export function sfuBackend(options: SfuBackendOptions): LoadBackend {
  const clients = new Set<TestCallClient>();
  return {
    label: options.label,
    signalingPids: options.nodes.map((node) => node.pid),
    workerPids: () => options.nodes.flatMap((node) => childrenNamed(node.pid, 'mediasoup-work')),
    async join(index) {
      const user = options.users[index % options.users.length];
      if (!user) throw new Error('no users');
      const node = options.nodes[index % options.nodes.length];
      if (!node) throw new Error('no SFU nodes');
      const client = await connectCallClient(node.wsUrl);
      clients.add(client);
      const { rtpCapabilities } = await client.request('getRouterRtpCapabilities', {});
      await client.request('join', {
        openIdToken: user.openIdToken,
        userId: user.userId,
        deviceId: `LOAD${index}`,
        roomId: options.roomId,
        rtpCapabilities: receiverCapabilities(rtpCapabilities as types.RtpCapabilities),
      });
      return participant(client, () => clients.delete(client));
    },
    close() {
      for (const client of clients) client.close();
      clients.clear();
      return Promise.resolve();
    },
  };
}

function participant(client: TestCallClient, forget: () => void): LoadParticipant {
  return {
    createTransport: (direction, srtp) => client.request('createPlainTransport', { direction, srtp }),
    async connect(transportId, options) {
      await client.request('connectPlainTransport', { transportId, ...options });
    },
    async produce(transportId, kind, rtpParameters) {
      const source = kind === 'video' ? 'camera' : 'microphone';
      return (await client.request('produce', { transportId, kind, rtpParameters, source })).producerId;
    },
    async consume(transportId, producerId) {
      const answer = await consumeWhenKnown(client, transportId, producerId);
      await client.request('resumeConsumer', { consumerId: answer.consumerId });
      return consumedStream(answer.consumerId, answer.rtpParameters as types.RtpParameters);
    },
    close() {
      forget();
      client.close();
    },
  };
}

/** A producer on another node of a cluster reaches this one asynchronously: not-found is retried for a while. */
async function consumeWhenKnown(client: TestCallClient, transportId: string, producerId: string) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await client.request('consume', { transportId, producerId });
    } catch (error) {
      if (!(error instanceof CallError && error.code === 'not-found') || attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
