// This machine's host names as the WHATWG URL parser writes them (lowercase, IPv6 in brackets): the
// one place plain http:// and ws:// are allowed, for a homeserver or SFU running locally.
export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/** A DNS name may end in a dot ("example.org."): it names the same host, so it must compare equal. */
export function normalizeHostname(hostname: string): string {
  const lower = hostname.toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

/**
 * Whether `host` names this machine, case-insensitively and with or without a trailing dot. Callers
 * that compare a URL's hostname exactly (no trailing-dot leniency) use `LOOPBACK_HOSTS.has`.
 */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(normalizeHostname(host));
}
