import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref } from '../../../../src/renderer/app/useHashRoute.ts';

describe('routes in the URL fragment', () => {
  it('reads a room, and a room at one of its messages', () => {
    expect(parseRoute('#/room/%21abc%3Aexample.org')).toEqual({ kind: 'room', roomId: '!abc:example.org' });
    expect(parseRoute('#/room/%21abc%3Aexample.org/event/%24ev%2Bx')).toEqual({
      kind: 'room',
      roomId: '!abc:example.org',
      eventId: '$ev+x',
    });
  });

  it('goes home for anything else, or a malformed part', () => {
    expect(parseRoute('')).toEqual({ kind: 'home' });
    expect(parseRoute('#/settings')).toEqual({ kind: 'home' });
    expect(parseRoute('#/room/%E0%A4%A')).toEqual({ kind: 'home' });
    expect(parseRoute('#/room/!a/event/')).toEqual({ kind: 'home' });
  });

  it('writes what it reads back', () => {
    const routes = [
      { kind: 'room', roomId: '!a:b', eventId: '$e/1' },
      { kind: 'room', roomId: '!a:b' },
      { kind: 'home' },
    ] as const;
    for (const route of routes) expect(parseRoute(routeHref(route) || '')).toEqual(route);
  });
});
