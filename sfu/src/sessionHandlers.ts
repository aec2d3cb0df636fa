// The media requests of a joined session: transports, producers, consumers. Each checks the peer's
// caps *before* its await (reservations released in `finally`), and produce/consume re-check that
// the user is still a member of the room, so a removal never races a new stream.
import type { types } from 'mediasoup';
import { createBenchTransportHandlers } from './benchTransport.ts';
import { CallError, type CallMethod, type CallRequestData, type CallResponseData } from '../../src/shared/call/index.ts';
import type { Call } from './call.ts';
import type { SfuConfig } from './config.ts';
import type { ServerGuard } from './guard.ts';
import type { Peer } from './peer.ts';

export type MediaMethod = Exclude<CallMethod, 'getRouterRtpCapabilities' | 'join' | 'leave'>;
export type MediaHandlers = { [M in MediaMethod]: (data: CallRequestData<M>) => Promise<CallResponseData<M>> };

export interface MediaContext {
  config: SfuConfig;
  guard: ServerGuard;
  /** The joined peer and its call (throws not-joined otherwise). */
  joined(): { peer: Peer; call: Call };
  /** Throws removed-from-room when the user's membership ended (and takes them out). */
  checkMembership(peer: Peer, call: Call): void;
}

export function createMediaHandlers(ctx: MediaContext): MediaHandlers {
  const { limits, rtc } = ctx.config;
  return {
    ...createBenchTransportHandlers(ctx),
    createWebRtcTransport: async ({ direction, forceTcp, sctpCapabilities }) => {
      const { peer, call } = ctx.joined();
      const done = peer.pending.transports.reserve(peer.transports.size, limits.maxTransportsPerPeer, 'transports');
      let port: (() => void) | null = null;
      try {
        port = ctx.guard.reserveTransport();
        const result = await call.createTransport(peer, direction, rtc, {
          forceTcp,
          enableSctp: sctpCapabilities !== undefined,
          onClose: port,
        });
        port = null; // now released when the transport closes
        return result;
      } catch (error) {
        // mediasoup's own "no more available ports" (a port in the range taken by someone else).
        if (error instanceof Error && /no more available ports/i.test(error.message))
          throw new CallError('server-busy', 'This SFU has no media ports left; try again later', 5000);
        throw error;
      } finally {
        port?.();
        done();
      }
    },
    connectWebRtcTransport: async ({ transportId, dtlsParameters }) => {
      await ctx
        .joined()
        .peer.transport(transportId)
        .connect({ dtlsParameters: dtlsParameters as types.DtlsParameters });
      return {};
    },
    restartIce: async ({ transportId }) => ({ iceParameters: await ctx.joined().peer.transport(transportId).restartIce() }),
    produce: async ({ transportId, kind, rtpParameters, source, paused }) => {
      const { peer, call } = ctx.joined();
      ctx.checkMembership(peer, call);
      const done = peer.pending.producers.reserve(peer.producers.size, limits.maxProducersPerPeer, 'producers');
      try {
        const producerId = await call.produce(peer, {
          transportId,
          kind,
          rtpParameters: rtpParameters as types.RtpParameters,
          source,
          paused,
        });
        return { producerId };
      } finally {
        done();
      }
    },
    closeProducer: ({ producerId }) => {
      const { peer, call } = ctx.joined();
      call.closeProducer(peer, producerId);
      return Promise.resolve({});
    },
    pauseProducer: async ({ producerId }) => {
      const { peer, call } = ctx.joined();
      await call.setProducerPaused(peer, producerId, true);
      return {};
    },
    resumeProducer: async ({ producerId }) => {
      const { peer, call } = ctx.joined();
      await call.setProducerPaused(peer, producerId, false);
      return {};
    },
    consume: async ({ transportId, producerId, spatialLayer }) => {
      const { peer, call } = ctx.joined();
      ctx.checkMembership(peer, call);
      const done = peer.pending.consumers.reserve(peer.consumers.size, limits.maxConsumersPerPeer, 'consumers');
      try {
        return await call.consume(peer, transportId, producerId, spatialLayer);
      } finally {
        done();
      }
    },
    resumeConsumer: async ({ consumerId }) => {
      await ctx.joined().peer.consumer(consumerId).resume();
      return {};
    },
    pauseConsumer: async ({ consumerId }) => {
      await ctx.joined().peer.consumer(consumerId).pause();
      return {};
    },
    setConsumerPreferredLayers: async ({ consumerId, spatialLayer, temporalLayer }) => {
      const layers: types.ConsumerLayers = { spatialLayer };
      if (temporalLayer !== undefined) layers.temporalLayer = temporalLayer;
      await ctx.joined().peer.consumer(consumerId).setPreferredLayers(layers);
      return {};
    },
    requestConsumerKeyFrame: async ({ consumerId }) => {
      await ctx.joined().peer.consumer(consumerId).requestKeyFrame();
      return {};
    },
  };
}
