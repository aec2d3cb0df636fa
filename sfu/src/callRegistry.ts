// The calls in progress, by Matrix room id. A call is created on its first join and its routers are
// freed when the last peer leaves.
import { Call, type EvictionReason } from './call.ts';
import type { Logger } from './log.ts';
import type { WorkerPool, WorkerSlot } from './workerPool.ts';

/** A replacement worker starts in well under a second; past this, the join fails and the client retries. */
const WAIT_FOR_REPLACEMENT_WORKER_MS = 3000;

export class CallRegistry {
  private readonly calls = new Map<string, Call>();
  private readonly pool: WorkerPool;
  private readonly logger: Logger;
  private readonly peersPerRouter: number;
  private onCreated: ((call: Call) => void) | null = null;

  constructor(pool: WorkerPool, logger: Logger, options: { peersPerRouter: number }) {
    this.pool = pool;
    this.logger = logger;
    this.peersPerRouter = options.peersPerRouter;
  }

  /** The room's call, created empty on first use; its routers come with its peers (Call.place). */
  get(roomId: string): Promise<Call> {
    const existing = this.calls.get(roomId);
    if (existing && !existing.closed) return Promise.resolve(existing);
    const call = new Call(roomId, {
      pool: this.pool,
      peersPerRouter: this.peersPerRouter,
      waitForWorkerMs: WAIT_FOR_REPLACEMENT_WORKER_MS,
      logger: this.logger,
    });
    this.calls.set(roomId, call);
    this.onCreated?.(call);
    this.logger.info(`call for ${roomId} started`);
    return Promise.resolve(call);
  }

  /** Multi-node: sees each call as it is created (to tell the other nodes about it). */
  observeCalls(onCreated: (call: Call) => void): void {
    this.onCreated = onCreated;
  }

  all(): Call[] {
    return [...this.calls.values()];
  }

  /** The call in progress for a room, if any (health and tests). */
  find(roomId: string): Call | undefined {
    return this.calls.get(roomId);
  }

  /** Frees the call's routers once nobody is left in it (nor joining). */
  releaseIfEmpty(call: Call): void {
    if (!call.empty || this.calls.get(call.roomId) !== call) return;
    this.calls.delete(call.roomId);
    call.close();
    this.logger.info(`call for ${call.roomId} ended`);
  }

  /**
   * A worker died: the calls with a router on it lost part of their media; all their peers are told
   * to re-join (they land on live workers, and the call is rebuilt whole).
   */
  workerDied(slot: WorkerSlot): void {
    for (const call of [...this.calls.values()]) {
      if (!call.usesWorker(slot)) continue;
      this.calls.delete(call.roomId);
      call.evictAll('worker-died');
    }
  }

  evictAll(reason: EvictionReason): void {
    for (const call of this.calls.values()) call.evictAll(reason);
    this.calls.clear();
  }

  stats(): { calls: number; peers: number } {
    let peers = 0;
    for (const call of this.calls.values()) peers += call.peers.size;
    return { calls: this.calls.size, peers };
  }
}
