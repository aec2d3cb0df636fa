// A minimal call client for the SFU tests: the shared protocol's correlator over a `ws` socket,
// recording every notification. (Node has no WebRTC: media-level tests run in Chromium.)
import WebSocket from 'ws';
import {
  CALL_WS_SUBPROTOCOL,
  CallError,
  createCallRequester,
  parseServerMessage,
  type CallNotification,
  type CallNotificationMethod,
  type CallRequester,
} from '../../../src/shared/call/index.ts';

export interface TestCallClient {
  request: CallRequester['request'];
  notifications: CallNotification[];
  waitFor<N extends CallNotificationMethod>(method: N, timeoutMs?: number): Promise<Extract<CallNotification, { method: N }>>;
  closed: Promise<{ code: number; reason: string }>;
  close(): void;
  /** Frames received from the server so far (answers and notifications). */
  received(): number;
  /** Sends a frame as is (abuse tests). */
  sendRaw(text: string): void;
}

/** `forwardedFor`: the client address a trusted proxy would report (per-address limit tests). */
export async function connectCallClient(wsUrl: string, options: { forwardedFor?: string } = {}): Promise<TestCallClient> {
  const headers: Record<string, string> = options.forwardedFor ? { 'x-forwarded-for': options.forwardedFor } : {};
  const socket = new WebSocket(wsUrl, CALL_WS_SUBPROTOCOL, { headers });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  socket.on('error', () => undefined); // a socket the server closes for abuse: seen through `closed`
  const requester = createCallRequester({ send: (text) => socket.send(text), timeoutMs: 15_000 });
  const notifications: CallNotification[] = [];
  const waiters: { method: CallNotificationMethod; seen: number; resolve: (n: CallNotification) => void }[] = [];
  let received = 0;
  socket.on('message', (raw: Buffer) => {
    received++;
    const parsed = parseServerMessage(raw.toString('utf8'));
    if (!parsed.ok) throw parsed.error;
    if (parsed.message.kind === 'response') {
      requester.handleResponse(parsed.message.response);
      return;
    }
    const notification = parsed.message.notification;
    notifications.push(notification);
    for (const waiter of [...waiters]) {
      if (waiter.method === notification.method) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(notification);
      }
    }
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.once('close', (code, reason) => {
      requester.failAll(new CallError('connection-closed', 'socket closed'));
      resolve({ code, reason: reason.toString() });
    });
  });
  return {
    request: (method, data, options) => requester.request(method, data, options),
    notifications,
    waitFor(method, timeoutMs = 10_000) {
      // A notification already received and not yet awaited counts.
      const earlier = notifications.find((n) => n.method === method);
      if (earlier) {
        notifications.splice(notifications.indexOf(earlier), 1);
        return Promise.resolve(earlier as never);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${method} notification within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({
          method,
          seen: notifications.length,
          resolve: (n) => {
            clearTimeout(timer);
            notifications.splice(notifications.indexOf(n), 1);
            resolve(n as never);
          },
        });
      });
    },
    closed,
    close: () => socket.close(),
    received: () => received,
    sendRaw: (text) => {
      if (socket.readyState === WebSocket.OPEN) socket.send(text);
    },
  };
}
