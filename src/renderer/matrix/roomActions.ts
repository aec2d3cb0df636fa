// Room operations the UI offers, with the defaults Relais promises: private rooms are encrypted.
// Pure of React: the room view reaches them through features/room/useRoomActions.ts, which shows
// their failures in the room.
import { EventTimeline, EventType, Preset, type MatrixClient, type Room } from 'matrix-js-sdk';

const MEGOLM = 'm.megolm.v1.aes-sha2';
const MATRIX_USER_ID = /^@[a-z0-9._=\-/+]+:[a-z0-9.-]+(:\d{1,5})?$/i;

/** Tchap servers expect every room to say who may ever join it (Tchap's own clients always do). */
const TCHAP_ACCESS_RULES = 'im.vector.room.access_rules';

export interface RoomCreationContext {
  tchap: boolean;
}

/**
 * Power levels for new rooms: Synapse's defaults, plus call membership at level 0 so every member
 * can say they joined a call (Element does the same). The override replaces the whole `events` map,
 * hence the defaults repeated here.
 */
const POWER_LEVEL_OVERRIDE = {
  events: {
    'm.room.name': 50,
    'm.room.power_levels': 100,
    'm.room.history_visibility': 100,
    'm.room.canonical_alias': 50,
    'm.room.avatar': 50,
    'm.room.tombstone': 100,
    'm.room.server_acl': 100,
    'm.room.encryption': 100,
    'org.matrix.msc3401.call.member': 0,
  },
};

function encryptionState() {
  return { type: EventType.RoomEncryption, state_key: '', content: { algorithm: MEGOLM } };
}

export async function createPrivateRoom(
  client: MatrixClient,
  name: string,
  context: RoomCreationContext = { tchap: false },
): Promise<string> {
  const initialState = [
    encryptionState(),
    ...(context.tchap ? [{ type: TCHAP_ACCESS_RULES, state_key: '', content: { rule: 'restricted' } }] : []),
  ];
  const { room_id: roomId } = await client.createRoom({
    name,
    preset: Preset.PrivateChat,
    initial_state: initialState,
    power_level_content_override: POWER_LEVEL_OVERRIDE,
  });
  return roomId;
}

/** A direct message: an encrypted private room flagged as direct, recorded in m.direct for both lists. */
export async function createDirectMessage(
  client: MatrixClient,
  userId: string,
  context: RoomCreationContext = { tchap: false },
): Promise<string> {
  const initialState = [
    encryptionState(),
    ...(context.tchap ? [{ type: TCHAP_ACCESS_RULES, state_key: '', content: { rule: 'direct' } }] : []),
  ];
  const { room_id: roomId } = await client.createRoom({
    preset: Preset.TrustedPrivateChat,
    is_direct: true,
    invite: [userId],
    initial_state: initialState,
    power_level_content_override: POWER_LEVEL_OVERRIDE,
  });
  const direct = client.getAccountData(EventType.Direct)?.getContent<Record<string, string[]>>() ?? {};
  await client.setAccountData(EventType.Direct, { ...direct, [userId]: [...(direct[userId] ?? []), roomId] });
  return roomId;
}

/** A direct conversation with this person that I am still in, from m.direct (null when there is none). */
export function existingDirectMessage(client: MatrixClient, userId: string): string | null {
  const direct = client.getAccountData(EventType.Direct)?.getContent<Record<string, string[]>>() ?? {};
  for (const roomId of direct[userId] ?? []) {
    const room = client.getRoom(roomId);
    const theirs = room?.getMember(userId)?.membership;
    if (room?.getMyMembership() === 'join' && (theirs === 'join' || theirs === 'invite')) return roomId;
  }
  return null;
}

export function isValidUserId(userId: string): boolean {
  return userId.length <= 255 && MATRIX_USER_ID.test(userId);
}

export async function inviteUser(client: MatrixClient, roomId: string, userId: string): Promise<void> {
  await client.invite(roomId, userId);
}

export async function leaveRoom(client: MatrixClient, roomId: string): Promise<void> {
  await client.leave(roomId);
}

/** Leaves, then removes the room from the account's history (the server refuses /forget while joined). */
export async function leaveAndForgetRoom(client: MatrixClient, roomId: string): Promise<void> {
  await client.leave(roomId);
  await client.forget(roomId);
}

/** Declining an invitation is leaving the room before having joined it. */
export const declineInvitation = leaveRoom;

export async function acceptInvitation(client: MatrixClient, roomId: string): Promise<void> {
  await client.joinRoom(roomId);
}

/** How many older events one "load older" asks the server for. */
const SCROLLBACK_PAGE = 50;

/** Fetches older messages; resolves false once the room's first event has been reached. */
export async function loadOlderMessages(client: MatrixClient, room: Room): Promise<boolean> {
  await client.scrollback(room, SCROLLBACK_PAGE);
  // No backwards token left means the room's first event has been reached.
  return room.getLiveTimeline().getPaginationToken(EventTimeline.BACKWARDS) !== null;
}

/** One "typing" notice every few seconds while keys are pressed; each lasts a little longer than that. */
const TYPING_RESEND_MS = 3_000;
const TYPING_TIMEOUT_MS = 5_000;

/**
 * Typing notices for one room, throttled: "typing" at most once every TYPING_RESEND_MS, "stopped"
 * at once. Returns the request sent, or null when the throttle held it back.
 */
export function typingNotifier(
  client: MatrixClient,
  roomId: string,
  now: () => number = Date.now,
): (isTyping: boolean) => Promise<unknown> | null {
  let lastSent = 0;
  return (isTyping) => {
    const at = now();
    if (isTyping && at - lastSent < TYPING_RESEND_MS) return null;
    lastSent = isTyping ? at : 0;
    return client.sendTyping(roomId, isTyping, TYPING_TIMEOUT_MS);
  };
}
