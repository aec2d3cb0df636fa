// A room's people as the Members panel shows them: grouped by role (from power levels, as Element
// names them), sorted by name, and what I may do to each one (the spec's kick and ban rules). Pure.
import { fold } from './people/peopleSearch.ts';

export type Role = 'admin' | 'moderator' | 'member';

/** Element's names for power levels: 100 and above is Admin, 50 and above Moderator. */
export function roleOf(powerLevel: number): Role {
  if (powerLevel >= 100) return 'admin';
  if (powerLevel >= 50) return 'moderator';
  return 'member';
}

export interface MemberEntry {
  userId: string;
  name: string;
  avatarMxc: string | null;
  powerLevel: number;
  membership: 'join' | 'invite';
}

export interface MemberGroups {
  admin: MemberEntry[];
  moderator: MemberEntry[];
  member: MemberEntry[];
  invited: MemberEntry[];
}

/** Joined people by role, then people invited; each group by name. A filter keeps names and IDs that contain it. */
export function groupMembers(members: readonly MemberEntry[], filter = ''): MemberGroups {
  const wanted = fold(filter);
  const groups: MemberGroups = { admin: [], moderator: [], member: [], invited: [] };
  const sorted = [...members].sort((a, b) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId));
  for (const member of sorted) {
    if (wanted !== '' && !fold(member.name).includes(wanted) && !fold(member.userId).includes(wanted)) continue;
    if (member.membership === 'invite') groups.invited.push(member);
    else groups[roleOf(member.powerLevel)].push(member);
  }
  return groups;
}

export interface ModerationLevels {
  myLevel: number;
  kick: number;
  ban: number;
}

/** The spec: one may kick or ban someone only with the level for it, and above their own level. */
export function moderationAllowed(levels: ModerationLevels, target: { userId: string; powerLevel: number }, me: string) {
  const above = target.userId !== me && levels.myLevel > target.powerLevel;
  return { remove: above && levels.myLevel >= levels.kick, ban: above && levels.myLevel >= levels.ban };
}

/** Power levels content as the spec defaults it (kick and ban 50, users 0). */
export function moderationLevels(content: Record<string, unknown> | undefined, me: string): ModerationLevels {
  const number = (value: unknown, fallback: number) => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);
  const users = (content?.users ?? {}) as Record<string, unknown>;
  return {
    myLevel: number(users[me], number(content?.users_default, 0)),
    kick: number(content?.kick, 50),
    ban: number(content?.ban, 50),
  };
}
