// Tells the engine which remote tiles are on screen, so it receives only those (subscriptionPlan.ts).
// Debounced: a window being resized or pages flipped quickly must not pause and resume streams at
// every frame; only the last arrangement, held for a moment, costs requests at the SFU.
import { useEffect } from 'react';
import { cameraLayerFor } from '../../calls/grid.ts';
import type { VisibleTile } from '../../calls/subscriptionPlan.ts';
import type { CallSession } from './callSession.ts';

const SETTLE_MS = 300;

export function useSubscriptionView(session: CallSession, visible: readonly VisibleTile[]): void {
  // Widths matter only through the layer they call for: a resize within one layer changes nothing.
  const key = visible.map((v) => `${v.peerId}/${v.source}/${cameraLayerFor(v.width)}`).join(' ');
  useEffect(() => {
    const timer = setTimeout(() => session.engine.setView(visible), SETTLE_MS);
    return () => clearTimeout(timer);
    // `visible` is a new array at every render; `key` is what it means.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session, key]);
  // Call screen closed (another room on screen): no tile is visible, only recent speakers stay.
  useEffect(() => () => session.engine.setView([]), [session]);
}
