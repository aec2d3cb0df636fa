// The bridge between renderer and main, in two halves that are both pure and unit tested:
// - the preload exposes `createPreloadApi(ipcRenderer.invoke)`: one method per contract entry, returning
//   the raw envelope. Envelopes are plain data, so they cross contextBridge intact (thrown Errors lose
//   their fields there).
// - the renderer wraps it with `unwrapBridge`, which turns error envelopes into typed IpcErrors.
import { IPC_CHANNELS, type IpcChannel, type IpcMethod } from './channels.ts';
import type { IpcRequest, IpcResponse, RelaisBridge } from './contract.ts';
import { IpcError, parseEnvelope, type IpcEnvelope } from './errors.ts';

export type Invoke = (channel: IpcChannel, request: unknown) => Promise<unknown>;

export type RawBridge = {
  [M in IpcMethod]: (request?: IpcRequest<M>) => Promise<IpcEnvelope<IpcResponse<M>>>;
};

export function createPreloadApi(invoke: Invoke): RawBridge {
  const api: Record<string, (request?: unknown) => Promise<unknown>> = {};
  for (const method of Object.keys(IPC_CHANNELS) as IpcMethod[]) {
    const channel = IPC_CHANNELS[method];
    api[method] = (request?: unknown) => invoke(channel, request);
  }
  return Object.freeze(api) as RawBridge;
}

export function unwrapBridge(raw: RawBridge): RelaisBridge {
  const api: Record<string, (request?: unknown) => Promise<unknown>> = {};
  for (const method of Object.keys(IPC_CHANNELS) as IpcMethod[]) {
    const call = raw[method] as ((request?: unknown) => Promise<unknown>) | undefined;
    api[method] = async (request?: unknown) => {
      if (typeof call !== 'function') throw new IpcError('unavailable', `The desktop bridge has no ${method}`);
      const envelope = parseEnvelope(await call(request));
      if (envelope.ok) return envelope.value;
      throw new IpcError(envelope.error.code, envelope.error.message);
    };
  }
  return Object.freeze(api) as RelaisBridge;
}
