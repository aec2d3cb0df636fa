// Host and port parsing shared by the policy schema (to reject entries the egress filter could not
// use) and by the egress filter itself (so both agree on what a host is). All parsing goes through
// the WHATWG URL parser, which lowercases, converts IDN to punycode and canonicalises IP literals;
// hand-written host parsing is where look-alike and encoding tricks slip through.
import { isLoopbackHost, normalizeHostname } from '../net/loopback.ts';

export interface HostPort {
  /** Lowercase ASCII (punycode) hostname without a trailing dot; IPv6 literals keep their brackets. */
  host: string;
  port: number;
}

const WEB_DEFAULT_PORTS: Readonly<Record<string, number>> = { 'http:': 80, 'ws:': 80, 'https:': 443, 'wss:': 443 };

/** Default port of a web scheme (with its colon, as URL.protocol gives it); undefined for the rest. */
export function webDefaultPort(protocol: string): number | undefined {
  return WEB_DEFAULT_PORTS[protocol];
}

// Defined in src/shared/net/loopback.ts; re-exported so the policy modules keep one import.
export { isLoopbackHost, normalizeHostname };

export function formatHostPort({ host, port }: HostPort): string {
  return `${host}:${port}`;
}

function tryUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/** host:port of an http(s)/ws(s) URL; null for other schemes or unparseable text. */
export function hostPortOfWebUrl(text: string): HostPort | null {
  const url = tryUrl(text);
  if (!url) return null;
  const fallback = webDefaultPort(url.protocol);
  if (fallback === undefined) return null;
  const host = normalizeHostname(url.hostname);
  if (host === '') return null;
  return { host, port: url.port === '' ? fallback : Number(url.port) };
}

/**
 * An `allowedEgressHosts` entry: "host" or "host:port" (IPv6 as "[::1]:8448"); a bare host means
 * port 443 because Relais only talks TLS to remote services. Wildcards are refused on purpose: an
 * allowlist entry must name one machine an administrator can vouch for.
 */
export function parseHostEntry(entry: string): HostPort | null {
  if (entry === '' || /[\s/?#@\\*]/.test(entry)) return null;
  const url = tryUrl(`https://${entry}`);
  if (!url || url.pathname !== '/' || url.search !== '' || url.hash !== '' || url.username !== '') return null;
  const host = normalizeHostname(url.hostname);
  if (host === '') return null;
  return { host, port: url.port === '' ? 443 : Number(url.port) };
}

export interface IceUri extends HostPort {
  scheme: 'stun' | 'stuns' | 'turn' | 'turns';
}

/**
 * RFC 7064/7065 URIs ("turn:host:port?transport=tcp"). They have no "//", so the URL parser treats
 * them as opaque; the host part is re-parsed as an https authority to get the same normalisation.
 */
export function parseIceUri(uri: string): IceUri | null {
  const match = /^(stuns?|turns?):([^?]*)(\?transport=(udp|tcp))?$/i.exec(uri);
  if (!match) return null;
  const scheme = (match[1] ?? '').toLowerCase() as IceUri['scheme'];
  const authority = match[2] ?? '';
  if (authority === '' || /[\s/?#@\\*]/.test(authority)) return null;
  const url = tryUrl(`https://${authority}`);
  if (!url || url.pathname !== '/') return null;
  const host = normalizeHostname(url.hostname);
  if (host === '') return null;
  // RFC 7065 default ports: 3478 in the clear, 5349 over TLS.
  const defaultPort = scheme === 'turns' || scheme === 'stuns' ? 5349 : 3478;
  // `https://x:443` reports an empty port, so an explicit ":443" has to be read back from the text.
  const explicitPort = /:(\d+)$/.exec(authority)?.[1];
  return { scheme, host, port: explicitPort === undefined ? defaultPort : Number(explicitPort) };
}
