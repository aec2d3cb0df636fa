// Room operations the UI offers, with the defaults Relais promises: private rooms are encrypted.
import { EventType, Preset, type MatrixClient } from 'matrix-js-sdk';

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

export function isValidUserId(userId: string): boolean {
  return userId.length <= 255 && MATRIX_USER_ID.test(userId);
}

export async function inviteUser(client: MatrixClient, roomId: string, userId: string): Promise<void> {
  await client.invite(roomId, userId);
}
