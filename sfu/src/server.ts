// The SFU service: HTTP(S) server with GET /health, the application-service API the homeserver
// pushes room events to (membership method `appservice`), WebSocket signaling on any other path,
// the worker pool and the calls. `startSfuServer` is what main.ts and the tests run.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { CALL_WS_SUBPROTOCOL } from '../../src/shared/call/index.ts';
import { startAppServiceListener } from './appservice/listener.ts';
import { createAppServiceRoutes, type AppServiceHandler } from './appservice/routes.ts';
import { CallRegistry } from './callRegistry.ts';
import { ClusterNode } from './cluster/clusterNode.ts';
import { appserviceHsToken, membershipToken, type SfuConfig } from './config.ts';
import { clientAddress, ServerGuard } from './guard.ts';
import { createLogger, type Logger } from './log.ts';
import { createMatrixAuthenticator } from './matrixAuth.ts';
import { MembershipService } from './membership/service.ts';
import { OpenIdCache } from './openIdCache.ts';
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
  /** Sockets not joined yet, WebRTC transports in use and the budget the RTC port range allows. */
  limits: { unauthenticated: number; transports: number; transportBudget: number };
  /** Multi-node: this node's id in the cluster. */
  node?: string;
}

export interface SfuServer {
  /** The port actually listened on (useful with port 0). */
  port: number;
  pool: WorkerPool;
  calls: CallRegistry;
  /** The membership view (method `appservice`), null when no homeserver uses it. */
  membership: MembershipService | null;
  /** The separate application-service listener's port, when configured. */
  appservicePort: number | null;
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
  const calls = new CallRegistry(pool, logger, { peersPerRouter: config.workers.peersPerRouter });
  registry = calls;
  const cluster = config.cluster
    ? await ClusterNode.start(
        { ...config.cluster, nodeId: config.cluster.nodeId ?? randomUUID() },
        calls,
        () => pool.slots.reduce((sum, slot) => sum + slot.load, 0),
        logger,
      ).catch((error: unknown) => {
        pool.close();
        throw error;
      })
    : null;
  const appserviceHomeservers = config.homeservers.filter((homeserver) => homeserver.membershipCheck.method === 'appservice');
  const membership =
    appserviceHomeservers.length === 0
      ? null
      : new MembershipService({
          serverNames: appserviceHomeservers.map((homeserver) => homeserver.serverName),
          stateDir: config.appservice.stateDir ?? null,
          proofWaitMs: config.appservice.membershipProofWaitMs,
          maxRooms: config.appservice.maxRooms,
          saveDebounceMs: config.appservice.saveDebounceMs,
          logger,
        });
  const appserviceRoutes: AppServiceHandler | null = membership
    ? createAppServiceRoutes({
        homeservers: appserviceHomeservers.map((homeserver) => ({
          serverName: homeserver.serverName,
          hsToken: appserviceHsToken(homeserver),
        })),
        onEvents: (serverName, events) => membership.applyEvents(serverName, events),
        maxBodyBytes: config.appservice.maxTransactionBytes,
      })
    : null;
  const authenticator = createMatrixAuthenticator({
    homeservers: config.homeservers,
    fetch: options.fetch ?? fetch,
    membershipToken: (homeserver) => membershipToken(homeserver),
    timeoutMs: config.limits.homeserverTimeoutMs,
    openIdCache: new OpenIdCache({
      ttlMs: config.limits.openIdCacheMs,
      negativeTtlMs: config.limits.openIdNegativeCacheMs,
      maxEntries: 50_000,
      now: Date.now,
    }),
    ...(membership ? { membership } : {}),
  });
  // A user who lost room membership: every peer of theirs in that room's call is taken out at once.
  membership?.onRemoved(({ roomId, userId, reason, by }) => {
    const call = calls.find(roomId);
    for (const peer of call?.peersOf(userId) ?? []) peer.onRemoved(reason, by);
  });
  const guard = new ServerGuard(config);
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
      limits: (({ unauthenticated, transports, transportBudget }) => ({ unauthenticated, transports, transportBudget }))(
        guard.stats(),
      ),
      ...(cluster ? { node: cluster.id } : {}),
    };
  }

  function onHttpRequest(request: IncomingMessage, response: ServerResponse): void {
    // With a separate AS listener, the signaling port does not serve the AS API at all.
    if (appserviceRoutes && !config.appservice.listen && appserviceRoutes(request, response)) return;
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
    // A bigger message closes the socket with 1009 before it is buffered whole.
    maxPayload: config.limits.maxMessageBytes,
    // Accept clients that offer our subprotocol, or none (tools, tests); refuse other protocols.
    handleProtocols: (protocols) => (protocols.has(CALL_WS_SUBPROTOCOL) ? CALL_WS_SUBPROTOCOL : false),
  });

  wss.on('connection', (socket, request) => {
    if (stopping) {
      socket.close(1001, 'Server stopping');
      return;
    }
    const address = clientAddress(request.socket.remoteAddress, request.headers['x-forwarded-for'], config.limits.trustedProxies);
    const slots = guard.admitSocket(address);
    if ('code' in slots) {
      logger.debug(`socket from ${address} refused: ${slots.reason}`);
      socket.close(slots.code, slots.reason);
      return;
    }
    sockets.add(socket);
    let alive = true;
    const frames = guard.socketFrames();
    const session = new Session({
      config,
      registry: calls,
      routerRtpCapabilities: () => pool.rtpCapabilities,
      authenticator,
      guard,
      address,
      logger,
      send: (text) => {
        if (socket.readyState === socket.OPEN) socket.send(text);
      },
      closeSocket: (code, reason) => socket.close(code, reason),
      isShuttingDown: () => stopping,
      markRemoved: (roomId, userId) => membership?.markRemovedFromCall(roomId, userId),
      onJoined: slots.releaseUnauthenticated,
    });
    socket.on('pong', () => (alive = true));
    const heartbeat = setInterval(() => {
      if (!alive) socket.terminate();
      alive = false;
      socket.ping();
    }, HEARTBEAT_MS);
    let abusive = false;
    socket.on('message', (data, isBinary) => {
      if (abusive) return;
      if (isBinary) {
        socket.close(1003, 'Text frames only');
        return;
      }
      // Beyond its rate a socket is closed (its calls go on without it); its address is limited too.
      if (frames.take() > 0 || !guard.frameFromAddress(address)) {
        abusive = true;
        logger.warn(`closing a socket from ${address}: too many messages`);
        socket.close(4008, 'Too many messages');
        return;
      }
      void session.handleMessage(
        Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(data as Buffer[]).toString('utf8'),
      );
    });
    socket.on('close', () => {
      clearInterval(heartbeat);
      sockets.delete(socket);
      slots.release();
      slots.releaseUnauthenticated();
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
  const appserviceListener =
    appserviceRoutes && config.appservice.listen
      ? await startAppServiceListener(config.appservice.listen, appserviceRoutes)
      : null;
  if (appserviceListener)
    logger.info(`application service API on ${config.appservice.listen?.host ?? ''}:${appserviceListener.port}`);

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
    // After the calls ended, so the other nodes hear of it; before the workers go.
    await cluster?.close();
    pool.close();
    membership?.flush();
    await appserviceListener?.close();
    http.closeAllConnections();
    await new Promise<void>((resolve) => http.close(() => resolve()));
    logger.info('stopped');
  }

  return {
    port,
    pool,
    calls,
    membership,
    appservicePort: appserviceListener?.port ?? null,
    health,
    close: () => (closing ??= close()),
  };
}
