import { describe, expect, it } from 'vitest';
import { cameraLayerFor, gridLayout, orderTiles, pageItems, splitStage } from '../../../../src/renderer/calls/grid.ts';

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

  it('puts me first and the recent speakers next, so they are on the first page', () => {
    const tiles = ['me', 'a', 'b', 'c'].map((id) => ({ id, isLocal: id === 'me' }));
    expect(orderTiles(tiles, ['c']).map((t) => t.id)).toEqual(['me', 'c', 'a', 'b']);
    expect(orderTiles(tiles, []).map((t) => t.id)).toEqual(['me', 'a', 'b', 'c']);
  });

  it('keeps speakers in join order, so a dialogue between two of them does not swap their tiles', () => {
    const tiles = ['me', 'a', 'b', 'c'].map((id) => ({ id, isLocal: id === 'me' }));
    expect(orderTiles(tiles, ['c', 'b']).map((t) => t.id)).toEqual(['me', 'b', 'c', 'a']);
    expect(orderTiles(tiles, ['b', 'c']).map((t) => t.id)).toEqual(['me', 'b', 'c', 'a']);
  });

  it("orders a speaker's screen with their camera (by peer, not by tile id)", () => {
    const tiles = [
      { id: 'me', peerId: null, isLocal: true },
      { id: 'a', peerId: 'a', isLocal: false },
      { id: 'b', peerId: 'b', isLocal: false },
      { id: 'b-screen', peerId: 'b', isLocal: false },
    ];
    expect(orderTiles(tiles, ['b']).map((t) => t.id)).toEqual(['me', 'b', 'b-screen', 'a']);
  });

  it('puts a shared screen on the main stage, a remote one before mine, and the rest in the strip', () => {
    const me = { id: 'me', isLocal: true, screen: false };
    const mine = { id: 'me-screen', isLocal: true, screen: true };
    const a = { id: 'a', isLocal: false, screen: false };
    const theirs = { id: 'a-screen', isLocal: false, screen: true };
    expect(splitStage([me, a])).toEqual({ stage: null, strip: [me, a] });
    expect(splitStage([me, mine, a])).toEqual({ stage: mine, strip: [me, a] });
    expect(splitStage([me, mine, a, theirs])).toEqual({ stage: theirs, strip: [me, mine, a] });
  });

  it('asks for the simulcast layer the tile size needs', () => {
    expect([200, 400, 800].map(cameraLayerFor)).toEqual([0, 1, 2]);
  });
});
