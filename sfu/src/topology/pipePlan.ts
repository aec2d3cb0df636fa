// Which producers must be piped into which routers of a call: every producer is present on every
// router of its call (its home router holds it; the others hold a pipe of it), so a consumer is
// always created on the consuming peer's own router. Each producer is piped once per router, never
// per consumer. Pure: the Call runs the plan with mediasoup's router.pipeToRouter.

export interface PlannedPipe {
  producerId: string;
  from: string;
  to: string;
}

/** `piped` holds pipeKey(producerId, routerId) for pipes made or under way. */
export function missingPipes(
  producers: readonly { producerId: string; homeRouterId: string }[],
  routerIds: readonly string[],
  piped: ReadonlySet<string>,
): PlannedPipe[] {
  const plan: PlannedPipe[] = [];
  for (const { producerId, homeRouterId } of producers) {
    for (const routerId of routerIds) {
      if (routerId === homeRouterId || piped.has(pipeKey(producerId, routerId))) continue;
      plan.push({ producerId, from: homeRouterId, to: routerId });
    }
  }
  return plan;
}

export function pipeKey(producerId: string, routerId: string): string {
  return `${producerId}>${routerId}`;
}

/** The keys to forget once a producer closes or a router goes (their pipes closed with them). */
export function pipesInvolving(piped: ReadonlySet<string>, ids: { producerId?: string; routerId?: string }): string[] {
  return [...piped].filter((key) => {
    const [producerId, routerId] = key.split('>');
    return producerId === ids.producerId || routerId === ids.routerId;
  });
}
