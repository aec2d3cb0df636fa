// One mediasoup worker per core (a worker is a single-threaded C++ process). Calls go to the least
// loaded worker. A worker that dies takes its routers with it: the pool tells its listener (which
// tells those calls' peers to re-join) and starts a replacement in the same slot.
import type * as MediasoupModule from 'mediasoup';
import type { types } from 'mediasoup';
import type { Logger } from './log.ts';
import { MEDIA_CODECS } from './mediaCodecs.ts';

type Mediasoup = typeof MediasoupModule;

export interface WorkerSlot {
  readonly index: number;
  worker: types.Worker | null;
  /** Peers currently on this worker's routers: the load calls are spread by. */
  load: number;
}

export interface WorkerPoolOptions {
  count: number;
  binary?: string | undefined;
  logLevel: types.WorkerLogLevel;
  rtcMinPort: number;
  rtcMaxPort: number;
  logger: Logger;
  /** A worker died: its routers are closed. Called before the replacement starts. */
  onWorkerDied: (slot: WorkerSlot, error: Error) => void;
}

export interface WorkerPool {
  readonly slots: readonly WorkerSlot[];
  /** The router capabilities every call offers (same codecs on every router). */
  readonly rtpCapabilities: types.RtpCapabilities;
  /** The alive worker with the least load; throws when none is alive. */
  leastLoaded(): WorkerSlot & { worker: types.Worker };
  /**
   * The least loaded alive worker, waiting up to `timeoutMs` for a replacement when every worker has
   * died: peers told to re-join after a crash arrive before the replacement is up, and failing them
   * would cost each a client backoff (seconds) for a worker that starts in well under one.
   */
  leastLoadedWhenAlive(timeoutMs: number): Promise<WorkerSlot & { worker: types.Worker }>;
  close(): void;
}

/**
 * mediasoup 3.8 reads MEDIASOUP_WORKER_BIN once, when the module is first loaded: set it before the
 * import. (In a process that already loaded mediasoup, the binary it chose stays.)
 */
async function loadMediasoup(binary: string | undefined): Promise<Mediasoup> {
  if (binary) process.env.MEDIASOUP_WORKER_BIN = binary;
  const module = (await import('mediasoup')) as Mediasoup & { default?: Mediasoup };
  // mediasoup is CommonJS: depending on the loader, its exports are the namespace or its default.
  return module.default ?? module;
}

const RESPAWN_DELAYS_MS = [0, 500, 1000, 2000, 5000, 10_000];

export async function createWorkerPool(options: WorkerPoolOptions): Promise<WorkerPool> {
  const mediasoup = await loadMediasoup(options.binary);
  const { logger } = options;
  const slots: WorkerSlot[] = Array.from({ length: options.count }, (_, index) => ({ index, worker: null, load: 0 }));
  let closed = false;
  // A function, so checks after an await read the current value.
  const isClosed = () => closed;
  /** Callers waiting for any worker to come (back) up. */
  const aliveWaiters = new Set<() => void>();

  async function spawn(slot: WorkerSlot): Promise<types.Worker> {
    const worker = await mediasoup.createWorker({
      logLevel: options.logLevel,
      rtcMinPort: options.rtcMinPort,
      rtcMaxPort: options.rtcMaxPort,
    });
    worker.on('died', (error: Error) => {
      if (slot.worker !== worker) return;
      slot.worker = null;
      slot.load = 0;
      logger.error(`mediasoup worker ${slot.index} (pid ${worker.pid}) died: ${error.message}`);
      options.onWorkerDied(slot, error);
      if (!closed) void respawn(slot);
    });
    slot.worker = worker;
    logger.info(`mediasoup worker ${slot.index} started (pid ${worker.pid})`);
    for (const wake of [...aliveWaiters]) wake();
    return worker;
  }

  async function respawn(slot: WorkerSlot): Promise<void> {
    for (let attempt = 0; !isClosed(); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, RESPAWN_DELAYS_MS[Math.min(attempt, RESPAWN_DELAYS_MS.length - 1)]));
      if (isClosed()) return;
      try {
        await spawn(slot);
        return;
      } catch (error) {
        logger.error(`replacing mediasoup worker ${slot.index} failed (attempt ${attempt + 1}): ${String(error)}`);
      }
    }
  }

  let workers: types.Worker[];
  try {
    workers = await Promise.all(slots.map((slot) => spawn(slot)));
  } catch (error) {
    for (const slot of slots) slot.worker?.close();
    throw error;
  }

  // Every router built from the same codec list has the same capabilities: read them once.
  const [first] = workers;
  if (!first) throw new Error('The worker pool needs at least one worker');
  const probe = await first.createRouter({ mediaCodecs: MEDIA_CODECS });
  const rtpCapabilities = probe.rtpCapabilities;
  probe.close();

  function bestAlive(): (WorkerSlot & { worker: types.Worker }) | null {
    let best: (WorkerSlot & { worker: types.Worker }) | null = null;
    for (const slot of slots) {
      if (slot.worker && (!best || slot.load < best.load)) best = slot as WorkerSlot & { worker: types.Worker };
    }
    return best;
  }

  return {
    slots,
    rtpCapabilities,
    leastLoaded() {
      const best = bestAlive();
      if (!best) throw new Error('No mediasoup worker is alive');
      return best;
    },
    leastLoadedWhenAlive(timeoutMs) {
      const now = bestAlive();
      if (now) return Promise.resolve(now);
      if (closed) return Promise.reject(new Error('The worker pool is closed'));
      return new Promise((resolve, reject) => {
        const done = () => {
          clearTimeout(timer);
          aliveWaiters.delete(done);
          const best = bestAlive();
          if (best) resolve(best);
          else reject(new Error(`No mediasoup worker is alive (waited ${timeoutMs} ms for a replacement)`));
        };
        const timer = setTimeout(done, timeoutMs);
        aliveWaiters.add(done);
      });
    },
    close() {
      closed = true;
      for (const wake of [...aliveWaiters]) wake();
      for (const slot of slots) {
        const worker = slot.worker;
        slot.worker = null;
        worker?.close();
      }
    },
  };
}
