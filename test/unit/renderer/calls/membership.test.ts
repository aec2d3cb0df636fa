import { describe, expect, it } from 'vitest';
import {
  activeMembers,
  callFocusKind,
  isMembershipKeyOf,
  membershipContent,
  membershipStateKey,
  MEMBERSHIP_EXPIRES_MS,
  parseMember,
  parseRtcMember,
  ROOM_CALL_SLOT,
  usersInCall,
  type RawMemberEvent,
  type RawStickyMember,
} from '../../../../src/renderer/calls/membership.ts';

const focus = { type: 'relais_sfu' as const, url: 'wss://sfu.example.org/ws' };
const now = 1_000_000_000;

function event(userId: string, deviceId: string, ts: number, content?: Record<string, unknown>): RawMemberEvent {
  return {
    stateKey: membershipStateKey(userId, deviceId),
    sender: userId,
    originServerTs: ts,
    content: content ?? { ...membershipContent(deviceId, focus) },
  };
}

describe('call membership (MSC3401 as Element Call writes it)', () => {
  it('writes the Element Call session shape with our focus', () => {
    const content = membershipContent('DEV1', focus, 42);
    expect(content).toEqual({
      application: 'm.call',
      call_id: '',
      scope: 'm.room',
      device_id: 'DEV1',
      expires: MEMBERSHIP_EXPIRES_MS,
      created_ts: 42,
      focus_active: { type: 'relais_sfu', focus_selection: 'oldest_membership' },
      foci_preferred: [{ type: 'relais_sfu', url: 'wss://sfu.example.org/ws' }],
    });
    expect(membershipStateKey('@a:example.org', 'DEV1')).toBe('_@a:example.org_DEV1_m.call');
  });

  it('reads an active membership with its focus', () => {
    const member = parseMember(event('@a:hs', 'D', now - 1000), now);
    expect(member).toEqual({
      userId: '@a:hs',
      deviceId: 'D',
      createdTs: now - 1000,
      expiresAt: now - 1000 + MEMBERSHIP_EXPIRES_MS,
      relaisFocusUrl: focus.url,
      preferredFocusType: 'relais_sfu',
    });
  });

  it('reads both state-key forms Element Call has written, with or without the leading underscore', () => {
    for (const stateKey of ['_@a:hs_D_m.call', '_@a:hs_D', '@a:hs_D_m.call', '@a:hs_D']) {
      expect(parseMember({ ...event('@a:hs', 'D', now - 1000), stateKey }, now)?.deviceId).toBe('D');
    }
    expect(isMembershipKeyOf('_@a:hs_D_m.call', '@a:hs', 'D')).toBe(true);
    // Another device's key, another application's, or another user's are not this member's.
    expect(isMembershipKeyOf('_@a:hs_E_m.call', '@a:hs', 'D')).toBe(false);
    expect(isMembershipKeyOf('_@a:hs_D_m.other', '@a:hs', 'D')).toBe(false);
    expect(isMembershipKeyOf('_@ab:hs_D', '@a:hs', 'D')).toBe(false);
  });

  it('treats empty content (left), expired, malformed and foreign memberships as not in the call', () => {
    expect(parseMember(event('@a:hs', 'D', now, {}), now)).toBeNull();
    expect(parseMember(event('@a:hs', 'D', now - MEMBERSHIP_EXPIRES_MS - 1), now)).toBeNull();
    expect(parseMember(event('@a:hs', 'D', now, { ...membershipContent('D', focus), application: 'm.other' }), now)).toBeNull();
    expect(parseMember(event('@a:hs', 'D', now, { ...membershipContent('D', focus), device_id: 5 }), now)).toBeNull();
    // Someone writing another user's membership is not believed.
    expect(parseMember({ ...event('@a:hs', 'D', now), sender: '@mallory:hs' }, now)).toBeNull();
  });

  it('keeps Element Call members (LiveKit focus) in the list without a Relais focus', () => {
    const livekit = {
      ...membershipContent('E', focus),
      focus_active: { type: 'livekit', focus_selection: 'oldest_membership' },
      foci_preferred: [{ type: 'livekit', livekit_service_url: 'https://lk.example.org' }],
    };
    const member = parseMember(event('@b:hs', 'E', now, livekit), now);
    expect(member?.relaisFocusUrl).toBeNull();
    expect(member?.preferredFocusType).toBe('livekit');
  });

  it('says where the call runs by the oldest member, as oldest_membership selection does', () => {
    const livekit = {
      ...membershipContent('E', focus),
      foci_preferred: [{ type: 'livekit', livekit_service_url: 'https://lk.example.org' }],
    };
    expect(callFocusKind([])).toEqual({ kind: 'none' });
    const elementCallFirst = activeMembers([event('@b:hs', 'E', now - 50, livekit), event('@a:hs', 'A', now - 10)], now);
    expect(callFocusKind(elementCallFirst)).toEqual({ kind: 'foreign', focusType: 'livekit' });
    const relaisFirst = activeMembers([event('@b:hs', 'E', now - 10, livekit), event('@a:hs', 'A', now - 50)], now);
    expect(callFocusKind(relaisFirst)).toEqual({ kind: 'relais' });
    const noFocus = activeMembers([event('@b:hs', 'E', now, { ...livekit, foci_preferred: [] })], now);
    expect(callFocusKind(noFocus)).toEqual({ kind: 'foreign', focusType: 'unknown' });
  });

  it('orders members oldest first, and finds distinct users', () => {
    const members = activeMembers(
      [
        event('@b:hs', 'B1', now - 10),
        event('@a:hs', 'A1', now - 50),
        event('@a:hs', 'A2', now - 5),
        event('@c:hs', 'C', now, {}),
      ],
      now,
    );
    expect(members.map((m) => m.deviceId)).toEqual(['A1', 'B1', 'A2']);
    expect(usersInCall(members)).toEqual(['@a:hs', '@b:hs']);
  });

  it('leaves out members no longer joined to the room (kicked: their stale call membership stays until it expires)', () => {
    const members = activeMembers([event('@a:hs', 'A', now), event('@kicked:hs', 'K', now)], now, (u) => u !== '@kicked:hs');
    expect(members.map((m) => m.userId)).toEqual(['@a:hs']);
  });

  it('uses created_ts when present, so a renewed membership keeps its place', () => {
    const [member] = activeMembers([event('@a:hs', 'A', now, { ...membershipContent('A', focus, now - 99) })], now);
    expect(member?.createdTs).toBe(now - 99);
  });
});

/** A sticky m.rtc.member event as matrix-js-sdk writes it (MSC4143 + MSC4354). */
function sticky(userId: string, deviceId: string, ts: number, overrides: Record<string, unknown> = {}): RawStickyMember {
  return {
    sender: userId,
    originServerTs: ts,
    expiresAt: ts + 3_600_000,
    content: {
      slot_id: ROOM_CALL_SLOT,
      member: { user_id: userId, device_id: deviceId, id: `${userId}:${deviceId}` },
      application: { type: 'm.call' },
      transports: { published: [{ type: 'livekit', livekit_service_url: 'https://lk.example' }], can_subscribe: [] },
      versions: [],
      msc4354_sticky_key: `${userId}:${deviceId}`,
      ...overrides,
    },
  };
}

describe('sticky call membership (m.rtc.member, MSC4354)', () => {
  it('reads a member, its focus type, and its expiry from the sticky duration', () => {
    expect(parseRtcMember(sticky('@ines:x', 'D1', now - 10), now)).toEqual({
      userId: '@ines:x',
      deviceId: 'D1',
      createdTs: now - 10,
      expiresAt: now - 10 + 3_600_000,
      relaisFocusUrl: null,
      preferredFocusType: 'livekit',
    });
  });

  it('ignores withdrawals, other slots, expired ones, and memberships about someone else', () => {
    expect(parseRtcMember({ ...sticky('@a:x', 'D', now), content: {} }, now)).toBeNull();
    expect(parseRtcMember(sticky('@a:x', 'D', now, { slot_id: 'm.call#other' }), now)).toBeNull();
    expect(parseRtcMember({ ...sticky('@a:x', 'D', now - 10), expiresAt: now }, now)).toBeNull();
    const forged = sticky('@mallory:x', 'D', now, { member: { user_id: '@a:x', device_id: 'D', id: 'x' } });
    expect(parseRtcMember(forged, now)).toBeNull();
    expect(parseRtcMember(sticky('@a:x', 'D', now, { application: { type: 'm.other' } }), now)).toBeNull();
  });

  it('joins state and sticky members, oldest first, a device in both forms once, and decides the focus', () => {
    const state = [event('@relais:x', 'R1', now - 50)];
    const members = activeMembers(state, now, () => true, [
      sticky('@ines:x', 'D1', now - 100),
      sticky('@relais:x', 'R1', now - 10),
    ]);
    expect(members.map((m) => `${m.userId}/${m.deviceId}`)).toEqual(['@ines:x/D1', '@relais:x/R1']);
    expect(callFocusKind(members)).toEqual({ kind: 'foreign', focusType: 'livekit' });
  });

  it('leaves out sticky members who are no longer in the room', () => {
    expect(activeMembers([], now, (user) => user !== '@gone:x', [sticky('@gone:x', 'D', now)])).toEqual([]);
  });
});
