// The sovereign egress filter: in a managed install Relais may open connections only to the hosts
// its configuration names (homeservers, call servers, gateways, ...). The main process asks it about
// every request; it answers with a reason so that a blocked connection can be explained in the log.
// Hosts compare exactly (after the URL parser's normalisation), never by suffix or prefix, so
// "matrix.example.org.evil.example" is not "matrix.example.org". Schemes compare too: an https
// homeserver allows https and wss to its host and port, never plain http or ws there, and a TURN
// server's host and port allow TURN (and STUN) to it, never a web request.
import { APP_SCHEME } from '../appScheme.ts';
import { formatHostPort, hostPortOfWebUrl, isLoopbackHost, parseHostEntry, parseIceUri, type HostPort } from './hosts.ts';
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
  /** With their colon, as URL.protocol gives them: "https:", "wss:", "turns:", ... */
  schemes: readonly string[];
  purposes: readonly string[];
}

export interface EgressFilter {
  /** A web request (http, https, ws, wss, or a local scheme). */
  decide(url: string): EgressDecision;
  /** A STUN or TURN server URI (RFC 7064/7065), which WebRTC reaches without any web request. */
  decideIce(uri: string): EgressDecision;
  readonly allowedHosts: readonly AllowedHost[];
}

/**
 * The filter as data, so main can hand it to the renderer (WebRTC is invisible to main's request
 * hooks: the renderer checks ICE servers itself with the same rules).
 */
export interface EgressRules {
  mode: 'unmanaged' | 'managed' | 'safe';
  allowedHosts: readonly AllowedHost[];
}

/** Schemes that never leave the machine: the app's own files, devtools, inline and in-memory data. */
const LOCAL_SCHEMES = new Set([`${APP_SCHEME}:`, 'devtools:', 'data:', 'blob:']);
const WEB_SCHEMES = new Set(['http:', 'https:', 'ws:', 'wss:']);
const SECURE_WEB = ['https:', 'wss:'];
const PLAIN_WEB = ['http:', 'ws:'];
/** A TURN server is also a STUN server (RFC 5766): allowing it for TURN allows binding requests too. */
const ICE_SCHEMES: Readonly<Record<string, readonly string[]>> = {
  turn: ['turn:', 'stun:'],
  turns: ['turns:', 'stuns:'],
  stun: ['stun:'],
  stuns: ['stuns:'],
};

function parseAllowed(entry: string): HostPort & { schemes: readonly string[] } {
  const ice = parseIceUri(entry);
  if (ice) return { host: ice.host, port: ice.port, schemes: ICE_SCHEMES[ice.scheme] ?? [] };
  const web = entry.includes('://') ? hostPortOfWebUrl(entry) : null;
  if (web) {
    const secure = /^(https|wss):/i.test(entry);
    return { host: web.host, port: web.port, schemes: secure ? SECURE_WEB : PLAIN_WEB };
  }
  // A bare "host[:port]" means TLS: Relais only talks TLS to remote services (the loopback
  // interface, used by local test servers, never leaves the machine, so plain http is allowed there).
  const bare = entry.includes('://') ? null : parseHostEntry(entry);
  // Entries come from validated settings, so an unusable one is a programming error: fail loudly
  // rather than quietly allow less (or more) than configured.
  if (!bare) throw new TypeError(`Not a usable egress entry: ${entry}`);
  return { host: bare.host, port: bare.port, schemes: isLoopbackHost(bare.host) ? [...SECURE_WEB, ...PLAIN_WEB] : SECURE_WEB };
}

type Mode = { kind: 'allowlist'; hosts: Map<string, AllowedHost> } | { kind: 'anyHost' } | { kind: 'denyAll'; why: string };

function matchHost(mode: Mode, scheme: string, target: HostPort): EgressDecision {
  const where = `${scheme}//${formatHostPort(target)}`;
  switch (mode.kind) {
    case 'denyAll':
      return { allowed: false, reason: `blocked: ${where}: ${mode.why}` };
    case 'anyHost':
      return { allowed: true, reason: `allowed: ${where}: unmanaged install, no host allowlist` };
    case 'allowlist': {
      const match = mode.hosts.get(formatHostPort(target));
      if (!match) return { allowed: false, reason: `blocked: ${where} is not an allowed host` };
      if (!match.schemes.includes(scheme))
        return { allowed: false, reason: `blocked: ${where}: only ${match.schemes.join(' ')} to this host and port` };
      return { allowed: true, reason: `allowed: ${where} (${match.purposes.join(', ')})` };
    }
  }
}

function buildFilter(mode: Mode): EgressFilter {
  const decide = (text: string): EgressDecision => {
    // Scheme first, without parsing the whole URL: data: URLs can be megabytes long.
    const scheme = /^([a-z][a-z0-9+.-]*:)/i.exec(text)?.[1]?.toLowerCase();
    if (scheme === undefined) return { allowed: false, reason: 'blocked: not an absolute URL' };
    if (LOCAL_SCHEMES.has(scheme)) return { allowed: true, reason: `allowed: local scheme ${scheme}` };
    if (!WEB_SCHEMES.has(scheme)) return { allowed: false, reason: `blocked: scheme ${scheme} is not allowed` };
    const target = hostPortOfWebUrl(text);
    if (!target) return { allowed: false, reason: 'blocked: not a valid URL' };
    return matchHost(mode, scheme, target);
  };
  const decideIce = (uri: string): EgressDecision => {
    const ice = parseIceUri(uri);
    if (!ice) return { allowed: false, reason: 'blocked: not a STUN or TURN URI' };
    return matchHost(mode, `${ice.scheme}:`, ice);
  };
  const allowedHosts = mode.kind === 'allowlist' ? [...mode.hosts.values()] : [];
  return { decide, decideIce, allowedHosts };
}

function allowlist(entries: readonly (HostPort & { schemes: readonly string[]; purposes: readonly string[] })[]): Mode {
  const hosts = new Map<string, AllowedHost>();
  for (const entry of entries) {
    const key = formatHostPort(entry);
    const existing = hosts.get(key);
    hosts.set(key, {
      host: entry.host,
      port: entry.port,
      schemes: [...new Set([...(existing?.schemes ?? []), ...entry.schemes])],
      purposes: [...new Set([...(existing?.purposes ?? []), ...entry.purposes])],
    });
  }
  return { kind: 'allowlist', hosts };
}

/**
 * A filter that allows web requests (http, https, ws, wss) only to the given hosts, ports and
 * schemes, plus the local schemes; everything else is blocked. An empty list blocks every request.
 */
export function createEgressFilter(allowedOrigins: readonly (string | AllowedOrigin)[]): EgressFilter {
  return buildFilter(
    allowlist(
      allowedOrigins.map((entry) => {
        const { url, purpose } = typeof entry === 'string' ? { url: entry, purpose: 'configured' } : entry;
        return { ...parseAllowed(url), purposes: [purpose] };
      }),
    ),
  );
}

const SAFE_MODE_WHY = 'safe mode, the machine policy is invalid';

/** The filter's rules as plain data (see EgressRules). */
export function egressRulesOf(egress: EffectiveEgress): EgressRules {
  if (egress.mode === 'unmanaged') return { mode: 'unmanaged', allowedHosts: [] };
  if (egress.mode === 'safe') return { mode: 'safe', allowedHosts: [] };
  return { mode: 'managed', allowedHosts: createEgressFilter(egress.allowedOrigins).allowedHosts };
}

/** The same filter, rebuilt from its rules (in the renderer, from what main sent). */
export function egressFilterFromRules(rules: EgressRules): EgressFilter {
  switch (rules.mode) {
    case 'safe':
      return buildFilter({ kind: 'denyAll', why: SAFE_MODE_WHY });
    case 'unmanaged':
      return buildFilter({ kind: 'anyHost' });
    case 'managed':
      return buildFilter(allowlist(rules.allowedHosts));
  }
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
  // The sign-in service a delegating homeserver sends Relais to (issue 21).
  add(values.signIn.oidcIssuer, 'OIDC issuer');
  add(values.calls.sfuUrl, 'call SFU');
  for (const server of values.calls.iceServers) {
    const urls = typeof server.urls === 'string' ? [server.urls] : server.urls;
    // Named by the policy, so allowed: TURN servers carry the media, STUN servers see our address.
    for (const url of urls) {
      const scheme = parseIceUri(url)?.scheme;
      if (scheme !== undefined) add(url, scheme.startsWith('turn') ? 'TURN server' : 'STUN server');
    }
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
  return egressFilterFromRules(egressRulesOf(egress));
}
