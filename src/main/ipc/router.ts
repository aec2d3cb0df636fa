// Dispatches IPC calls: checks the sender, validates the request and the response against the
// contract, and guarantees that every call settles with a typed envelope within a timeout.
import type { z } from 'zod';
import { IPC_CHANNELS, type IpcChannel, type IpcMethod } from '../../shared/ipc/channels.ts';
import { ipcContract, type IpcResponse } from '../../shared/ipc/contract.ts';
import { IpcError, type IpcEnvelope } from '../../shared/ipc/errors.ts';

export type IpcResponseOf<M extends IpcMethod> = IpcResponse<M>;

export interface CallContext {
  senderUrl: string;
}

export type IpcHandlers = {
  [M in IpcMethod]: (
    request: z.output<(typeof ipcContract)[M]['request']>,
    context: CallContext,
  ) => Promise<IpcResponse<M>> | IpcResponse<M>;
};

export interface RouterOptions {
  handlers: IpcHandlers;
  isTrustedSender(senderUrl: string | undefined): boolean;
  timeoutMs: number;
  /** Receives diagnostics; must never be given request values, which may hold secrets. */
  log(message: string): void;
}

export type Dispatch = (channel: string, senderUrl: string | undefined, request: unknown) => Promise<IpcEnvelope<unknown>>;

const METHOD_BY_CHANNEL = new Map<string, IpcMethod>(
  (Object.entries(IPC_CHANNELS) as [IpcMethod, IpcChannel][]).map(([method, channel]) => [channel, method]),
);

export function createIpcRouter(options: RouterOptions): Dispatch {
  return async (channel, senderUrl, request) => {
    try {
      const method = METHOD_BY_CHANNEL.get(channel);
      if (!method) throw new IpcError('unknown-channel', `Unknown IPC channel "${channel}"`);
      if (!options.isTrustedSender(senderUrl)) {
        options.log(`ipc: refused ${channel} from untrusted sender ${describeSender(senderUrl)}`);
        throw new IpcError('forbidden-sender', 'This page may not call the desktop bridge');
      }
      const value = await withTimeout(invoke(method, senderUrl ?? '', request, options.handlers), options.timeoutMs, channel);
      return { ok: true, value };
    } catch (error) {
      const ipcError = toIpcError(error);
      if (ipcError.code === 'internal') options.log(`ipc: ${channel} failed: ${ipcError.message}`);
      return { ok: false, error: ipcError.toPayload() };
    }
  };
}

async function invoke(method: IpcMethod, senderUrl: string, request: unknown, handlers: IpcHandlers): Promise<unknown> {
  const { request: requestSchema, response: responseSchema } = ipcContract[method];
  const parsed = requestSchema.safeParse(request);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(request)'}: ${i.message}`).join('; ');
    throw new IpcError('invalid-arguments', `Invalid arguments for ${method}: ${issues}`);
  }
  const handler = handlers[method] as (request: unknown, context: CallContext) => unknown;
  const result = await handler(parsed.data, { senderUrl });
  const checked = responseSchema.safeParse(result);
  if (!checked.success) throw new IpcError('invalid-response', `The ${method} handler returned a malformed response`);
  return checked.data;
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, channel: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new IpcError('timeout', `${channel} did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function toIpcError(error: unknown): IpcError {
  if (error instanceof IpcError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new IpcError('internal', message || 'Unexpected error');
}

function describeSender(senderUrl: string | undefined): string {
  if (!senderUrl) return '(unknown frame)';
  try {
    const u = new URL(senderUrl);
    return `${u.protocol}//${u.host}`;
  } catch {
    return '(unparseable URL)';
  }
}
