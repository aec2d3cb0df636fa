import { describe, expect, it } from 'vitest';
import {
  groupMembers,
  moderationAllowed,
  moderationLevels,
  roleOf,
  type MemberEntry,
} from '../../../../src/renderer/matrix/members.ts';

const member = (userId: string, name: string, powerLevel = 0, membership: 'join' | 'invite' = 'join'): MemberEntry => ({
  userId,
  name,
  avatarMxc: null,
  powerLevel,
  membership,
});

describe('roles', () => {
  it('follow the levels Element names: 100 admin, 50 moderator', () => {
    expect([roleOf(100), roleOf(150), roleOf(50), roleOf(99), roleOf(0), roleOf(-1)]).toEqual([
      'admin',
      'admin',
      'moderator',
      'moderator',
      'member',
      'member',
    ]);
  });
});

describe('groupMembers', () => {
  const all = [
    member('@zoe:x', 'Zoé', 100),
    member('@anna:x', 'Anna', 50),
    member('@bob:x', 'Bob'),
    member('@eve:x', 'Ève'),
    member('@guest:x', 'Guest', 0, 'invite'),
  ];

  it('groups joined people by role and lists invitations apart, each by name', () => {
    const groups = groupMembers(all);
    expect(groups.admin.map((m) => m.name)).toEqual(['Zoé']);
    expect(groups.moderator.map((m) => m.name)).toEqual(['Anna']);
    expect(groups.member.map((m) => m.name)).toEqual(['Bob', 'Ève']);
    expect(groups.invited.map((m) => m.name)).toEqual(['Guest']);
  });

  it('filters on names and Matrix IDs, accents and case aside', () => {
    expect(groupMembers(all, 'EVE').member.map((m) => m.userId)).toEqual(['@eve:x']);
    expect(groupMembers(all, 'zoe').admin).toHaveLength(1);
    expect(groupMembers(all, '@guest').invited).toHaveLength(1);
    expect(Object.values(groupMembers(all, 'nobody')).flat()).toEqual([]);
  });
});

describe('moderation', () => {
  it('needs the kick or ban level and a level above the person', () => {
    const levels = moderationLevels({ users: { '@mod:x': 50, '@admin:x': 100 }, kick: 50, ban: 75 }, '@mod:x');
    expect(levels).toEqual({ myLevel: 50, kick: 50, ban: 75 });
    expect(moderationAllowed(levels, { userId: '@bob:x', powerLevel: 0 }, '@mod:x')).toEqual({ remove: true, ban: false });
    expect(moderationAllowed(levels, { userId: '@admin:x', powerLevel: 100 }, '@mod:x')).toEqual({ remove: false, ban: false });
    expect(moderationAllowed(levels, { userId: '@peer:x', powerLevel: 50 }, '@mod:x')).toEqual({ remove: false, ban: false });
    expect(moderationAllowed(levels, { userId: '@mod:x', powerLevel: 50 }, '@mod:x')).toEqual({ remove: false, ban: false });
  });

  it('uses the spec defaults when power levels say nothing', () => {
    expect(moderationLevels(undefined, '@me:x')).toEqual({ myLevel: 0, kick: 50, ban: 50 });
    expect(moderationLevels({ users_default: 10 }, '@me:x').myLevel).toBe(10);
  });
});
