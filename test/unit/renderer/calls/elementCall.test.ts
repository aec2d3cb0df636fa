import { describe, expect, it } from 'vitest';
import { elementCallRoomUrl } from '../../../../src/renderer/calls/elementCall.ts';

describe('elementCallRoomUrl', () => {
  it('puts the room in the fragment, as Element Call reads it', () => {
    expect(elementCallRoomUrl('https://call.example.gouv.fr', '!abc:example.gouv.fr')).toBe(
      'https://call.example.gouv.fr/room/#/?roomId=!abc%3Aexample.gouv.fr',
    );
  });

  it('keeps a path prefix without doubling slashes', () => {
    expect(elementCallRoomUrl('https://apps.example.gouv.fr/call/', '!r:hs')).toBe(
      'https://apps.example.gouv.fr/call/room/#/?roomId=!r%3Ahs',
    );
  });

  it('refuses anything but a plain https address', () => {
    expect(elementCallRoomUrl('http://call.example.gouv.fr', '!r:hs')).toBeNull();
    expect(elementCallRoomUrl('https://user:pw@call.example.gouv.fr', '!r:hs')).toBeNull();
    expect(elementCallRoomUrl('not a url', '!r:hs')).toBeNull();
  });
});
