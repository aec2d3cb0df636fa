import { describe, expect, it } from 'vitest';
import { cameraLayerFor, gridLayout, orderTiles, pageItems } from '../../../../src/renderer/calls/grid.ts';

describe('call grid paging', () => {
  it('shows one or two tiles on one page', () => {
    expect(gridLayout({ count: 1, width: 1200, height: 700 })).toMatchObject({ columns: 1, rows: 1, pages: 1 });
    expect(gridLayout({ count: 2, width: 1200, height: 700 })).toMatchObject({ columns: 2, rows: 1, pages: 1 });
  });

  it('pages past what fits at the minimum tile size', () => {
    // 1000 px wide fits 4 columns of 240 px; 600 px high fits 4 rows of 135 px (with 8 px gaps).
    const layout = gridLayout({ count: 40, width: 1000, height: 600 });
    expect(layout.perPage).toBe(16);
    expect(layout.pages).toBe(3);
    expect(layout.columns * layout.rows).toBeLessThanOrEqual(16);
    expect(layout.columns * layout.rows).toBeGreaterThanOrEqual(16);
  });

  it('always shows at least one tile, even in a tiny window', () => {
    expect(gridLayout({ count: 5, width: 100, height: 50 })).toMatchObject({ columns: 1, rows: 1, perPage: 1, pages: 5 });
    expect(gridLayout({ count: 0, width: 800, height: 600 }).pages).toBe(1);
  });

  it('slices pages and clamps the page number', () => {
    const items = [1, 2, 3, 4, 5];
    expect(pageItems(items, 2, 1)).toEqual({ items: [3, 4], page: 1 });
    expect(pageItems(items, 2, 9)).toEqual({ items: [5], page: 2 });
    expect(pageItems(items, 2, -1)).toEqual({ items: [1, 2], page: 0 });
  });

  it('puts me first and the active speaker next, so the speaker is on the first page', () => {
    const tiles = ['me', 'a', 'b', 'c'].map((id) => ({ id, isLocal: id === 'me' }));
    expect(orderTiles(tiles, 'c').map((t) => t.id)).toEqual(['me', 'c', 'a', 'b']);
    expect(orderTiles(tiles, null).map((t) => t.id)).toEqual(['me', 'a', 'b', 'c']);
  });

  it('asks for the simulcast layer the tile size needs', () => {
    expect([200, 400, 800].map(cameraLayerFor)).toEqual([0, 1, 2]);
  });
});
