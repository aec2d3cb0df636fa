import { describe, expect, it } from 'vitest';
import { loadUntilFound } from '../../../../../src/renderer/features/room/loadUntilFound.ts';

/** A room whose wanted message arrives with the `at`-th page (0: already loaded); `pages` exist in all. */
function history(at: number, pages: number) {
  let loaded = 0;
  return {
    isLoaded: () => loaded >= at,
    loadOlder: () => {
      loaded += 1;
      return Promise.resolve(loaded < pages);
    },
    loads: () => loaded,
  };
}

describe('loading history until a message is there', () => {
  it('asks for nothing when the message is already loaded', async () => {
    const room = history(0, 10);
    expect(await loadUntilFound(room.isLoaded, room.loadOlder)).toBe(true);
    expect(room.loads()).toBe(0);
  });

  it('reads back page by page until it arrives', async () => {
    const room = history(3, 10);
    expect(await loadUntilFound(room.isLoaded, room.loadOlder)).toBe(true);
    expect(room.loads()).toBe(3);
  });

  it('finds it on the very first page of the room', async () => {
    const room = history(4, 4);
    expect(await loadUntilFound(room.isLoaded, room.loadOlder)).toBe(true);
  });

  it('stops at the start of the room, and after the page limit', async () => {
    const short = history(9, 2);
    expect(await loadUntilFound(short.isLoaded, short.loadOlder)).toBe(false);
    expect(short.loads()).toBe(2);
    const long = history(50, 100);
    expect(await loadUntilFound(long.isLoaded, long.loadOlder, 5)).toBe(false);
    expect(long.loads()).toBe(5);
  });

  it('stops when a page fails to load', async () => {
    expect(
      await loadUntilFound(
        () => false,
        () => Promise.reject(new Error('offline')),
      ),
    ).toBe(false);
  });
});
