// The sovereign egress filter: in a managed install Relais may open connections only to the hosts
// its configuration names (homeservers, call servers, gateways, ...). The main process asks it about
// every request; it answers with a reason so that a blocked connection can be explained in the log.
// Hosts compare exactly (after the URL parser's normalisation), never by suffix or prefix, so
// "matrix.example.org.evil.example" is not "matrix.example.org".
import { APP_SCHEME } from '../appScheme.ts';
import { formatHostPort, hostPortOfWebUrl, parseHostEntry, parseIceUri, type HostPort } from './hosts.ts';
import { resolveSettings, teamsBridgeActive } from './resolve.ts';
import { TEAMS_TEMPLATE_PLACEHOLDERS } from './schema.ts';
import type { LoadedPolicy } from './types.ts';

export interface AllowedOrigin {
  /** A web URL (https://host:port/...), a TURN/STUN URI, or "host" / "host:port" (port 443). */
  url: string;
  /** Why the host is allowed, for logs: "homeserver", "TURN server", ... */
  purpose: string;
}

export interface EgressDecision {
  allowed: boolean;
  /** Names scheme, host and port only: never the path or query, which may hold tokens. */
  reason: string;
}

export interface AllowedHost extends HostPort {
  purposes: readonly string[];
}

export interface EgressFilter {
  decide(url: string): EgressDecision;
  readonly allowedHosts: readonly AllowedHost[];
}

/** Schemes that never leave the machine: the app's own files, devtools, inline and in-memory data. */
const LOCAL_SCHEMES = new Set([`${APP_SCHEME}:`, 'devtools:', 'data:', 'blob:']);
const WEB_SCHEMES = new Set(['http:', 'https:', 'ws:', 'wss:']);

function parseAllowed(entry: string): HostPort {
  const ice = parseIceUri(entry);
  const parsed = ice ?? (entry.includes('://') ? hostPortOfWebUrl(entry) : parseHostEntry(entry));
  // Entries come from validated settings, so an unusable one is a programming error: fail loudly
  // rather than quietly allow less (or more) than configured.
  if (!parsed) throw new TypeError(`Not a usable egress entry: ${entry}`);
  return { host: parsed.host, port: parsed.port };
}

type Mode = { kind: 'allowlist'; hosts: Map<string, AllowedHost> } | { kind: 'anyHost' } | { kind: 'denyAll'; why: string };

function buildFilter(mode: Mode): EgressFilter {
  const decide = (text: string): EgressDecision => {
    // Scheme first, without parsing the whole URL: data: URLs can be megabytes long.
    const scheme = /^([a-z][a-z0-9+.-]*:)/i.exec(text)?.[1]?.toLowerCase();
    if (scheme === undefined) return { allowed: false, reason: 'blocked: not an absolute URL' };
    if (LOCAL_SCHEMES.has(scheme)) return { allowed: true, reason: `allowed: local scheme ${scheme}` };
    if (!WEB_SCHEMES.has(scheme)) return { allowed: false, reason: `blocked: scheme ${scheme} is not allowed` };
    const target = hostPortOfWebUrl(text);
    if (!target) return { allowed: false, reason: 'blocked: not a valid URL' };
    const where = `${scheme}//${formatHostPort(target)}`;
    switch (mode.kind) {
      case 'denyAll':
        return { allowed: false, reason: `blocked: ${where}: ${mode.why}` };
      case 'anyHost':
        return { allowed: true, reason: `allowed: ${where}: unmanaged install, no host allowlist` };
      case 'allowlist': {
        const match = mode.hosts.get(formatHostPort(target));
        return match
          ? { allowed: true, reason: `allowed: ${where} (${match.purposes.join(', ')})` }
          : { allowed: false, reason: `blocked: ${where} is not an allowed host` };
      }
    }
  };
  const allowedHosts = mode.kind === 'allowlist' ? [...mode.hosts.values()] : [];
  return { decide, allowedHosts };
}

/**
 * A filter that allows web requests (http, https, ws, wss) only to the given hosts and ports, plus
 * the local schemes; everything else is blocked. An empty list blocks every network request.
 */
export function createEgressFilter(allowedOrigins: readonly (string | AllowedOrigin)[]): EgressFilter {
  const hosts = new Map<string, AllowedHost>();
  for (const entry of allowedOrigins) {
    const { url, purpose } = typeof entry === 'string' ? { url: entry, purpose: 'configured' } : entry;
    const hostPort = parseAllowed(url);
    const key = formatHostPort(hostPort);
    const existing = hosts.get(key);
    const purposes = existing ? [...new Set([...existing.purposes, purpose])] : [purpose];
    hosts.set(key, { ...hostPort, purposes });
  }
  return buildFilter({ kind: 'allowlist', hosts });
}

export type EffectiveEgress =
  /** Invalid policy: connect nowhere until IT fixes it. */
  | { mode: 'safe'; allowedOrigins: readonly [] }
  /** Machine policy present: only the hosts the settings name. */
  | { mode: 'managed'; allowedOrigins: readonly AllowedOrigin[] }
  /** No machine policy: the user picks servers freely, so there is no host allowlist. */
  | { mode: 'unmanaged'; allowedOrigins: null };

export interface EgressOptions {
  /** The profile's settings: an unlocked user-chosen homeserver must be reachable. */
  userSettings?: unknown;
  now?: Date;
}

function fillTemplate(template: string): string {
  let filled = template;
  for (const name of TEAMS_TEMPLATE_PLACEHOLDERS) filled = filled.replaceAll(`{${name}}`, 'x');
  return filled;
}

export function effectiveEgress(loaded: LoadedPolicy, options: EgressOptions = {}): EffectiveEgress {
  if (loaded.status === 'invalid') return { mode: 'safe', allowedOrigins: [] };
  if (loaded.status === 'none') return { mode: 'unmanaged', allowedOrigins: null };
  const { values } = resolveSettings(loaded, options.userSettings ?? {});
  const origins: AllowedOrigin[] = [];
  const add = (url: string | null, purpose: string): void => {
    if (url !== null) origins.push({ url, purpose });
  };
  for (const url of values.homeservers) add(url, 'homeserver');
  add(values.calls.sfuUrl, 'call SFU');
  for (const server of values.calls.iceServers) {
    const urls = typeof server.urls === 'string' ? [server.urls] : server.urls;
    // STUN needs no allowlisting (it is not a relay); TURN servers carry the media.
    for (const url of urls) if (parseIceUri(url)?.scheme.startsWith('turn') === true) add(url, 'TURN server');
  }
  if (values.tchap.enabled) for (const url of values.tchap.infoServers) add(url, 'Tchap info server');
  if (teamsBridgeActive(values, options.now ?? new Date())) {
    for (const mode of Object.values(values.teamsBridge.modes)) {
      if (mode.webGatewayUrlTemplate !== undefined) add(fillTemplate(mode.webGatewayUrlTemplate), 'Teams web gateway');
    }
  }
  if (values.autoUpdate.enabled) add(values.autoUpdate.url, 'update server');
  for (const host of values.allowedEgressHosts) add(host, 'allowedEgressHosts');
  return { mode: 'managed', allowedOrigins: origins };
}

export function egressFilterFor(egress: EffectiveEgress): EgressFilter {
  switch (egress.mode) {
    case 'safe':
      return buildFilter({ kind: 'denyAll', why: 'safe mode, the machine policy is invalid' });
    case 'unmanaged':
      return buildFilter({ kind: 'anyHost' });
    case 'managed':
      return createEgressFilter(egress.allowedOrigins);
  }
}
