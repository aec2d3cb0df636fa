// Direct client-server API calls for E2E tests: set-up that is not under test (rooms, logins) and
// checks "through the homeserver" that do not trust the UI.
import { crc32, deflateSync } from 'node:zlib';

export interface ApiSession {
  homeserver: string;
  userId: string;
  accessToken: string;
}

/** A session from a password login, which also names the device it created. */
export interface LoggedInSession extends ApiSession {
  deviceId: string;
}

export async function apiLogin(homeserver: string, user: { username: string; password: string }): Promise<LoggedInSession> {
  const res = await fetch(`${homeserver}/_matrix/client/v3/login`, {
    method: 'POST',
    body: JSON.stringify({
      type: 'm.login.password',
      identifier: { type: 'm.id.user', user: user.username },
      password: user.password,
    }),
  });
  if (!res.ok) throw new Error(`login ${user.username}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { user_id: string; access_token: string; device_id: string };
  return { homeserver, userId: body.user_id, accessToken: body.access_token, deviceId: body.device_id };
}

export async function api<T>(s: ApiSession, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${s.homeserver}/_matrix/client/v3${path}`, {
    method,
    headers: { Authorization: `Bearer ${s.accessToken}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export async function createRoom(
  s: ApiSession,
  options: { name: string; invite?: string[]; encrypted?: boolean; powerLevels?: Record<string, unknown> },
): Promise<string> {
  const initialState = options.encrypted
    ? [{ type: 'm.room.encryption', state_key: '', content: { algorithm: 'm.megolm.v1.aes-sha2' } }]
    : [];
  const { room_id } = await api<{ room_id: string }>(s, 'POST', '/createRoom', {
    name: options.name,
    preset: 'private_chat',
    invite: options.invite ?? [],
    initial_state: initialState,
    ...(options.powerLevels ? { power_level_content_override: options.powerLevels } : {}),
  });
  return room_id;
}

export async function joinRoom(s: ApiSession, roomId: string): Promise<void> {
  await api(s, 'POST', `/join/${encodeURIComponent(roomId)}`, {});
}

export interface RawEvent {
  type: string;
  sender: string;
  event_id: string;
  origin_server_ts: number;
  content: Record<string, unknown>;
  unsigned?: { transaction_id?: string };
}

/** The room's most recent events, oldest first. */
export async function roomEvents(s: ApiSession, roomId: string, limit = 100): Promise<RawEvent[]> {
  const { chunk } = await api<{ chunk: RawEvent[] }>(
    s,
    'GET',
    `/rooms/${encodeURIComponent(roomId)}/messages?dir=b&limit=${limit}`,
  );
  return chunk.reverse();
}

export async function sendText(s: ApiSession, roomId: string, body: string): Promise<string> {
  const txn = `test-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const { event_id } = await api<{ event_id: string }>(
    s,
    'PUT',
    `/rooms/${encodeURIComponent(roomId)}/send/m.room.message/${txn}`,
    { msgtype: 'm.text', body },
  );
  return event_id;
}

/** Uploads a picture and makes it the room's avatar; returns its mxc:// URI. */
export async function setRoomAvatar(s: ApiSession, roomId: string, png: Buffer): Promise<string> {
  const res = await fetch(`${s.homeserver}/_matrix/media/v3/upload?filename=avatar.png`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${s.accessToken}`, 'Content-Type': 'image/png' },
    body: new Uint8Array(png),
  });
  if (!res.ok) throw new Error(`upload: ${res.status} ${await res.text()}`);
  const { content_uri } = (await res.json()) as { content_uri: string };
  await api(s, 'PUT', `/rooms/${encodeURIComponent(roomId)}/state/m.room.avatar/`, { url: content_uri });
  return content_uri;
}

/** A square PNG of one colour, big enough for the homeserver to make thumbnails of. */
export function solidPng(size: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: size }, () => rgb).flat())]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: size }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
