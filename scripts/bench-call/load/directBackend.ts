// The baseline: the same synthetic participants on a bare mediasoup router driven from this process
// (no WebSocket, no auth, no observers of ours), as scripts/bench-call/direct.ts is for browsers.
// The ratio SFU worker CPU / baseline worker CPU shows what the Relais SFU adds to the media path.
import type * as MediasoupModule from 'mediasoup';
import type { types } from 'mediasoup';
import { MEDIA_CODECS } from '../../../sfu/src/mediaCodecs.ts';
import { consumedStream, receiverCapabilities, type LoadBackend, type LoadParticipant } from './backend.ts';

type Mediasoup = typeof MediasoupModule;

export async function directBackend(workerBinary: string): Promise<LoadBackend> {
  // mediasoup 3.8 reads the worker binary from the environment when it is first imported.
  process.env.MEDIASOUP_WORKER_BIN = workerBinary;
  const module = (await import('mediasoup')) as Mediasoup & { default?: Mediasoup };
  const mediasoup = module.default ?? module;
  const worker = await mediasoup.createWorker({ logLevel: 'warn', rtcMinPort: 50000, rtcMaxPort: 59999 });
  const router = await worker.createRouter({ mediaCodecs: MEDIA_CODECS });
  const capabilities = receiverCapabilities(router.rtpCapabilities);
  const transports = new Map<string, types.PlainTransport>();
  return {
    label: 'direct mediasoup',
    signalingPids: [],
    workerPids: () => [worker.pid],
    join() {
      const mine: types.PlainTransport[] = [];
      const owned = (id: string) => {
        const transport = transports.get(id);
        if (!transport) throw new Error(`no transport ${id}`);
        return transport;
      };
      const participant: LoadParticipant = {
        async createTransport(direction, srtp) {
          const transport = await router.createPlainTransport({
            listenIp: '127.0.0.1',
            rtcpMux: true,
            comedia: direction === 'send',
            enableSrtp: srtp,
            srtpCryptoSuite: 'AES_CM_128_HMAC_SHA1_80',
          });
          transports.set(transport.id, transport);
          mine.push(transport);
          return { transportId: transport.id, ip: transport.tuple.localIp, port: transport.tuple.localPort };
        },
        async connect(transportId, options) {
          await owned(transportId).connect(options);
        },
        async produce(transportId, kind, rtpParameters) {
          return (await owned(transportId).produce({ kind, rtpParameters })).id;
        },
        async consume(transportId, producerId) {
          const consumer = await owned(transportId).consume({ producerId, rtpCapabilities: capabilities, paused: true });
          await consumer.resume();
          return consumedStream(consumer.id, consumer.rtpParameters);
        },
        close() {
          for (const transport of mine) {
            transport.close();
            transports.delete(transport.id);
          }
        },
      };
      return Promise.resolve(participant);
    },
    close() {
      worker.close();
      return Promise.resolve();
    },
  };
}
