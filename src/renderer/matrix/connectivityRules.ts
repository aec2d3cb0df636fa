// One connectivity state from every signal: the sync loop, the browser's online/offline events and
// the main process's view of the network. Offline wins when anything says so with certainty.
export type Connectivity = 'online' | 'connecting' | 'offline';

export interface ConnectivitySignals {
  /** The browser (navigator.onLine and its events). */
  browserOnline: boolean;
  /** The main process (Electron net.online); null in the web build. */
  systemOnline: boolean | null;
  /** The sync loop's last state. */
  sync: 'syncing' | 'catching-up' | 'error' | 'stopped' | 'starting';
}

export function connectivityFrom(signals: ConnectivitySignals): Connectivity {
  if (!signals.browserOnline || signals.systemOnline === false) return 'offline';
  switch (signals.sync) {
    case 'syncing':
      return 'online';
    case 'error':
      return 'offline';
    default:
      return 'connecting';
  }
}

/** True on the transitions that should flush the outbox immediately. */
export function cameBackOnline(previous: Connectivity, next: Connectivity): boolean {
  return previous !== 'online' && next === 'online';
}
