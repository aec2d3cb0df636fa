// The baseline for bench:call: the mediasoup library driven directly from the bench process, no
// SFU server of ours (no WebSocket, no auth, no observers). Pages reach it through a function
// Playwright exposes, so the media path is the same as through the SFU and only our server differs.
import type * as MediasoupModule from 'mediasoup';
import type { types } from 'mediasoup';
import { MEDIA_CODECS } from '../../sfu/src/mediaCodecs.ts';

type Mediasoup = typeof MediasoupModule;

export interface DirectRouter {
  workerPid: number;
  signal(method: string, data: unknown): Promise<unknown>;
  close(): void;
}

export async function startDirectRouter(workerBinary: string): Promise<DirectRouter> {
  // mediasoup 3.8 reads the worker binary from the environment when it is first imported.
  process.env.MEDIASOUP_WORKER_BIN = workerBinary;
  const module = (await import('mediasoup')) as Mediasoup & { default?: Mediasoup };
  const mediasoup = module.default ?? module;
  const worker = await mediasoup.createWorker({ logLevel: 'warn', rtcMinPort: 50000, rtcMaxPort: 59999 });
  const router = await worker.createRouter({ mediaCodecs: MEDIA_CODECS });
  const transports = new Map<string, types.WebRtcTransport>();
  const producers: types.Producer[] = [];
  const consumers = new Map<string, types.Consumer>();

  async function signal(method: string, data: unknown): Promise<unknown> {
    const d = data as Record<string, unknown>;
    switch (method) {
      case 'caps':
        return router.rtpCapabilities;
      case 'transport': {
        const t = await router.createWebRtcTransport({
          listenIps: [{ ip: '127.0.0.1' }],
          enableUdp: true,
          enableTcp: true,
          preferUdp: true,
        });
        transports.set(t.id, t);
        return { id: t.id, iceParameters: t.iceParameters, iceCandidates: t.iceCandidates, dtlsParameters: t.dtlsParameters };
      }
      case 'connect':
        await transports.get(d.transportId as string)?.connect({ dtlsParameters: d.dtlsParameters as types.DtlsParameters });
        return null;
      case 'produce': {
        const t = transports.get(d.transportId as string);
        if (!t) throw new Error('no transport');
        const p = await t.produce({ kind: d.kind as types.MediaKind, rtpParameters: d.rtpParameters as types.RtpParameters });
        producers.push(p);
        return p.id;
      }
      case 'consume': {
        const t = transports.get(d.transportId as string);
        if (!t) throw new Error('no transport');
        const out = [];
        for (const p of producers) {
          const c = await t.consume({
            producerId: p.id,
            rtpCapabilities: d.rtpCapabilities as types.RtpCapabilities,
            paused: true,
          });
          consumers.set(c.id, c);
          out.push({ id: c.id, producerId: p.id, kind: c.kind, rtpParameters: c.rtpParameters });
        }
        return out;
      }
      case 'resume':
        await consumers.get(d.consumerId as string)?.resume();
        return null;
      default:
        throw new Error(`unknown ${method}`);
    }
  }
  return { workerPid: worker.pid, signal, close: () => worker.close() };
}
