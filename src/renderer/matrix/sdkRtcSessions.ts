// matrix-js-sdk's MatrixRTC session manager, started by the client at its first sync, makes a
// MatrixRTCSession for every room it hears of (3,000 on a large account), each with its listeners on
// the room, a logger of its own and a membership recalculation at every state change. Relais reads
// call membership itself (calls/membership.ts) and never asks the manager: it is stopped as soon as
// the client starts it.
import { ClientEvent, type MatrixClient } from 'matrix-js-sdk';

/**
 * To be called right after `client.startClient()` is called (not awaited): the client registers its
 * own start of the manager first, so this listener runs just after it, on the same sync.
 */
export function stopSdkRtcSessions(client: MatrixClient): void {
  const onSync = () => {
    if (!client.isInitialSyncComplete()) return;
    client.off(ClientEvent.Sync, onSync);
    client.matrixRTC.stop();
  };
  client.on(ClientEvent.Sync, onSync);
}
