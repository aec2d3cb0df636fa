// Sends what the Room settings dialog decided: one state event per change, the picture uploaded
// first, an address created in the server's directory before the room publishes it.
import { Method, type MatrixClient } from 'matrix-js-sdk';
import { addressesChange, settingEvent, type RoomSettings, type SettingChange, type StateContent } from './roomSettings.ts';
import { rendererLogger } from '../platform/log.ts';

type Client = Pick<MatrixClient, 'http' | 'uploadContent' | 'createAlias' | 'deleteAlias'>;

/**
 * PUT /rooms/{roomId}/state/{type}/: by path rather than sendStateEvent, whose typing knows only the
 * spec's event types (Tchap's access rules are not one of them).
 */
export async function sendSetting(client: Client, roomId: string, state: StateContent, change: SettingChange): Promise<void> {
  const { type, content } = settingEvent(state, change);
  await client.http.authedRequest(
    Method.Put,
    `/rooms/${encodeURIComponent(roomId)}/state/${encodeURIComponent(type)}/`,
    undefined,
    content,
  );
}

/** Uploads the picture and makes it the room's; resolves to its mxc:// URI. */
export async function setRoomPicture(client: Client, roomId: string, state: StateContent, file: File): Promise<string> {
  const { content_uri: mxc } = await client.uploadContent(file, { name: file.name, type: file.type });
  await sendSetting(client, roomId, state, { key: 'avatar', mxc });
  return mxc;
}

export async function addAddress(
  client: Client,
  roomId: string,
  state: StateContent,
  settings: RoomSettings,
  alias: string,
): Promise<void> {
  await client.createAlias(alias, roomId);
  await sendSetting(client, roomId, state, addressesChange(settings, { add: alias }));
}

/**
 * Unpublishes the address, then frees it in the directory. Freeing may be refused (someone else
 * created it): the room no longer shows it either way, so that is logged, not shown as a failure.
 */
export async function removeAddress(
  client: Client,
  roomId: string,
  state: StateContent,
  settings: RoomSettings,
  alias: string,
): Promise<void> {
  await sendSetting(client, roomId, state, addressesChange(settings, { remove: alias }));
  await client.deleteAlias(alias).catch(log.swallow('freeing a room address', 'info'));
}

const log = rendererLogger('room-settings');
