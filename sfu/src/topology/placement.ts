// Where a newcomer's media goes: which worker of this host gets their transports. Pure, so the
// rule is tested without mediasoup.
//
// A call fills the routers it already has up to `peersPerRouter` before it spreads: piping a
// producer to another worker costs that worker a forwarding stream per producer, which only pays
// once the call is too big for one worker. Beyond that, the least loaded live worker takes them.

export interface WorkerLoad {
  index: number;
  alive: boolean;
  /** Peers on this worker across every call. */
  load: number;
}

export interface CallRouterLoad {
  workerIndex: number;
  /** This call's peers (joined or joining) on that router. */
  peers: number;
}

/** The worker index for a newcomer to the call, or null when no worker is alive. */
export function chooseWorker(
  workers: readonly WorkerLoad[],
  callRouters: readonly CallRouterLoad[],
  peersPerRouter: number,
): number | null {
  const alive = new Map(workers.filter((worker) => worker.alive).map((worker) => [worker.index, worker]));
  let best: { index: number; load: number } | null = null;
  for (const router of callRouters) {
    const worker = alive.get(router.workerIndex);
    if (!worker || router.peers >= peersPerRouter) continue;
    if (!best || worker.load < best.load) best = worker;
  }
  if (best) return best.index;
  for (const worker of alive.values()) if (!best || worker.load < best.load) best = worker;
  return best?.index ?? null;
}
