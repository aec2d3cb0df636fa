// Room operations the UI offers, with the defaults Relais promises: private rooms are encrypted.
import { EventType, Preset, type MatrixClient } from 'matrix-js-sdk';

const MEGOLM = 'm.megolm.v1.aes-sha2';
const MATRIX_USER_ID = /^@[a-z0-9._=\-/+]+:[a-z0-9.-]+(:\d{1,5})?$/i;

export async function createPrivateRoom(client: MatrixClient, name: string): Promise<string> {
  const { room_id: roomId } = await client.createRoom({
    name,
    preset: Preset.PrivateChat,
    initial_state: [{ type: EventType.RoomEncryption, state_key: '', content: { algorithm: MEGOLM } }],
  });
  return roomId;
}

export function isValidUserId(userId: string): boolean {
  return userId.length <= 255 && MATRIX_USER_ID.test(userId);
}

export async function inviteUser(client: MatrixClient, roomId: string, userId: string): Promise<void> {
  await client.invite(roomId, userId);
}
