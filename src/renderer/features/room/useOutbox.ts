import { useMemo, useSyncExternalStore } from 'react';
import type { OutboxEntry } from '../../matrix/outbox/outboxState.ts';
import type { Connectivity, ConnectivityMonitor } from '../../matrix/connectivity.ts';
import type { Outbox } from '../../matrix/outbox/outboxRunner.ts';

function useOutboxVersion(outbox: Outbox): number {
  return useSyncExternalStore(outbox.subscribe, () => outbox.version);
}

/** What the outbox holds for one room, in the order it will be sent. */
export function useOutboxEntries(outbox: Outbox, roomId: string): OutboxEntry[] {
  const version = useOutboxVersion(outbox);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- version is what tells the entries changed
  return useMemo(() => outbox.entriesFor(roomId), [outbox, roomId, version]);
}

/** How many operations wait to be sent, all rooms together (failed ones excluded). */
export function useOutboxWaiting(outbox: Outbox): number {
  useOutboxVersion(outbox);
  return outbox.waiting();
}

export function useConnectivity(monitor: ConnectivityMonitor): Connectivity {
  return useSyncExternalStore(monitor.subscribe, monitor.current);
}
