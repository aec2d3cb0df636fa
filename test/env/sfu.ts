// Starts the Relais SFU for tests and the demo: the real service (real mediasoup worker from the
// test chroot, real Matrix auth against the homeservers given), on loopback, on a port of its own.
// `mode: 'child'` (default) runs `sfu/src/main.ts` as its own process, as deployed; `'in-process'`
// is faster to start and exposes the server object (worker pids, health) to the test.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSfuConfig, type SfuConfigInput } from '../../sfu/src/config.ts';
import { createLogger, silentLogger } from '../../sfu/src/log.ts';
import type { HealthReport, SfuServer } from '../../sfu/src/server.ts';
import { findChroot } from './chroot.ts';
import type { SfuAppService } from './appservice.ts';
import type { SynapseHandle } from './synapse.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const TEST_WORKER_BIN = path.join(REPO, 'test/env/mediasoup-worker.sh');

export interface SfuTestHomeserver {
  serverName: string;
  /** Federation and client API base URL, e.g. a test Synapse's http://127.0.0.1:18108. */
  baseUrl: string;
  /** `appservice` (with hsToken): the registration's hs_token (test/env/appservice.ts). */
  hsToken?: string;
  /** Legacy methods: a Synapse admin's token (`synapse-admin`) or a service account's in the rooms (`room-state`). */
  membershipToken?: string;
  /** Default: `appservice` when hsToken is given, else `synapse-admin`. */
  membershipMethod?: 'appservice' | 'synapse-admin' | 'room-state';
}

export interface StartSfuOptions {
  homeservers: SfuTestHomeserver[];
  mode?: 'child' | 'in-process';
  /** 0 (default): the OS picks a free port, read back once listening (no race with other runs). */
  port?: number;
  /** Default 1: tests and the demo need no more, and the machine has few cores. */
  workers?: number;
  iceServers?: SfuConfigInput['iceServers'];
  rtcMinPort?: number;
  rtcMaxPort?: number;
  /** Print the SFU's log (else only kept for error messages). Also on with RELAIS_SFU_LOG=1. */
  verbose?: boolean;
  /** Any other configuration keys, merged over the test defaults. */
  extraConfig?: Partial<SfuConfigInput>;
  /** Keep the SFU's default limits (abuse tests) instead of the loopback-friendly test ones. */
  defaultLimits?: boolean;
  /** In-process mode: the SFU's fetch (e.g. to count the requests it makes to the homeserver). */
  fetch?: typeof fetch;
}

export interface SfuHandle {
  /** http://127.0.0.1:PORT — GET /health is there. */
  url: string;
  /** ws://127.0.0.1:PORT/ws — the signaling endpoint to give clients. */
  wsUrl: string;
  port: number;
  /** The SFU's process id (this process in in-process mode). */
  pid: number;
  /** In-process mode only: the server itself. */
  server: SfuServer | null;
  health(): Promise<HealthReport>;
  stop(): Promise<void>;
}

export function sfuTestConfig(options: StartSfuOptions): SfuConfigInput {
  const base: SfuConfigInput = {
    listen: { host: '127.0.0.1', port: options.port ?? 0 },
    rtc: { listenIp: '127.0.0.1', minPort: options.rtcMinPort ?? 40000, maxPort: options.rtcMaxPort ?? 49999, enableTcp: true },
    workers: { count: options.workers ?? 1, binary: TEST_WORKER_BIN, logLevel: 'warn' },
    homeservers: options.homeservers.map((homeserver) => ({
      serverName: homeserver.serverName,
      baseUrl: homeserver.baseUrl,
      membershipCheck:
        (homeserver.membershipMethod ?? (homeserver.hsToken ? 'appservice' : 'synapse-admin')) === 'appservice'
          ? { method: 'appservice' as const, hsToken: homeserver.hsToken ?? '' }
          : { method: homeserver.membershipMethod ?? 'synapse-admin', accessToken: homeserver.membershipToken ?? '' },
    })),
    iceServers: options.iceServers ?? [],
    // Every test client comes from 127.0.0.1: per-address limits sized for one address holding many
    // users (abuse tests set their own, tighter ones).
    limits: options.defaultLimits
      ? {}
      : {
          joinTimeoutMs: 30_000,
          homeserverTimeoutMs: 5000,
          joinsPerSecondPerAddress: 100,
          joinBurstPerAddress: 1000,
          joinsPerSecondPerUser: 20,
          joinBurstPerUser: 200,
          joinFailuresBeforeBackoff: 1000,
          maxSocketsPerAddress: 1000,
          maxUnauthenticatedSocketsPerAddress: 200,
          framesPerSecondPerAddress: 5000,
          frameBurstPerAddress: 20_000,
        },
    logLevel: options.verbose || process.env.RELAIS_SFU_LOG ? 'debug' : 'info',
    ...options.extraConfig,
  };
  // Sections given by a test override single keys, not the whole section.
  return {
    ...base,
    limits: { ...base.limits, ...options.extraConfig?.limits },
    appservice: { ...base.appservice, ...options.extraConfig?.appservice },
  };
}

export async function startSfu(options: StartSfuOptions): Promise<SfuHandle> {
  findChroot(); // a clear "run npm run setup" error instead of a worker failing to spawn
  const config = sfuTestConfig(options);
  return options.mode === 'in-process' ? startInProcess(config, options) : startChild(config, options);
}

/**
 * The usual case (E2E global setup, the demo): an SFU serving the users of one test Synapse, which
 * was started with this SFU's application-service registration (`prepareSfuAppService`, passed to
 * `startSynapse({ appServices })`): it listens on the port the registration names.
 */
export function startSfuForSynapse(
  synapse: SynapseHandle,
  appService: SfuAppService,
  options: Omit<StartSfuOptions, 'homeservers' | 'port'> = {},
): Promise<SfuHandle> {
  return startSfu({
    ...options,
    port: appService.port,
    homeservers: [{ serverName: synapse.serverName, baseUrl: synapse.baseUrl, hsToken: appService.hsToken }],
  });
}

/** The legacy way (join-time check only): a Synapse admin registered for the membership check. */
export async function startSfuWithSynapseAdmin(
  synapse: SynapseHandle,
  options: Omit<StartSfuOptions, 'homeservers'> = {},
): Promise<SfuHandle> {
  const suffix = Math.random().toString(36).slice(2, 8);
  const admin = await synapse.registerUser(`sfu-membership-${suffix}`, `sfu-membership-${suffix}-${process.pid}`, true);
  return startSfu({
    ...options,
    homeservers: [{ serverName: synapse.serverName, baseUrl: synapse.baseUrl, membershipToken: admin.accessToken }],
  });
}

async function startInProcess(input: SfuConfigInput, options: StartSfuOptions): Promise<SfuHandle> {
  const { startSfuServer } = await import('../../sfu/src/server.ts');
  const config = parseSfuConfig(input);
  const logger = options.verbose || process.env.RELAIS_SFU_LOG ? createLogger('debug') : silentLogger;
  const server = await startSfuServer(config, options.fetch ? { logger, fetch: options.fetch } : { logger });
  return handle(server.port, process.pid, server, () => server.close());
}

function handle(port: number, pid: number, server: SfuServer | null, stop: () => Promise<void>): SfuHandle {
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    port,
    pid,
    server,
    async health() {
      const response = await fetch(`${url}/health`);
      return (await response.json()) as HealthReport;
    },
    stop,
  };
}

/** Node 22 runs the .ts entry point by type stripping: prefer the repo's own Node 22. */
function nodeBinary(): string {
  const local = path.join(REPO, 'node_modules/.bin/node');
  return existsSync(local) ? local : process.execPath;
}

async function startChild(config: SfuConfigInput, options: StartSfuOptions): Promise<SfuHandle> {
  const dir = mkdtempSync(path.join(tmpdir(), 'relais-sfu-'));
  const configFile = path.join(dir, 'sfu.json');
  // Holds the membership tokens: readable by this user only, deleted on stop.
  writeFileSync(configFile, JSON.stringify(config, null, 2), { mode: 0o600 });
  const child = spawn(nodeBinary(), [path.join(REPO, 'sfu/src/main.ts'), '--config', configFile], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
    // The SFU stops by itself if this process dies without stopping it (main.ts watches this pid).
    env: { ...process.env, RELAIS_SFU_CONFIG: '', RELAIS_SFU_PARENT_PID: String(process.pid) },
  });
  const verbose = Boolean(options.verbose || process.env.RELAIS_SFU_LOG);
  let log = '';
  child.stderr.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
    if (verbose) process.stderr.write(chunk);
  });
  let port: number;
  try {
    port = await waitForReady(child, () => log, 30_000);
  } catch (error) {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 8000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    })());
  return handle(port, child.pid ?? -1, null, stop);
}

function waitForReady(child: ChildProcess, log: () => string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`The SFU did not start within ${timeoutMs} ms:\n${log()}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /relais-sfu ready on port (\d+)/.exec(out);
      if (match) {
        cleanup();
        child.stdout?.resume(); // keep draining, so the child never blocks on a full pipe
        resolve(Number(match[1]));
      }
    };
    const onExit = (code: number | null) => fail(new Error(`The SFU exited (${code}) before it was ready:\n${log()}`));
    function cleanup() {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
    }
    function fail(error: Error) {
      cleanup();
      reject(error);
    }
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}
