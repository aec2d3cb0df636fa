// bench:call's load mode (BENCH_LOAD=50,150): calls of that many browserless participants through
// the Relais SFU and, as the baseline, on a bare mediasoup router, on loopback. Prints one JSON line
// on stdout and a table on stderr. See README ("Calls: load figures") for the parameters.
import { cpus, loadavg } from 'node:os';
import { freePort } from '../../../test/env/freePort.ts';
import { startRedis } from '../../../test/env/redis.ts';
import { startSfu, TEST_WORKER_BIN, type SfuHandle } from '../../../test/env/sfu.ts';
import { startSynapse } from '../../../test/env/synapse.ts';
import type { OpenIdToken } from '../../../src/shared/call/index.ts';
import { directBackend } from './directBackend.ts';
import { MAX_PER_CORE_FORMULA, type LoadShape } from './figures.ts';
import { runLoadCall, type LoadRunResult } from './loadCall.ts';
import { Meter, startSink } from './meter.ts';
import { sfuBackend, type SfuLoadUser } from './sfuBackend.ts';
import { loadTable } from './table.ts';

const log = (message: string) => process.stderr.write(`[bench:call load] ${message}\n`);

function count(name: string, fallback: number, participants = Infinity): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return Math.min(fallback, participants);
  if (raw === 'all') return participants;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number or "all", got ${raw}`);
  return Math.min(value, participants);
}

export function shapeFor(participants: number): LoadShape {
  return {
    participants,
    videoSenders: count('BENCH_VIDEO_SENDERS', participants, participants),
    audioSenders: count('BENCH_AUDIO_SENDERS', participants, participants),
    lastN: count('BENCH_LAST_N', 9),
    audioK: count('BENCH_AUDIO_K', 3),
    videoKbps: count('BENCH_VIDEO_KBPS', 300),
    fps: 20,
  };
}

async function api<T>(base: string, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}/_matrix/client/v3${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 2000));

/** The bench SFU: plain transports on, and limits sized for hundreds of participants from one address. */
const LOAD_SFU_CONFIG = {
  loadTest: { plainTransports: true },
  // All of them: test/env/sfu.ts's loopback-friendly limits are replaced, not merged, by these.
  limits: {
    joinTimeoutMs: 60_000,
    joinsPerSecondPerAddress: 1000,
    joinBurstPerAddress: 1000,
    joinsPerSecondPerUser: 1000,
    joinBurstPerUser: 1000,
    joinFailuresBeforeBackoff: 1000,
    maxSocketsPerAddress: 2000,
    maxUnauthenticatedSocketsPerAddress: 1000,
    maxPeersPerCall: 1000,
    maxPeersPerUser: 1000,
    joinsPerSecond: 1000,
    joinBurst: 1000,
    framesPerSecondPerSocket: 2000,
    frameBurstPerSocket: 5000,
    framesPerSecondPerAddress: 100_000,
    frameBurstPerAddress: 100_000,
  },
};

export async function runLoadMode(sizes: number[]): Promise<void> {
  const options = {
    metered: count('BENCH_METERED', 10),
    warmupMs: count('BENCH_WARMUP_MS', 3000),
    measureMs: count('BENCH_MEASURE_MS', 8000),
    srtp: process.env.BENCH_SRTP !== '0',
    concurrency: 8,
  };
  const loadBefore = loadavg();
  const synapse = await startSynapse({ port: Number(process.env.RELAIS_TEST_SYNAPSE_PORT) || (await freePort()) });
  const cleanups: (() => unknown)[] = [() => synapse.stop()];
  try {
    // A few users with many devices each: the SFU authenticates every join with the homeserver as usual.
    const userCount = count('BENCH_USERS', 8);
    const users = await Promise.all(
      Array.from({ length: userCount }, (_, i) => synapse.registerUser(`load-${i}`, `load-${i}-password-1`)),
    );
    const admin = await synapse.registerUser('load-admin', 'load-admin-password-1', true);
    const [host, ...guests] = users;
    if (!host) throw new Error('no users');
    const { room_id: roomId } = await api<{ room_id: string }>(synapse.baseUrl, host.accessToken, 'POST', '/createRoom', {
      name: 'Load call',
      preset: 'private_chat',
      invite: guests.map((u) => u.userId),
    });
    for (const u of guests) await api(synapse.baseUrl, u.accessToken, 'POST', `/join/${encodeURIComponent(roomId)}`, {});
    const loadUsers: SfuLoadUser[] = await Promise.all(
      users.map(async (u) => ({
        userId: u.userId,
        openIdToken: await api<OpenIdToken>(
          synapse.baseUrl,
          u.accessToken,
          'POST',
          `/user/${encodeURIComponent(u.userId)}/openid/request_token`,
          {},
        ),
      })),
    );

    // BENCH_WORKERS > 1 spreads one call over the host's workers (workers.peersPerRouter per router).
    const workers = count('BENCH_WORKERS', 1);
    const homeservers = [{ serverName: synapse.serverName, baseUrl: synapse.baseUrl, membershipToken: admin.accessToken }];
    const startLoadSfu = (cluster?: { redis: string }) =>
      startSfu({ workers, homeservers, extraConfig: { ...LOAD_SFU_CONFIG, ...(cluster ? { cluster } : {}) } });
    const sfu: SfuHandle = await startLoadSfu();
    let sfuStopped = false;
    cleanups.push(() => !sfuStopped && sfu.stop());
    const sink = await startSink();
    cleanups.push(() => sink.close());
    const meter = new Meter();
    await meter.bind();
    cleanups.push(() => meter.close());
    const io = { meter, sinkPort: sink.port };

    const viaSfu = sfuBackend({ label: 'Relais SFU', nodes: [{ wsUrl: sfu.wsUrl, pid: sfu.pid }], roomId, users: loadUsers });
    const direct = await directBackend(TEST_WORKER_BIN);
    cleanups.push(() => direct.close());
    const runs: { sfu: LoadRunResult; direct: LoadRunResult; workerCpuRatio: number | null }[] = [];
    for (const participants of sizes) {
      const shape = shapeFor(participants);
      log(`${participants} participants through the SFU: ${JSON.stringify(shape)}`);
      const sfuRun = await runLoadCall(viaSfu, { ...options, shape }, io);
      log(JSON.stringify(sfuRun));
      // Let the SFU take the last call's peers out before the baseline shares the cores.
      await settle();
      log(`${participants} participants on a bare mediasoup router`);
      const directRun = await runLoadCall(direct, { ...options, shape }, io);
      log(JSON.stringify(directRun));
      const ratio = directRun.workerCpuPct > 0 ? Math.round((sfuRun.workerCpuPct / directRun.workerCpuPct) * 100) / 100 : null;
      runs.push({ sfu: sfuRun, direct: directRun, workerCpuRatio: ratio });
    }

    // Two hosts: two SFU processes on loopback sharing a redis-server of their own; participants
    // alternate between them as a balancer would spread them; media crosses through pipe transports.
    let twoHost: LoadRunResult[] | null = null;
    if (process.env.BENCH_TWO_HOST === '1') {
      await sfu.stop();
      sfuStopped = true;
      const redis = await startRedis();
      cleanups.push(() => redis.stop());
      const nodes = [await startLoadSfu({ redis: redis.url }), await startLoadSfu({ redis: redis.url })];
      for (const node of nodes) cleanups.push(() => node.stop());
      const cluster = sfuBackend({
        label: 'two SFU nodes',
        nodes: nodes.map((node) => ({ wsUrl: node.wsUrl, pid: node.pid })),
        roomId,
        users: loadUsers,
      });
      twoHost = [];
      for (const participants of sizes) {
        await settle();
        log(`${participants} participants over two SFU nodes`);
        const run = await runLoadCall(cluster, { ...options, shape: shapeFor(participants) }, io);
        log(JSON.stringify(run));
        twoHost.push(run);
      }
    }
    const result = {
      bench: 'call-load',
      cores: cpus().length,
      loadavgBefore: loadBefore.map((v) => Math.round(v * 100) / 100),
      loadavgAfter: loadavg().map((v) => Math.round(v * 100) / 100),
      shapes: sizes.map(shapeFor),
      sfuWorkers: workers,
      ...options,
      sinkProcess: 'python3 (never reads; kernel drops)',
      maxParticipantsPerCoreFormula: MAX_PER_CORE_FORMULA,
      oneHost: runs,
      twoHost,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.stderr.write(`${loadTable(runs, twoHost)}\n`);
  } finally {
    for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
  }
}
