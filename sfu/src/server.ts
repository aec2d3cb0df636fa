// The SFU service: HTTP(S) server with GET /health, WebSocket signaling on any other path, the
// worker pool and the calls. `startSfuServer` is what main.ts and the tests run.
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { CALL_MAX_MESSAGE_BYTES, CALL_WS_SUBPROTOCOL } from '../../src/shared/call/index.ts';
import { CallRegistry } from './callRegistry.ts';
import { membershipToken, type SfuConfig } from './config.ts';
import { createLogger, type Logger } from './log.ts';
import { createMatrixAuthenticator } from './matrixAuth.ts';
import { Session } from './session.ts';
import { createWorkerPool, type WorkerPool } from './workerPool.ts';

export interface SfuServerOptions {
  logger?: Logger;
  /** Stands in for the network in tests; the real fetch otherwise. */
  fetch?: typeof fetch;
}

export interface HealthReport {
  status: 'ok' | 'degraded' | 'stopping';
  /** `peers[i]`: peers on worker i's calls (the load new calls are spread by). */
  workers: { configured: number; alive: number; peers: number[] };
  calls: number;
  peers: number;
  connections: number;
}

export interface SfuServer {
  /** The port actually listened on (useful with port 0). */
  port: number;
  pool: WorkerPool;
  calls: CallRegistry;
  health(): HealthReport;
  /** Tells every peer, closes every socket and worker, stops listening. Safe to call twice. */
  close(): Promise<void>;
}

/** How often sockets are pinged: a client that vanished without closing is dropped within two periods. */
const HEARTBEAT_MS = 15_000;

export async function startSfuServer(config: SfuConfig, options: SfuServerOptions = {}): Promise<SfuServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  let registry: CallRegistry | null = null;
  const pool = await createWorkerPool({
    count: config.workers.count,
    binary: config.workers.binary,
    logLevel: config.workers.logLevel,
    rtcMinPort: config.rtc.minPort,
    rtcMaxPort: config.rtc.maxPort,
    logger,
    onWorkerDied: (slot) => registry?.workerDied(slot),
  });
  const calls = new CallRegistry(pool, logger);
  registry = calls;
  const authenticate = createMatrixAuthenticator({
    homeservers: config.homeservers,
    fetch: options.fetch ?? fetch,
    membershipToken: (homeserver) => membershipToken(homeserver),
    timeoutMs: config.limits.homeserverTimeoutMs,
  });
  let stopping = false;
  const sockets = new Set<WebSocket>();

  function health(): HealthReport {
    const alive = pool.slots.filter((slot) => slot.worker !== null).length;
    const status = stopping ? 'stopping' : alive === 0 ? 'degraded' : 'ok';
    return {
      status,
      workers: { configured: pool.slots.length, alive, peers: pool.slots.map((slot) => slot.load) },
      ...calls.stats(),
      connections: sockets.size,
    };
  }

  function onHttpRequest(request: IncomingMessage, response: ServerResponse): void {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method === 'GET' && path === '/health') {
      const report = health();
      response.writeHead(report.status === 'ok' ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      response.end(JSON.stringify(report));
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain' }).end('Relais SFU: connect with a WebSocket\n');
  }

  const http = config.tls
    ? createHttpsServer({ cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) }, onHttpRequest)
    : createHttpServer(onHttpRequest);

  const wss = new WebSocketServer({
    server: http,
    maxPayload: CALL_MAX_MESSAGE_BYTES,
    // Accept clients that offer our subprotocol, or none (tools, tests); refuse other protocols.
    handleProtocols: (protocols) => (protocols.has(CALL_WS_SUBPROTOCOL) ? CALL_WS_SUBPROTOCOL : false),
  });

  wss.on('connection', (socket) => {
    if (stopping) {
      socket.close(1001, 'Server stopping');
      return;
    }
    sockets.add(socket);
    let alive = true;
    const session = new Session({
      config,
      registry: calls,
      routerRtpCapabilities: () => pool.rtpCapabilities,
      authenticate,
      logger,
      send: (text) => {
        if (socket.readyState === socket.OPEN) socket.send(text);
      },
      closeSocket: (code, reason) => socket.close(code, reason),
      isShuttingDown: () => stopping,
    });
    socket.on('pong', () => (alive = true));
    const heartbeat = setInterval(() => {
      if (!alive) socket.terminate();
      alive = false;
      socket.ping();
    }, HEARTBEAT_MS);
    socket.on('message', (data, isBinary) => {
      if (isBinary) {
        socket.close(1003, 'Text frames only');
        return;
      }
      void session.handleMessage(
        Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(data as Buffer[]).toString('utf8'),
      );
    });
    socket.on('close', () => {
      clearInterval(heartbeat);
      sockets.delete(socket);
      session.socketClosed();
    });
    socket.on('error', (error) => logger.warn(`socket error: ${error.message}`));
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.listen.port, config.listen.host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const port = (http.address() as AddressInfo).port;
  logger.info(`listening on ${config.listen.host}:${port} with ${pool.slots.length} worker(s)`);

  let closing: Promise<void> | null = null;
  async function close(): Promise<void> {
    stopping = true;
    // Peers first hear callRestarting (server-shutdown), then their sockets close with 1001 "going away".
    calls.evictAll('server-shutdown');
    for (const socket of sockets) socket.close(1001, 'Server stopping');
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => {
        for (const socket of sockets) socket.terminate();
      }, 2000);
      wss.close(() => {
        clearTimeout(force);
        resolve();
      });
    });
    pool.close();
    http.closeAllConnections();
    await new Promise<void>((resolve) => http.close(() => resolve()));
    logger.info('stopped');
  }

  return {
    port,
    pool,
    calls,
    health,
    close: () => (closing ??= close()),
  };
}
