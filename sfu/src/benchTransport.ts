// Plain RTP transports for load testing (issue 20.4): browserless synthetic participants send and
// receive RTP over UDP without ICE/DTLS/SRTP. Only with the configuration's `loadTest.plainTransports`
// (off by default): plain RTP is neither encrypted nor authenticated at the transport level, so on a
// deployed SFU anyone who learned a port could inject media. Off, the methods answer unknown-method,
// exactly as if they did not exist.
import type { types } from 'mediasoup';
import { CallError, type CallRequestData, type CallResponseData } from '../../src/shared/call/index.ts';
import type { MediaContext } from './sessionHandlers.ts';

export interface BenchTransportHandlers {
  createPlainTransport(data: CallRequestData<'createPlainTransport'>): Promise<CallResponseData<'createPlainTransport'>>;
  connectPlainTransport(data: CallRequestData<'connectPlainTransport'>): Promise<CallResponseData<'connectPlainTransport'>>;
}

export function createBenchTransportHandlers(ctx: MediaContext): BenchTransportHandlers {
  const { config } = ctx;
  const refuseUnlessEnabled = (method: string) => {
    if (!config.loadTest.plainTransports) throw new CallError('unknown-method', `Unknown method ${method}`);
  };
  /** The plain transports this SFU handed out, so connect only accepts those (a peer's WebRTC ones are not plain). */
  const plain = new WeakSet<object>();
  return {
    createPlainTransport: async ({ direction, srtp }) => {
      refuseUnlessEnabled('createPlainTransport');
      const { peer, call } = ctx.joined();
      const { limits, rtc } = config;
      const done = peer.pending.transports.reserve(peer.transports.size, limits.maxTransportsPerPeer, 'transports');
      const release = ctx.guard.reserveTransport();
      try {
        const listenIp: types.TransportListenIp = { ip: rtc.listenIp };
        if (rtc.announcedIp) listenIp.announcedIp = rtc.announcedIp;
        // A sender's address is learnt from its first packet (comedia); a receiver's is given by connect.
        const transport = await call.routerOf(peer.id).createPlainTransport({
          listenIp,
          rtcpMux: true,
          comedia: direction === 'send',
          enableSrtp: Boolean(srtp),
          srtpCryptoSuite: 'AES_CM_128_HMAC_SHA1_80',
        });
        transport.observer.once('close', release);
        plain.add(transport);
        // Call and Peer only use what every mediasoup transport has (produce, consume, close) on
        // the transports they own; the WebRTC-only requests on this one fail in mediasoup (bad-request).
        peer.transports.set(transport.id, { transport: transport as unknown as types.WebRtcTransport, direction });
        transport.on('routerclose', () => peer.transports.delete(transport.id));
        const { localIp, localPort } = transport.tuple;
        const result: CallResponseData<'createPlainTransport'> = {
          transportId: transport.id,
          ip: listenIp.announcedIp ?? localIp,
          port: localPort,
        };
        if (transport.srtpParameters) result.srtpParameters = transport.srtpParameters;
        return result;
      } catch (error) {
        release();
        throw error;
      } finally {
        done();
      }
    },
    connectPlainTransport: async ({ transportId, ip, port, srtpParameters }) => {
      refuseUnlessEnabled('connectPlainTransport');
      const { peer } = ctx.joined();
      const transport: object = peer.transport(transportId);
      if (!plain.has(transport)) throw new CallError('bad-request', `Transport ${transportId} is not a plain transport`);
      const direction = peer.transports.get(transportId)?.direction;
      // A sender's address comes from its packets (comedia): only a receiver's is given.
      if ((direction === 'recv') !== (ip !== undefined && port !== undefined))
        throw new CallError('bad-request', 'ip and port are given for a recv transport, and only for one');
      const parameters: Parameters<types.PlainTransport['connect']>[0] = {};
      if (ip !== undefined && port !== undefined) Object.assign(parameters, { ip, port });
      if (srtpParameters) parameters.srtpParameters = srtpParameters;
      await (transport as types.PlainTransport).connect(parameters);
      return {};
    },
  };
}
