// Starts a real Synapse (Debian sid package, inside the provisioned chroot) on loopback for tests,
// with rate limits raised and shared-secret registration, and removes all of its state on stop.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { cpSync, createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { findChroot } from './chroot.ts';

export interface SynapseOptions {
  port: number;
  serverName?: string;
  /** Extra top-level config keys (merged over the defaults). */
  extraConfig?: Record<string, unknown>;
  /** Application-service registrations (e.g. the SFU's, test/env/appservice.ts), written beside the config. */
  appServices?: Record<string, unknown>[];
  /**
   * A directory holding a previous server's `homeserver.db` and `signing.key` (see `saveData`): the
   * server starts on that data instead of an empty database, so a costly seed is made once.
   */
  dataFrom?: string;
}

export interface RegisteredUser {
  userId: string;
  username: string;
  password: string;
  accessToken: string;
}

export interface SynapseHandle {
  baseUrl: string;
  serverName: string;
  dataDir: string;
  pid: number;
  registerUser(username: string, password: string, admin?: boolean): Promise<RegisteredUser>;
  /** Stops the server and starts it again on the same data, as an outage would. */
  restart(options?: { downForMs?: number; onDown?: () => Promise<void> }): Promise<void>;
  /** Stops the server but keeps its data, for a later `start()`. */
  halt(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Copies the database and signing key to `dir` (the server halts meanwhile), for a later `dataFrom`. */
  saveData(dir: string): Promise<void>;
}

/** What a server's data is, for `dataFrom`/`saveData`: the SQLite database (with its journal) and the key. */
const DATA_FILES = ['homeserver.db', 'homeserver.db-wal', 'homeserver.db-shm', 'signing.key'];

function copyDataFiles(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const name of DATA_FILES) {
    if (existsSync(path.join(from, name))) cpSync(path.join(from, name), path.join(to, name));
  }
}

const GENEROUS = { per_second: 1000, burst_count: 1000 };

function synapseConfig(dirInChroot: string, opts: Required<Pick<SynapseOptions, 'port' | 'serverName'>>, secret: string) {
  return {
    server_name: opts.serverName,
    public_baseurl: `http://127.0.0.1:${opts.port}/`,
    pid_file: `${dirInChroot}/homeserver.pid`,
    listeners: [
      {
        port: opts.port,
        bind_addresses: ['127.0.0.1'],
        type: 'http',
        tls: false,
        x_forwarded: false,
        resources: [{ names: ['client', 'federation'], compress: false }],
      },
    ],
    database: { name: 'sqlite3', args: { database: `${dirInChroot}/homeserver.db` } },
    media_store_path: `${dirInChroot}/media`,
    signing_key_path: `${dirInChroot}/signing.key`,
    registration_shared_secret: secret,
    macaroon_secret_key: randomBytes(24).toString('hex'),
    form_secret: randomBytes(24).toString('hex'),
    report_stats: false,
    enable_registration: false,
    // Sovereign test server: never ask matrix.org (or anyone) for keys.
    trusted_key_servers: [],
    suppress_key_server_warning: true,
    url_preview_enabled: false,
    // An organisation's own homeserver: colleagues find each other by name, even before sharing a room.
    user_directory: { enabled: true, search_all_users: true, prefer_local_users: true },
    // Members may list their rooms in the public directory ("Explore rooms"); Synapse refuses it to
    // everyone but server admins unless told otherwise.
    room_list_publication_rules: [{ action: 'allow' }],
    max_upload_size: '50M',
    rc_message: GENEROUS,
    rc_registration: GENEROUS,
    rc_login: { address: GENEROUS, account: GENEROUS, failed_attempts: GENEROUS },
    rc_joins: { local: GENEROUS, remote: GENEROUS },
    rc_joins_per_room: GENEROUS,
    rc_invites: { per_room: GENEROUS, per_user: GENEROUS, per_issuer: GENEROUS },
    rc_room_creation: GENEROUS,
    rc_3pid_validation: GENEROUS,
    rc_admin_redaction: GENEROUS,
    rc_media_create: GENEROUS,
    rc_key_requests: GENEROUS,
    rc_delayed_event_mgmt: GENEROUS,
    rc_presence: { per_user: GENEROUS },
    // Sticky events (MSC4354): the newer MatrixRTC membership form matrix-js-sdk can write.
    experimental_features: { msc4354_enabled: true },
  };
}

async function waitForHealth(baseUrl: string, child: ChildProcess, logFile: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`Synapse exited with ${child.exitCode}; see ${logFile}:\n${tail(logFile)}`);
    }
    try {
      const res = await fetch(`${baseUrl}/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`Synapse did not become healthy within ${timeoutMs} ms; see ${logFile}:\n${tail(logFile)}`);
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-25).join('\n');
  } catch {
    return '(no log)';
  }
}

export async function startSynapse(options: SynapseOptions): Promise<SynapseHandle> {
  const chroot = findChroot();
  const serverName = options.serverName ?? 'localhost';
  const dirInChroot = `/var/lib/relais-test/synapse-${options.port}-${process.pid}`;
  const dataDir = path.join(chroot, dirInChroot);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(path.join(dataDir, 'media'), { recursive: true });
  if (options.dataFrom) copyDataFiles(options.dataFrom, dataDir);

  const secret = randomBytes(24).toString('hex');
  const appServiceFiles = (options.appServices ?? []).map((registration, index) => {
    writeFileSync(path.join(dataDir, `appservice-${index}.yaml`), JSON.stringify(registration, null, 2), { mode: 0o600 });
    return `${dirInChroot}/appservice-${index}.yaml`;
  });
  const config = {
    ...synapseConfig(dirInChroot, { port: options.port, serverName }, secret),
    ...(appServiceFiles.length > 0 ? { app_service_config_files: appServiceFiles } : {}),
    ...options.extraConfig,
  };
  // YAML is a superset of JSON, so the config needs no YAML library.
  writeFileSync(path.join(dataDir, 'homeserver.yaml'), JSON.stringify(config, null, 2));

  const configPath = `${dirInChroot}/homeserver.yaml`;
  await run('chroot', [chroot, 'python3', '-m', 'synapse.app.homeserver', '-c', configPath, '--generate-keys']);

  const logFile = path.join(dataDir, 'synapse.log');
  const log = createWriteStream(logFile);
  const baseUrl = `http://127.0.0.1:${options.port}`;
  let child: ChildProcess;
  const spawnServer = async () => {
    child = spawn('chroot', [chroot, 'python3', '-m', 'synapse.app.homeserver', '-c', configPath], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C.UTF-8', SYNAPSE_CACHE_FACTOR: '0.5' },
    });
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
    await waitForHealth(baseUrl, child, logFile, 60_000);
  };
  const halt = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  await spawnServer();

  return {
    baseUrl,
    serverName,
    dataDir,
    get pid() {
      return child.pid ?? -1;
    },
    registerUser: (username, password, admin = false) => registerUser(baseUrl, secret, username, password, admin),
    halt,
    start: spawnServer,
    async restart(restartOptions = {}) {
      await halt();
      await restartOptions.onDown?.();
      if (restartOptions.downForMs) await new Promise((r) => setTimeout(r, restartOptions.downForMs));
      await spawnServer();
    },
    async saveData(dir) {
      await halt();
      rmSync(dir, { recursive: true, force: true });
      copyDataFiles(dataDir, dir);
      await spawnServer();
    },
    async stop() {
      await halt();
      log.end();
      if (!process.env.RELAIS_KEEP_SYNAPSE_DATA) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function registerUser(
  baseUrl: string,
  secret: string,
  username: string,
  password: string,
  admin: boolean,
): Promise<RegisteredUser> {
  const url = `${baseUrl}/_synapse/admin/v1/register`;
  const nonceRes = await fetch(url);
  const { nonce } = (await nonceRes.json()) as { nonce: string };
  const mac = createHmac('sha1', secret)
    .update([nonce, username, password, admin ? 'admin' : 'notadmin'].join('\0'))
    .digest('hex');
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ nonce, username, password, admin, mac }),
  });
  const body = (await res.json()) as { user_id?: string; access_token?: string; error?: string };
  if (!res.ok || !body.user_id || !body.access_token) {
    throw new Error(`registering ${username} failed: ${res.status} ${body.error ?? ''}`);
  }
  return { userId: body.user_id, username, password, accessToken: body.access_token };
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} failed (${code}): ${err}`))));
    child.on('error', reject);
  });
}
