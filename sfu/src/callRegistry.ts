// The calls in progress, by Matrix room id. A call is created on its first join (on the least
// loaded worker) and its router is freed when the last peer leaves.
import { Call, type EvictionReason } from './call.ts';
import type { Logger } from './log.ts';
import type { WorkerPool, WorkerSlot } from './workerPool.ts';

/** A replacement worker starts in well under a second; past this, the join fails and the client retries. */
const WAIT_FOR_REPLACEMENT_WORKER_MS = 3000;

export class CallRegistry {
  private readonly calls = new Map<string, Call>();
  /** Concurrent first joins of the same room share one creation, so a room never gets two routers. */
  private readonly creating = new Map<string, Promise<Call>>();
  private readonly pool: WorkerPool;
  private readonly logger: Logger;

  constructor(pool: WorkerPool, logger: Logger) {
    this.pool = pool;
    this.logger = logger;
  }

  async get(roomId: string): Promise<Call> {
    const existing = this.calls.get(roomId);
    if (existing && !existing.closed) return existing;
    const pending = this.creating.get(roomId);
    if (pending) return pending;
    const creation = this.pool
      .leastLoadedWhenAlive(WAIT_FOR_REPLACEMENT_WORKER_MS)
      .then((slot) => Call.create(roomId, slot, this.logger))
      .then((call) => {
        this.calls.set(roomId, call);
        this.logger.info(`call for ${roomId} on worker ${call.slot.index}`);
        return call;
      })
      .finally(() => this.creating.delete(roomId));
    this.creating.set(roomId, creation);
    return creation;
  }

  /** The call in progress for a room, if any (health and tests). */
  find(roomId: string): Call | undefined {
    return this.calls.get(roomId);
  }

  /** Frees the call's router once nobody is left in it. */
  releaseIfEmpty(call: Call): void {
    if (call.peers.size > 0 || this.calls.get(call.roomId) !== call) return;
    this.calls.delete(call.roomId);
    call.close();
    this.logger.info(`call for ${call.roomId} ended`);
  }

  /** A worker died: its calls' media is gone; their peers are told to re-join (they land on a live worker). */
  workerDied(slot: WorkerSlot): void {
    for (const call of [...this.calls.values()]) {
      if (call.slot !== slot) continue;
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
