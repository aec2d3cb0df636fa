// The SFU's configuration: a JSON file (path in RELAIS_SFU_CONFIG or `--config`), with a few
// deployment keys overridable from the environment. Validated strictly: a typo in a key is an error
// at start-up, not a silently ignored setting.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { CALL_MAX_MESSAGE_BYTES } from '../../src/shared/call/index.ts';

const url = z.url({ protocol: /^https?$/ }).transform((value) => value.replace(/\/+$/, ''));

const membershipCheckSchema = z
  .strictObject({
    // Without a method, the legacy default (configurations written before `appservice` existed).
    method: z.enum(['appservice', 'synapse-admin', 'room-state']).default('synapse-admin'),
    /** appservice: the registration's hs_token, which the homeserver presents when it pushes events. */
    hsToken: z.string().min(16).optional(),
    hsTokenFile: z.string().min(1).optional(),
    /** synapse-admin / room-state: the access token used to ask. */
    accessToken: z.string().min(1).optional(),
    accessTokenFile: z.string().min(1).optional(),
  })
  .superRefine((value, context) => {
    const hs = [value.hsToken, value.hsTokenFile].filter(Boolean).length;
    const access = [value.accessToken, value.accessTokenFile].filter(Boolean).length;
    if (value.method === 'appservice') {
      if (hs !== 1)
        context.addIssue({ code: 'custom', message: 'method appservice: give exactly one of hsToken or hsTokenFile' });
      if (access !== 0)
        context.addIssue({ code: 'custom', message: 'method appservice needs no access token: remove accessToken(File)' });
    } else if (access !== 1) context.addIssue({ code: 'custom', message: 'give exactly one of accessToken or accessTokenFile' });
  });

const homeserverSchema = z.strictObject({
  /** The Matrix server name, as in user ids (@alice:<serverName>) and in OpenID tokens. */
  serverName: z.string().min(1),
  /** Where its federation API answers (`/_matrix/federation/v1/openid/userinfo`). */
  baseUrl: url,
  /** Where its client-server and admin APIs answer, when not at baseUrl. */
  clientApiUrl: url.optional(),
  /**
   * How room membership is confirmed (OpenID only proves who the user is):
   * - `appservice` (recommended): the SFU is registered with the homeserver as an application service
   *   owning no namespace; the homeserver pushes every room event to it, so membership is known for the
   *   whole call (a kick or ban ends the user's media within seconds). No homeserver credential at all.
   * - `synapse-admin` (legacy, join time only): a Synapse admin's token,
   *   `GET /_synapse/admin/v1/rooms/{roomId}/members`. A powerful token in an internet-facing service.
   * - `room-state` (legacy, join time only): an ordinary account's token reading
   *   `/_matrix/client/v3/rooms/{roomId}/state/m.room.member/{userId}`; the account must be in every room.
   */
  membershipCheck: membershipCheckSchema,
});

const iceServerConfigSchema = z.strictObject({
  urls: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  username: z.string().optional(),
  credential: z.string().optional(),
  /**
   * coturn's `static-auth-secret` (TURN REST API): each peer gets its own credential, valid for
   * credentialTtlSeconds. The secret itself never leaves the SFU.
   */
  sharedSecret: z.string().min(8).optional(),
  credentialTtlSeconds: z
    .number()
    .int()
    .min(60)
    .max(7 * 24 * 3600)
    .default(12 * 3600),
});

export const sfuConfigSchema = z.strictObject({
  listen: z
    .strictObject({ host: z.string().default('0.0.0.0'), port: z.number().int().min(0).max(65535).default(4443) })
    .prefault({}),
  /** Serve wss:// directly; without it, put the SFU behind a TLS-terminating reverse proxy. */
  tls: z.strictObject({ certFile: z.string(), keyFile: z.string() }).optional(),
  rtc: z
    .strictObject({
      /** Local address media sockets bind to. */
      listenIp: z.ipv4().or(z.ipv6()).default('0.0.0.0'),
      /** The address clients reach (public IP behind NAT); required when listenIp is 0.0.0.0. */
      announcedIp: z.string().min(1).optional(),
      minPort: z.number().int().min(1024).max(65535).default(40000),
      maxPort: z.number().int().min(1024).max(65535).default(49999),
      enableTcp: z.boolean().default(true),
      initialAvailableOutgoingBitrate: z.number().int().positive().default(1_000_000),
    })
    .prefault({})
    .refine((rtc) => rtc.minPort <= rtc.maxPort, 'rtc.minPort must not exceed rtc.maxPort')
    .refine((rtc) => rtc.announcedIp !== undefined || !['0.0.0.0', '::'].includes(rtc.listenIp), {
      error: 'rtc.announcedIp is required when rtc.listenIp is a wildcard address (clients need an address to reach)',
    }),
  workers: z
    .strictObject({
      /** One mediasoup worker per core by default (each worker is single-threaded). */
      count: z.number().int().min(1).max(256).optional(),
      /** Path of the mediasoup-worker binary (else mediasoup's own, or MEDIASOUP_WORKER_BIN). */
      binary: z.string().min(1).optional(),
      logLevel: z.enum(['debug', 'warn', 'error', 'none']).default('warn'),
      /**
       * A call stays on the routers it has until each holds this many peers, then spreads to the least
       * loaded worker (its producers piped between them). Piping costs a stream per producer per extra
       * worker, so small calls stay on one worker.
       */
      peersPerRouter: z.number().int().min(1).default(20),
    })
    .prefault({}),
  /**
   * How much of a call each client receives (sent to clients when they join): the video of the last
   * `lastN` active speakers besides the tiles on their screen; audio from everyone up to `audioAllUpTo`
   * microphones, then only from the `loudestK` most recent speakers. Bigger values cost every client
   * downlink and the SFU packets; smaller ones make a quiet speaker wait for a key frame to be seen.
   */
  subscription: z
    .strictObject({
      lastN: z.number().int().min(0).max(50).default(4),
      audioAllUpTo: z.number().int().min(0).max(1000).default(20),
      loudestK: z.number().int().min(1).max(50).default(6),
    })
    .prefault({}),
  /**
   * Multi-node: SFU nodes sharing calls through Redis. Without it (the default) the SFU is one node
   * and needs nothing else. Each node hosts the participants whose WebSocket it accepted (put the
   * nodes behind one load-balanced URL); participants on different nodes get each other's media
   * through pipe transports between the nodes.
   */
  cluster: z
    .strictObject({
      /** redis:// or rediss:// URL of the shared Redis. */
      redis: z.string().regex(/^rediss?:\/\//, 'a redis:// or rediss:// URL'),
      /** This node's id, unique in the cluster (default: random at each start). */
      nodeId: z.string().min(1).max(100).optional(),
      /** Address pipe transports (media between nodes) listen on. */
      pipeListenIp: z.ipv4().or(z.ipv6()).default('127.0.0.1'),
      /** Address the other nodes reach this node's pipe transports at, when not pipeListenIp. */
      pipeAnnouncedIp: z.string().min(1).optional(),
      /** This node's own signaling URL, registered for operators (clients use the balanced URL). */
      wsUrl: z.string().min(1).optional(),
      /** The node's registration is renewed this often, and expires after nodeTtlMs without renewal. */
      heartbeatMs: z.number().int().min(100).default(1000),
      nodeTtlMs: z.number().int().min(300).default(3000),
    })
    .refine((cluster) => cluster.nodeTtlMs > cluster.heartbeatMs, 'cluster.nodeTtlMs must exceed cluster.heartbeatMs')
    .optional(),
  /** Only users of these homeservers may join. */
  homeservers: z.array(homeserverSchema).min(1),
  /** ICE servers handed to clients: only these (no public STUN), typically your own TURN. */
  iceServers: z.array(iceServerConfigSchema).default([]),
  /** The application-service side (membership method `appservice`). */
  appservice: z
    .strictObject({
      /**
       * A separate listener for the homeserver's pushes (e.g. loopback or a private interface), so the
       * AS API is not reachable from the internet at all. Without it, the AS routes are served on the
       * signaling listener (still refused without the hs_token).
       */
      listen: z.strictObject({ host: z.string().default('127.0.0.1'), port: z.number().int().min(0).max(65535) }).optional(),
      /** Where the membership view is kept across restarts; none: memory only. */
      stateDir: z.string().min(1).optional(),
      /** How long a join by a user the view does not know yet waits for an event they sent (their call membership). */
      membershipProofWaitMs: z.number().int().min(0).max(60_000).default(5000),
      /** Rooms remembered per homeserver; the least recently updated are forgotten beyond this. */
      maxRooms: z.number().int().min(1).default(20_000),
      saveDebounceMs: z.number().int().min(0).default(1000),
      maxTransactionBytes: z
        .number()
        .int()
        .min(65_536)
        .default(16 * 1024 * 1024),
    })
    .prefault({}),
  limits: z
    .strictObject({
      maxPeersPerCall: z.number().int().min(2).default(100),
      /** Devices (peers) of one user across the SFU: a token cannot become many peers. */
      maxPeersPerUser: z.number().int().min(1).default(4),
      maxTransportsPerPeer: z.number().int().min(2).default(4),
      maxProducersPerPeer: z.number().int().min(1).default(8),
      maxConsumersPerPeer: z.number().int().min(1).default(400),
      /** WebRTC transports in total; default: the size of the RTC port range (each transport takes a port). */
      maxTransports: z.number().int().min(1).optional(),
      /** A connection must join within this time, so unauthenticated sockets cannot linger. */
      joinTimeoutMs: z.number().int().min(1000).default(10_000),
      /** Homeserver requests (OpenID check, membership) give up after this. */
      homeserverTimeoutMs: z.number().int().min(500).default(10_000),
      /** Largest signaling message; a bigger one closes the socket (1009). */
      maxMessageBytes: z
        .number()
        .int()
        .min(4096)
        .max(CALL_MAX_MESSAGE_BYTES)
        .default(64 * 1024),
      maxSockets: z.number().int().min(1).default(10_000),
      maxSocketsPerAddress: z.number().int().min(1).default(64),
      maxUnauthenticatedSockets: z.number().int().min(1).default(1000),
      maxUnauthenticatedSocketsPerAddress: z.number().int().min(1).default(16),
      /** Messages per second a socket may send (with a burst); beyond, the socket is closed (4008). */
      framesPerSecondPerSocket: z.number().positive().default(50),
      frameBurstPerSocket: z.number().int().min(1).default(200),
      framesPerSecondPerAddress: z.number().positive().default(500),
      frameBurstPerAddress: z.number().int().min(1).default(2000),
      /** Join attempts: globally, per address, and per (verified) user. */
      joinsPerSecond: z.number().positive().default(50),
      joinBurst: z.number().int().min(1).default(100),
      joinsPerSecondPerAddress: z.number().positive().default(2),
      joinBurstPerAddress: z.number().int().min(1).default(20),
      joinsPerSecondPerUser: z.number().positive().default(0.5),
      joinBurstPerUser: z.number().int().min(1).default(10),
      /** After this many refused joins in a row from an address, it waits, doubling from base to max. */
      joinFailuresBeforeBackoff: z.number().int().min(0).default(5),
      joinBackoffBaseMs: z.number().int().min(1).default(1000),
      joinBackoffMaxMs: z.number().int().min(1).default(60_000),
      /** OpenID answers are cached this long (by a hash of the token); refusals for the shorter time. */
      openIdCacheMs: z.number().int().min(0).default(60_000),
      openIdNegativeCacheMs: z.number().int().min(0).default(10_000),
      /** Reverse proxies whose X-Forwarded-For is believed (their address is not the client's). */
      trustedProxies: z.array(z.string().min(1)).default([]),
    })
    .prefault({}),
  /**
   * Test-only: `plainTransports` lets joined peers create plain RTP transports (createPlainTransport),
   * so load generators can send and receive without browsers. Plain RTP is neither encrypted nor
   * authenticated at the transport level: never enable it on a deployed SFU.
   */
  loadTest: z.strictObject({ plainTransports: z.boolean().default(false) }).prefault({}),
  logLevel: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

export type SfuConfigInput = z.input<typeof sfuConfigSchema>;
export type SfuConfig = z.output<typeof sfuConfigSchema> & { workers: { count: number } };
export type HomeserverConfig = SfuConfig['homeservers'][number];
export type IceServerConfig = SfuConfig['iceServers'][number];

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Validates a configuration object and fills defaults; throws ConfigError listing every problem. */
export function parseSfuConfig(input: unknown): SfuConfig {
  const parsed = sfuConfigSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new ConfigError(`Invalid SFU configuration:\n${problems.join('\n')}`);
  }
  return { ...parsed.data, workers: { ...parsed.data.workers, count: parsed.data.workers.count ?? availableParallelism() } };
}

type Env = Record<string, string | undefined>;

/** The environment overrides the file for what differs between deployments of the same file. */
function applyEnv(raw: Record<string, unknown>, env: Env): Record<string, unknown> {
  const merged = structuredClone(raw);
  const section = (key: string): Record<string, unknown> => {
    const value = merged[key];
    if (typeof value === 'object' && value !== null) return value as Record<string, unknown>;
    const created: Record<string, unknown> = {};
    merged[key] = created;
    return created;
  };
  const number = (name: string) => {
    const value = Number(env[name]);
    if (!Number.isInteger(value)) throw new ConfigError(`${name} must be an integer, got "${env[name] ?? ''}"`);
    return value;
  };
  if (env.RELAIS_SFU_LISTEN_HOST) section('listen').host = env.RELAIS_SFU_LISTEN_HOST;
  if (env.RELAIS_SFU_LISTEN_PORT) section('listen').port = number('RELAIS_SFU_LISTEN_PORT');
  if (env.RELAIS_SFU_RTC_LISTEN_IP) section('rtc').listenIp = env.RELAIS_SFU_RTC_LISTEN_IP;
  if (env.RELAIS_SFU_ANNOUNCED_IP) section('rtc').announcedIp = env.RELAIS_SFU_ANNOUNCED_IP;
  if (env.RELAIS_SFU_RTC_MIN_PORT) section('rtc').minPort = number('RELAIS_SFU_RTC_MIN_PORT');
  if (env.RELAIS_SFU_RTC_MAX_PORT) section('rtc').maxPort = number('RELAIS_SFU_RTC_MAX_PORT');
  if (env.RELAIS_SFU_WORKERS) section('workers').count = number('RELAIS_SFU_WORKERS');
  if (env.MEDIASOUP_WORKER_BIN) section('workers').binary = env.MEDIASOUP_WORKER_BIN;
  return merged;
}

/** Reads the file (if any) and the environment, and validates the result. */
export function loadSfuConfig(options: { file?: string | undefined; env: Env; readFile?: (path: string) => string }): SfuConfig {
  const readFile = options.readFile ?? ((path: string) => readFileSync(path, 'utf8'));
  const file = options.file ?? options.env.RELAIS_SFU_CONFIG;
  let raw: unknown = {};
  if (file) {
    try {
      raw = JSON.parse(readFile(file)) as unknown;
    } catch (error) {
      throw new ConfigError(
        `Cannot read the SFU configuration ${file}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ConfigError(`${file} must hold a JSON object`);
  }
  return parseSfuConfig(applyEnv(raw as Record<string, unknown>, options.env));
}

type ReadFile = (path: string) => string;
const readUtf8: ReadFile = (p) => readFileSync(p, 'utf8');

/** A secret given inline or, to keep it out of the configuration, in a file of its own. */
function inlineOrFromFile(value: string | undefined, file: string | undefined, readFile: ReadFile): string | null {
  if (value) return value;
  if (file) return readFile(file).trim();
  return null;
}

/** The appservice hs_token, read from its file when configured so. */
export function appserviceHsToken(homeserver: HomeserverConfig, readFile: ReadFile = readUtf8): string {
  const { hsToken, hsTokenFile } = homeserver.membershipCheck;
  const token = inlineOrFromFile(hsToken, hsTokenFile, readFile);
  if (token === null) throw new ConfigError(`homeservers[${homeserver.serverName}].membershipCheck has no hs_token`);
  return token;
}

/** The WebRTC transports the RTC port range allows (each takes one port), unless configured lower. */
export function transportBudget(config: SfuConfig): number {
  const ports = config.rtc.maxPort - config.rtc.minPort + 1;
  return Math.min(config.limits.maxTransports ?? ports, ports);
}

/** The membership credential, read from its file when configured so (keeps the token out of the config). */
export function membershipToken(homeserver: HomeserverConfig, readFile: ReadFile = readUtf8): string {
  const { accessToken, accessTokenFile } = homeserver.membershipCheck;
  const token = inlineOrFromFile(accessToken, accessTokenFile, readFile);
  if (token === null) throw new ConfigError(`homeservers[${homeserver.serverName}].membershipCheck has no token`);
  return token;
}
