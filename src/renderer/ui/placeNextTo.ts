// Where a small floating panel goes next to the control that opened it. Pure geometry.

export interface Placement {
  top: number;
  left: number;
}

const GAP = 4;
const MARGIN = 8;

/** Below the control, right edges aligned; above it when there is no room below; always on screen. */
export function placeNextTo(
  anchor: { top: number; bottom: number; right: number },
  size: { width: number; height: number },
  viewport: { width: number; height: number },
): Placement {
  const below = anchor.bottom + GAP;
  const top = below + size.height <= viewport.height - MARGIN ? below : anchor.top - GAP - size.height;
  const left = Math.min(anchor.right - size.width, viewport.width - size.width - MARGIN);
  return { top: Math.max(MARGIN, top), left: Math.max(MARGIN, left) };
}
