// MatrixRTC call membership (MSC3401/MSC4143) as Element Call writes it: one room state event per
// device, type `org.matrix.msc3401.call.member`, state key `_{userId}_{deviceId}`. The leading
// underscore matters: Synapse treats state keys starting with "@" as owned by that user and checks
// them against the sender in ways that differ by room version; "_" keys are plain strings.
// Leaving writes empty content. Pure: no matrix-js-sdk import, so it is unit tested as data.
import { isRecord } from '../../shared/guards.ts';

export const CALL_MEMBER_EVENT = 'org.matrix.msc3401.call.member';
/** Our focus type in memberships and in `.well-known` `org.matrix.msc4143.rtc_foci`. */
export const RELAIS_FOCUS_TYPE = 'relais_sfu';
/** How long a membership stays valid without renewal; Element Call uses 4 hours. */
export const MEMBERSHIP_EXPIRES_MS = 4 * 60 * 60 * 1000;

export interface RelaisFocus {
  type: typeof RELAIS_FOCUS_TYPE;
  /** WebSocket URL of the SFU's signaling endpoint. */
  url: string;
}

export interface CallMemberContent {
  application: 'm.call';
  call_id: '';
  scope: 'm.room';
  device_id: string;
  expires: number;
  created_ts?: number;
  focus_active: { type: string; focus_selection: 'oldest_membership' };
  foci_preferred: { type: string; [key: string]: unknown }[];
}

export function membershipStateKey(userId: string, deviceId: string): string {
  return `_${userId}_${deviceId}`;
}

export function membershipContent(deviceId: string, focus: RelaisFocus, createdTs?: number): CallMemberContent {
  return {
    application: 'm.call',
    call_id: '',
    scope: 'm.room',
    device_id: deviceId,
    expires: MEMBERSHIP_EXPIRES_MS,
    ...(createdTs === undefined ? {} : { created_ts: createdTs }),
    focus_active: { type: RELAIS_FOCUS_TYPE, focus_selection: 'oldest_membership' },
    foci_preferred: [{ type: focus.type, url: focus.url }],
  };
}

/** A state event as the room holds it, reduced to what membership parsing needs. */
export interface RawMemberEvent {
  stateKey: string;
  sender: string;
  originServerTs: number;
  content: Record<string, unknown>;
}

export interface CallMember {
  userId: string;
  deviceId: string;
  /** When the membership was first written (created_ts, else the event's timestamp). */
  createdTs: number;
  expiresAt: number;
  /** Our SFU URL if the member names a Relais focus; Element Call members name LiveKit instead. */
  relaisFocusUrl: string | null;
}

/**
 * One membership, or null when it is empty (left), malformed, not a room call, or written by
 * someone other than the user its state key names (a member cannot put someone else in a call).
 */
export function parseMember(event: RawMemberEvent, now: number): CallMember | null {
  const c = event.content;
  if (c.application !== 'm.call' || c.scope !== 'm.room' || c.call_id !== '') return null;
  if (typeof c.device_id !== 'string' || c.device_id === '') return null;
  if (event.stateKey !== membershipStateKey(event.sender, c.device_id)) return null;
  const createdTs = typeof c.created_ts === 'number' ? c.created_ts : event.originServerTs;
  const expires = typeof c.expires === 'number' && c.expires > 0 ? c.expires : MEMBERSHIP_EXPIRES_MS;
  const expiresAt = createdTs + expires;
  if (expiresAt <= now) return null;
  const foci = Array.isArray(c.foci_preferred) ? c.foci_preferred : [];
  const ours = foci.find((f): f is Record<string, unknown> => isRecord(f) && f.type === RELAIS_FOCUS_TYPE);
  const url = ours && typeof ours.url === 'string' ? ours.url : null;
  return { userId: event.sender, deviceId: c.device_id, createdTs, expiresAt, relaisFocusUrl: url };
}

/** Active members, oldest first (the order `oldest_membership` focus selection uses). */
export function activeMembers(
  events: readonly RawMemberEvent[],
  now: number,
  /**
   * Whether a user is still joined to the room. A member kicked or banned during a call cannot clear
   * their own call membership (the room refuses their events): it stays until its delayed leave or
   * expiry fires, and must not show them as "in the call" meanwhile.
   */
  isJoined: (userId: string) => boolean = () => true,
): CallMember[] {
  const members = events.map((e) => parseMember(e, now)).filter((m): m is CallMember => m !== null && isJoined(m.userId));
  return members.sort((a, b) => a.createdTs - b.createdTs || a.userId.localeCompare(b.userId));
}

/** The SFU the call already uses: the oldest member's Relais focus, as Element Call picks it. */
export function focusOfCall(members: readonly CallMember[]): string | null {
  return members.find((m) => m.relaisFocusUrl !== null)?.relaisFocusUrl ?? null;
}

/** Distinct users in the call (a user may be there with several devices). */
export function usersInCall(members: readonly CallMember[]): string[] {
  return [...new Set(members.map((m) => m.userId))];
}
