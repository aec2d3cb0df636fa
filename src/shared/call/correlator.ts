// Client side: matches responses to requests by id, validates the answer against the contract, and
// makes every request settle: with data, with the server's typed error, on timeout, or when the
// connection closes. Pure (no WebSocket here): the app hands in `send` and feeds it responses.
import { CallError } from './errors.ts';
import { callRequests, type CallMethod, type CallRequestData, type CallResponseData } from './requests.ts';
import { encodeRequest, type ResponseEnvelope } from './wire.ts';

export interface CallRequesterOptions {
  /** Sends one text frame; throwing means the connection is unusable. */
  send: (text: string) => void;
  /** Default time a request may take before it fails with `timeout` (join verifies with the homeserver: allow it some seconds). */
  timeoutMs?: number;
}

interface Pending {
  method: CallMethod;
  resolve: (data: unknown) => void;
  reject: (error: CallError) => void;
  timer: ReturnType<typeof setTimeout>;
}

export interface CallRequester {
  request<M extends CallMethod>(
    method: M,
    data: CallRequestData<M>,
    options?: { timeoutMs?: number },
  ): Promise<CallResponseData<M>>;
  /** Feed a response envelope; returns false when it answers no pending request (late or unknown id). */
  handleResponse(response: ResponseEnvelope): boolean;
  /** Fails every pending request (e.g. the socket closed) with this error. */
  failAll(error: CallError): void;
  readonly pendingCount: number;
}

export const DEFAULT_CALL_REQUEST_TIMEOUT_MS = 15_000;

export function createCallRequester(options: CallRequesterOptions): CallRequester {
  const defaultTimeout = options.timeoutMs ?? DEFAULT_CALL_REQUEST_TIMEOUT_MS;
  const pending = new Map<number, Pending>();
  let nextId = 1;

  function settle(id: number): Pending | undefined {
    const entry = pending.get(id);
    if (entry) {
      pending.delete(id);
      clearTimeout(entry.timer);
    }
    return entry;
  }

  return {
    request<M extends CallMethod>(method: M, data: CallRequestData<M>, requestOptions?: { timeoutMs?: number }) {
      const id = nextId++;
      return new Promise<CallResponseData<M>>((resolve, reject) => {
        const timeoutMs = requestOptions?.timeoutMs ?? defaultTimeout;
        const timer = setTimeout(() => {
          settle(id);
          reject(new CallError('timeout', `${method} got no answer within ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, { method, resolve: resolve as (data: unknown) => void, reject, timer });
        try {
          options.send(encodeRequest(id, method, data));
        } catch (error) {
          settle(id);
          reject(new CallError('connection-closed', `Could not send ${method}: ${String(error)}`));
        }
      });
    },
    handleResponse(response) {
      const entry = settle(response.id);
      if (!entry) return false;
      if (!response.ok) {
        entry.reject(new CallError(response.error.code, response.error.message, response.error.retryAfterMs));
        return true;
      }
      const parsed = callRequests[entry.method].response.safeParse(response.data);
      if (parsed.success) entry.resolve(parsed.data);
      else entry.reject(new CallError('bad-response', `The SFU answered ${entry.method} with malformed data`));
      return true;
    },
    failAll(error) {
      for (const id of [...pending.keys()]) settle(id)?.reject(error);
    },
    get pendingCount() {
      return pending.size;
    },
  };
}
