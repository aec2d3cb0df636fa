// Tile layout for the call grid: as many tiles as fit at a legible size, the rest on further
// pages. Pure arithmetic so the paging rules are tested without a DOM.

export interface GridInput {
  count: number;
  width: number;
  height: number;
  /** Smallest tile worth showing; below this faces and names stop being readable. */
  minTileWidth?: number;
  gap?: number;
}

export interface GridLayout {
  columns: number;
  rows: number;
  perPage: number;
  pages: number;
}

const ASPECT = 16 / 9;

/** Columns and rows that fit the most tiles of at least the minimum size, at least one tile. */
export function gridLayout({ count, width, height, minTileWidth = 240, gap = 8 }: GridInput): GridLayout {
  const minHeight = minTileWidth / ASPECT;
  const maxColumns = Math.max(1, Math.floor((width + gap) / (minTileWidth + gap)));
  const maxRows = Math.max(1, Math.floor((height + gap) / (minHeight + gap)));
  const perPage = Math.max(1, maxColumns * maxRows);
  const onPage = Math.max(1, Math.min(count, perPage));
  // Prefer the squarest arrangement for the tiles actually shown, within what fits.
  let columns = Math.min(maxColumns, Math.ceil(Math.sqrt((onPage * (width / Math.max(1, height))) / ASPECT)));
  columns = Math.max(1, Math.min(columns, onPage));
  let rows = Math.ceil(onPage / columns);
  while (rows > maxRows && columns < maxColumns) {
    columns += 1;
    rows = Math.ceil(onPage / columns);
  }
  return { columns, rows: Math.min(rows, maxRows), perPage, pages: Math.max(1, Math.ceil(count / perPage)) };
}

/** The items on page `page` (0-based, clamped to the pages that exist). */
export function pageItems<T>(items: readonly T[], perPage: number, page: number): { items: T[]; page: number } {
  const pages = Math.max(1, Math.ceil(items.length / perPage));
  const clamped = Math.min(Math.max(0, page), pages - 1);
  return { items: items.slice(clamped * perPage, (clamped + 1) * perPage), page: clamped };
}

/**
 * Tile order: me first, then the recent speakers, then everyone else, so whoever talks is on the
 * first page even in a large call. Speakers keep their join order among themselves: a tile moves
 * only when someone new takes the floor, not at every turn of a dialogue.
 */
export function orderTiles<T extends { id: string; isLocal: boolean; peerId?: string | null }>(
  tiles: readonly T[],
  speakers: readonly string[],
): T[] {
  const recent = new Set(speakers);
  const isSpeaker = (t: T) => !t.isLocal && recent.has(t.peerId ?? t.id);
  const local = tiles.filter((t) => t.isLocal);
  const speaking = tiles.filter(isSpeaker);
  const rest = tiles.filter((t) => !t.isLocal && !isSpeaker(t));
  return [...local, ...speaking, ...rest];
}

/**
 * With a screen shared, it takes the main stage and the other tiles become a strip: a remote screen
 * before mine (the one I share I already see), the first shared before later ones.
 */
export function splitStage<T extends { isLocal: boolean; screen: boolean }>(
  tiles: readonly T[],
): { stage: T | null; strip: T[] } {
  const stage = tiles.find((t) => t.screen && !t.isLocal) ?? tiles.find((t) => t.screen) ?? null;
  return { stage, strip: tiles.filter((t) => t !== stage) };
}

/** The simulcast layer a tile of this width needs: the three layers are ¼, ½ and full resolution. */
export function cameraLayerFor(tileWidth: number): number {
  if (tileWidth < 360) return 0;
  if (tileWidth < 720) return 1;
  return 2;
}
