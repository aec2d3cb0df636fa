// Links to a message as `matrix:` URIs (Matrix spec, "Matrix URI scheme"), never matrix.to: that is a
// web page on a third-party host, and Relais sends nobody there.

/** Percent-encodes an identifier for a URI path segment; `:` and `@` may stay as they are there. */
function segment(value: string): string {
  return encodeURIComponent(value).replace(/%3A/gi, ':').replace(/%40/gi, '@');
}

/** `matrix:roomid/<room id without !>/e/<event id without $>?via=…` */
export function matrixEventUri(roomId: string, eventId: string, via: readonly string[]): string {
  const room = segment(roomId.replace(/^!/, ''));
  const event = segment(eventId.replace(/^\$/, ''));
  const query = via.map((server) => `via=${encodeURIComponent(server)}`).join('&');
  return `matrix:roomid/${room}/e/${event}${query ? `?${query}` : ''}`;
}

export interface RoutingMember {
  userId: string;
  powerLevel: number;
}

/** The server part of a user id (after the first colon). */
export function serverOf(userId: string): string {
  const colon = userId.indexOf(':');
  return colon < 0 ? '' : userId.slice(colon + 1);
}

/** An IP literal, which the spec says not to route through (it will not outlive a renumbering). */
function isIpLiteral(server: string): boolean {
  const host = server.replace(/:\d+$/, '');
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith('[');
}

/**
 * The servers to name in `via`, as the spec recommends: the server of the member with the highest power
 * level first, then the servers with the most joined members; three at most, no IP literals.
 */
export function viaServers(members: readonly RoutingMember[], max = 3): string[] {
  const population = new Map<string, number>();
  let top: { server: string; level: number } | null = null;
  for (const member of members) {
    const server = serverOf(member.userId);
    if (!server || isIpLiteral(server)) continue;
    population.set(server, (population.get(server) ?? 0) + 1);
    if (!top || member.powerLevel > top.level) top = { server, level: member.powerLevel };
  }
  const byPopulation = [...population.entries()].sort((a, b) => b[1] - a[1]).map(([server]) => server);
  const ordered = top ? [top.server, ...byPopulation.filter((s) => s !== top.server)] : byPopulation;
  return ordered.slice(0, max);
}
