// One connectivity state for the whole app, from every signal there is: the sync loop, the browser's
// online/offline events and the operating system's view from the main process. The rules are the
// pure connectivityFrom(); this module only listens.
import { ClientEvent, SyncState, type MatrixClient, type SyncStateData } from 'matrix-js-sdk';
import { connectivityFrom, type Connectivity, type ConnectivitySignals } from './connectivityRules.ts';
import type { Platform } from '../platform/Platform.ts';

export type { Connectivity };

export function syncSignal(state: SyncState | null, data?: SyncStateData | null): ConnectivitySignals['sync'] {
  // State read back from the local cache says nothing about the network.
  if (data?.fromCache) return 'starting';
  switch (state) {
    case SyncState.Prepared:
    case SyncState.Syncing:
      return 'syncing';
    case SyncState.Catchup:
      return 'catching-up';
    case SyncState.Error:
      return 'error';
    case SyncState.Stopped:
      return 'stopped';
    default:
      return 'starting';
  }
}

/** Whether the homeserver answered the last request; fed by the client's fetch. */
export interface Reachability {
  report(reachable: boolean): void;
  subscribe(listener: (reachable: boolean) => void): () => void;
}

export function createReachability(): Reachability {
  const listeners = new Set<(reachable: boolean) => void>();
  let last = true;
  return {
    report(reachable) {
      if (reachable === last) return;
      last = reachable;
      for (const listener of listeners) listener(reachable);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export interface ConnectivityMonitor {
  readonly current: () => Connectivity;
  readonly subscribe: (listener: (connectivity: Connectivity) => void) => () => void;
  stop(): void;
}

export function monitorConnectivity(client: MatrixClient, platform: Platform, reachability?: Reachability): ConnectivityMonitor {
  const signals: ConnectivitySignals = {
    browserOnline: navigator.onLine,
    systemOnline: null,
    sync: syncSignal(client.getSyncState()),
  };
  const listeners = new Set<(c: Connectivity) => void>();
  let current = connectivityFrom(signals);
  let unreachable = false;
  const update = (change: Partial<ConnectivitySignals>) => {
    Object.assign(signals, change);
    // A request that could not reach the homeserver wins over a sync state that has not noticed yet.
    const next = connectivityFrom(unreachable ? { ...signals, sync: 'error' } : signals);
    if (next === current) return;
    current = next;
    for (const listener of listeners) listener(next);
  };
  const onSync = (state: SyncState, _previous: SyncState | null, data?: SyncStateData) =>
    update({ sync: syncSignal(state, data) });
  const onOnline = () => {
    update({ browserOnline: true });
    // Do not wait out the sync loop's back-off: the network is back now.
    client.retryImmediately();
  };
  const onOffline = () => update({ browserOnline: false });
  client.on(ClientEvent.Sync, onSync);
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);
  const stopReachability =
    reachability?.subscribe((reachable) => {
      unreachable = !reachable;
      update({});
    }) ?? (() => undefined);
  const stopSystem = platform.onSystemNetwork((online) => {
    update({ systemOnline: online });
    if (online) client.retryImmediately();
  });
  return {
    current: () => current,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop() {
      client.off(ClientEvent.Sync, onSync);
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      stopSystem();
      stopReachability();
      listeners.clear();
    },
  };
}
