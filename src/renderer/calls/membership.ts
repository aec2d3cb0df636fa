// MatrixRTC call membership (MSC3401/MSC4143) as matrix-js-sdk and Element Call write it: one room
// state event per device, type `org.matrix.msc3401.call.member`, state key
// `_{userId}_{deviceId}_m.call` (older Element Call wrote `_{userId}_{deviceId}`; both are read).
// The leading underscore matters: Synapse treats state keys starting with "@" as owned by that user
// and checks them against the sender in ways that differ by room version; "_" keys are plain strings.
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

/** The key Relais writes: the one current matrix-js-sdk writes, so its MatrixRTCSession reads ours. */
export function membershipStateKey(userId: string, deviceId: string): string {
  return `_${userId}_${deviceId}_m.call`;
}

/**
 * Whether a state key names this user's device: the current and the older Element Call forms, with
 * the leading underscore or without it (rooms whose version lets users own "@" state keys).
 */
export function isMembershipKeyOf(stateKey: string, userId: string, deviceId: string): boolean {
  const bare = `${userId}_${deviceId}`;
  return [bare, `${bare}_m.call`].some((key) => stateKey === key || stateKey === `_${key}`);
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
  /**
   * The type of the member's first preferred focus: with `oldest_membership` selection, the oldest
   * member's decides where the whole call runs (ours is "relais_sfu", Element Call's "livekit").
   */
  preferredFocusType: string | null;
}

/**
 * One membership, or null when it is empty (left), malformed, not a room call, or written by
 * someone other than the user its state key names (a member cannot put someone else in a call).
 */
export function parseMember(event: RawMemberEvent, now: number): CallMember | null {
  const c = event.content;
  if (c.application !== 'm.call' || c.scope !== 'm.room' || c.call_id !== '') return null;
  if (typeof c.device_id !== 'string' || c.device_id === '') return null;
  if (!isMembershipKeyOf(event.stateKey, event.sender, c.device_id)) return null;
  const createdTs = typeof c.created_ts === 'number' ? c.created_ts : event.originServerTs;
  const expires = typeof c.expires === 'number' && c.expires > 0 ? c.expires : MEMBERSHIP_EXPIRES_MS;
  const expiresAt = createdTs + expires;
  if (expiresAt <= now) return null;
  const foci = Array.isArray(c.foci_preferred) ? c.foci_preferred : [];
  const ours = foci.find((f): f is Record<string, unknown> => isRecord(f) && f.type === RELAIS_FOCUS_TYPE);
  const url = ours && typeof ours.url === 'string' ? ours.url : null;
  const first: unknown = foci[0];
  const preferredFocusType = isRecord(first) && typeof first.type === 'string' ? first.type : null;
  return { userId: event.sender, deviceId: c.device_id, createdTs, expiresAt, relaisFocusUrl: url, preferredFocusType };
}

/**
 * The newer membership form (MSC4143 with MSC4354 sticky events), which matrix-js-sdk writes when a
 * client asks for it (`unstableSendStickyEvents`): an `m.rtc.member` room event, valid for the
 * sticky duration the server accepted, naming the member and its transports.
 */
export const RTC_MEMBER_EVENT = 'org.matrix.msc4143.rtc.member';
/** The slot of a room's call, as Element Call and matrix-js-sdk name it (application m.call, id ROOM). */
export const ROOM_CALL_SLOT = 'm.call#ROOM';

export interface RawStickyMember {
  sender: string;
  originServerTs: number;
  /** When the sticky event stops counting (its timestamp plus its sticky duration). */
  expiresAt: number;
  content: Record<string, unknown>;
}

/** One sticky membership, or null: a withdrawal (empty), another slot, malformed, or about someone else. */
export function parseRtcMember(event: RawStickyMember, now: number): CallMember | null {
  const c = event.content;
  if (c.slot_id !== ROOM_CALL_SLOT || event.expiresAt <= now) return null;
  const member = isRecord(c.member) ? c.member : null;
  if (!member || member.user_id !== event.sender) return null;
  if (typeof member.device_id !== 'string' || member.device_id === '') return null;
  const application = isRecord(c.application) ? c.application : null;
  if (application?.type !== 'm.call') return null;
  const transports = isRecord(c.transports) && Array.isArray(c.transports.published) ? c.transports.published : [];
  const ours = transports.find((t): t is Record<string, unknown> => isRecord(t) && t.type === RELAIS_FOCUS_TYPE);
  const first: unknown = transports[0];
  return {
    userId: event.sender,
    deviceId: member.device_id,
    createdTs: event.originServerTs,
    expiresAt: event.expiresAt,
    relaisFocusUrl: ours && typeof ours.url === 'string' ? ours.url : null,
    preferredFocusType: isRecord(first) && typeof first.type === 'string' ? first.type : null,
  };
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
  sticky: readonly RawStickyMember[] = [],
): CallMember[] {
  const fromState = events.map((e) => parseMember(e, now));
  const fromSticky = sticky.map((e) => parseRtcMember(e, now));
  // A device in both forms (a client moving to sticky events) counts once: its oldest membership.
  const byDevice = new Map<string, CallMember>();
  for (const m of [...fromState, ...fromSticky]) {
    if (m === null || !isJoined(m.userId)) continue;
    const key = `${m.userId}|${m.deviceId}`;
    const known = byDevice.get(key);
    if (!known || m.createdTs < known.createdTs) byDevice.set(key, m);
  }
  return [...byDevice.values()].sort((a, b) => a.createdTs - b.createdTs || a.userId.localeCompare(b.userId));
}

/**
 * Where the room's call runs, by the rule every MatrixRTC client follows (`oldest_membership`): the
 * oldest member's preferred focus. A call on another kind of focus (Element Call's LiveKit) cannot be
 * joined from Relais, and starting ours beside it would split the room into two calls.
 */
export type CallFocusKind = { kind: 'none' } | { kind: 'relais' } | { kind: 'foreign'; focusType: string };

export function callFocusKind(members: readonly CallMember[]): CallFocusKind {
  const oldest = members[0];
  if (!oldest) return { kind: 'none' };
  if (oldest.preferredFocusType === RELAIS_FOCUS_TYPE) return { kind: 'relais' };
  return { kind: 'foreign', focusType: oldest.preferredFocusType ?? 'unknown' };
}

/** Distinct users in the call (a user may be there with several devices). */
export function usersInCall(members: readonly CallMember[]): string[] {
  return [...new Set(members.map((m) => m.userId))];
}
