import { describe, expect, it } from 'vitest';
import { RETURN_GRACE_MS, ReturningDevices } from '../../../../../src/renderer/calls/e2ee/returningDevices.ts';

const omar = { userId: '@omar:example.org', deviceId: 'OMAR' };
const nadia = { userId: '@nadia:example.org', deviceId: 'NADIA' };
const omarPhone = { userId: '@omar:example.org', deviceId: 'PHONE' };

describe('ReturningDevices', () => {
  it('nobody replaced: the members are who is in the call', () => {
    const returning = new ReturningDevices();
    expect(returning.members([nadia], 0)).toEqual({ members: [nadia], returned: [] });
    expect(returning.nextExpiry()).toBeNull();
  });

  it('a replaced device stays a member until its new peer arrives, then is sent my key again once', () => {
    const returning = new ReturningDevices();
    returning.replaced(omar, 1_000);
    // Between the old peer's leave and the new one's arrival: still a member (no rotation, key kept).
    expect(returning.members([nadia], 1_200)).toEqual({ members: [nadia, omar], returned: [] });
    expect(returning.nextExpiry()).toBe(1_000 + RETURN_GRACE_MS);
    // Back: an ordinary member, and my current key goes to it again (it may have restarted).
    expect(returning.members([nadia, omar], 1_400)).toEqual({ members: [nadia, omar], returned: [omar] });
    expect(returning.members([nadia, omar], 1_500)).toEqual({ members: [nadia, omar], returned: [] });
    expect(returning.nextExpiry()).toBeNull();
  });

  it('a replaced device that does not come back within the grace has left (then the keys rotate)', () => {
    const returning = new ReturningDevices(2_000);
    returning.replaced(omar, 0);
    expect(returning.members([], 1_999).members).toEqual([omar]);
    expect(returning.members([], 2_000)).toEqual({ members: [], returned: [] });
    expect(returning.nextExpiry()).toBeNull();
    // Coming later is an ordinary join, not a return.
    expect(returning.members([omar], 3_000)).toEqual({ members: [omar], returned: [] });
  });

  it('the device is what counts: another device of the same person is someone else', () => {
    const returning = new ReturningDevices();
    returning.replaced(omar, 0);
    expect(returning.members([omarPhone], 10)).toEqual({ members: [omarPhone, omar], returned: [] });
  });

  it('the first grace to end is the one the engine waits for; clear forgets them all', () => {
    const returning = new ReturningDevices(1_000);
    returning.replaced(omar, 500);
    returning.replaced(nadia, 100);
    expect(returning.nextExpiry()).toBe(1_100);
    returning.clear();
    expect(returning.members([], 200)).toEqual({ members: [], returned: [] });
  });
});
