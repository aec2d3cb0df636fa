// The bridge between renderer and main, in two halves that are both pure and unit tested:
// - the preload exposes `createPreloadApi(ipcRenderer.invoke)`: one method per contract entry, returning
//   the raw envelope. Envelopes are plain data, so they cross contextBridge intact (thrown Errors lose
//   their fields there).
// - the renderer wraps it with `unwrapBridge`, which turns error envelopes into typed IpcErrors.
import { IPC_CHANNELS, IPC_EVENTS, type IpcChannel, type IpcEvent, type IpcMethod } from './channels.ts';
import type { IpcRequest, IpcResponse, RelaisBridge } from './contract.ts';
import { IpcError, parseEnvelope, type IpcEnvelope } from './errors.ts';

export type Invoke = (channel: IpcChannel, request: unknown) => Promise<unknown>;

export type Subscribe = (channel: IpcEvent, listener: (payload: unknown) => void) => () => void;

type EventName = keyof typeof IPC_EVENTS;
/** `teamsLinkOpened` is subscribed to as `onTeamsLinkOpened(listener)`, which returns an unsubscribe. */
export type SubscriptionMethod = `on${Capitalize<EventName>}`;
export type Subscriptions = { [K in SubscriptionMethod]: (listener: (payload: unknown) => void) => () => void };

export type RawBridge = {
  [M in IpcMethod]: (request?: IpcRequest<M>) => Promise<IpcEnvelope<IpcResponse<M>>>;
} & Subscriptions;

export function subscriptionMethodFor(event: EventName): SubscriptionMethod {
  return `on${event.charAt(0).toUpperCase()}${event.slice(1)}` as SubscriptionMethod;
}

/** Without `subscribe`, event subscriptions are accepted and never fire (tests, or no main process). */
export function createPreloadApi(invoke: Invoke, subscribe: Subscribe = () => () => undefined): RawBridge {
  const api: Record<string, unknown> = {};
  for (const method of Object.keys(IPC_CHANNELS) as IpcMethod[]) {
    const channel = IPC_CHANNELS[method];
    api[method] = (request?: unknown) => invoke(channel, request);
  }
  for (const event of Object.keys(IPC_EVENTS) as EventName[]) {
    const channel = IPC_EVENTS[event];
    api[subscriptionMethodFor(event)] = (listener: (payload: unknown) => void) => subscribe(channel, listener);
  }
  return Object.freeze(api) as RawBridge;
}

export function unwrapBridge(raw: RawBridge): RelaisBridge & Subscriptions {
  const api: Record<string, unknown> = {};
  for (const method of Object.keys(IPC_CHANNELS) as IpcMethod[]) {
    const call = raw[method] as ((request?: unknown) => Promise<unknown>) | undefined;
    api[method] = async (request?: unknown) => {
      if (typeof call !== 'function') throw new IpcError('unavailable', `The desktop bridge has no ${method}`);
      const envelope = parseEnvelope(await call(request));
      if (envelope.ok) return envelope.value;
      throw new IpcError(envelope.error.code, envelope.error.message);
    };
  }
  for (const event of Object.keys(IPC_EVENTS) as EventName[]) {
    const name = subscriptionMethodFor(event);
    const subscribe = raw[name] as Subscriptions[SubscriptionMethod] | undefined;
    api[name] = (listener: (payload: unknown) => void) =>
      typeof subscribe === 'function' ? subscribe(listener) : () => undefined;
  }
  return Object.freeze(api) as RelaisBridge & Subscriptions;
}
