// The SFU's configuration: a JSON file (path in RELAIS_SFU_CONFIG or `--config`), with a few
// deployment keys overridable from the environment. Validated strictly: a typo in a key is an error
// at start-up, not a silently ignored setting.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { z } from 'zod';

const url = z.url({ protocol: /^https?$/ }).transform((value) => value.replace(/\/+$/, ''));

const membershipCheckSchema = z
  .strictObject({
    method: z.enum(['synapse-admin', 'room-state']).default('synapse-admin'),
    accessToken: z.string().min(1).optional(),
    accessTokenFile: z.string().min(1).optional(),
  })
  .refine(
    (value) => Boolean(value.accessToken) !== Boolean(value.accessTokenFile),
    'give exactly one of accessToken or accessTokenFile',
  );

const homeserverSchema = z.strictObject({
  /** The Matrix server name, as in user ids (@alice:<serverName>) and in OpenID tokens. */
  serverName: z.string().min(1),
  /** Where its federation API answers (`/_matrix/federation/v1/openid/userinfo`). */
  baseUrl: url,
  /** Where its client-server and admin APIs answer, when not at baseUrl. */
  clientApiUrl: url.optional(),
  /**
   * How room membership is confirmed (OpenID only proves who the user is):
   * - `synapse-admin`: a Synapse admin's token, `GET /_synapse/admin/v1/rooms/{roomId}/members`.
   *   Works for every room the homeserver is in, with no bot in the rooms. Recommended (Element's
   *   matrix-user-verification-service checks membership the same way).
   * - `room-state`: an ordinary service account's token, `GET /_matrix/client/v3/rooms/{roomId}/state/m.room.member/{userId}`.
   *   Works on any homeserver, but the account must be joined to every room that calls.
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
    })
    .prefault({}),
  /** Only users of these homeservers may join. */
  homeservers: z.array(homeserverSchema).min(1),
  /** ICE servers handed to clients: only these (no public STUN), typically your own TURN. */
  iceServers: z.array(iceServerConfigSchema).default([]),
  limits: z
    .strictObject({
      maxPeersPerCall: z.number().int().min(2).default(100),
      /** A connection must join within this time, so unauthenticated sockets cannot linger. */
      joinTimeoutMs: z.number().int().min(1000).default(30_000),
      /** Homeserver requests (OpenID check, membership) give up after this. */
      homeserverTimeoutMs: z.number().int().min(500).default(10_000),
    })
    .prefault({}),
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

/** The membership credential, read from its file when configured so (keeps the token out of the config). */
export function membershipToken(
  homeserver: HomeserverConfig,
  readFile: (path: string) => string = (p) => readFileSync(p, 'utf8'),
): string {
  const { accessToken, accessTokenFile } = homeserver.membershipCheck;
  if (accessToken) return accessToken;
  if (accessTokenFile) return readFile(accessTokenFile).trim();
  throw new ConfigError(`homeservers[${homeserver.serverName}].membershipCheck has no token`);
}
