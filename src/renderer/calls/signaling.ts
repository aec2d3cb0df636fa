// The app's end of the SFU signaling WebSocket: the shared protocol's request correlator over a
// socket, with notifications and the socket's end reported to listeners. One instance per
// connection; a re-join opens a new one.
import {
  CALL_WS_SUBPROTOCOL,
  CallError,
  createCallRequester,
  parseServerMessage,
  type CallMethod,
  type CallNotification,
  type CallRequestData,
  type CallResponseData,
} from '../../shared/call/index.ts';

export type SocketFactory = (url: string, protocol: string) => WebSocket;

const CONNECT_TIMEOUT_MS = 8_000;

export class SignalingClient {
  private readonly socket: WebSocket;
  private readonly requester;
  private readonly notificationListeners = new Set<(n: CallNotification) => void>();
  private readonly closeListeners = new Set<() => void>();
  private closedByUs = false;

  private constructor(socket: WebSocket) {
    this.socket = socket;
    this.requester = createCallRequester({ send: (text) => socket.send(text) });
    socket.addEventListener('message', (event) => {
      if (typeof event.data !== 'string') return;
      const parsed = parseServerMessage(event.data);
      // A malformed message is dropped: the request it might have answered times out cleanly.
      if (!parsed.ok) return;
      if (parsed.message.kind === 'response') this.requester.handleResponse(parsed.message.response);
      else for (const listener of this.notificationListeners) listener(parsed.message.notification);
    });
    socket.addEventListener('close', () => {
      this.requester.failAll(new CallError('connection-closed', 'The SFU connection closed'));
      if (!this.closedByUs) for (const listener of this.closeListeners) listener();
    });
  }

  /** Opens the socket; rejects with `connection-closed` if the SFU cannot be reached in time. */
  static connect(url: string, createSocket: SocketFactory = (u, p) => new WebSocket(u, p)): Promise<SignalingClient> {
    return new Promise((resolve, reject) => {
      let socket: WebSocket;
      try {
        socket = createSocket(url, CALL_WS_SUBPROTOCOL);
      } catch (error) {
        reject(new CallError('connection-closed', `Cannot open ${url}: ${String(error)}`));
        return;
      }
      const fail = () => {
        clearTimeout(timer);
        socket.close();
        reject(new CallError('connection-closed', 'The call server cannot be reached'));
      };
      const timer = setTimeout(fail, CONNECT_TIMEOUT_MS);
      socket.addEventListener('error', fail, { once: true });
      socket.addEventListener(
        'open',
        () => {
          clearTimeout(timer);
          socket.removeEventListener('error', fail);
          resolve(new SignalingClient(socket));
        },
        { once: true },
      );
    });
  }

  request<M extends CallMethod>(method: M, data: CallRequestData<M>, timeoutMs?: number): Promise<CallResponseData<M>> {
    return this.requester.request(method, data, timeoutMs === undefined ? undefined : { timeoutMs });
  }

  onNotification(listener: (n: CallNotification) => void): void {
    this.notificationListeners.add(listener);
  }

  /** Called when the connection ends without us closing it (network loss, SFU restart). */
  onUnexpectedClose(listener: () => void): void {
    this.closeListeners.add(listener);
  }

  close(): void {
    this.closedByUs = true;
    this.socket.close();
  }
}
