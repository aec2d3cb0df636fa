// How call keys travel in the app: Olm-encrypted to-device messages in Element Call's format
// (io.element.call.encryption_keys, with a key index), written and read by matrix-js-sdk's
// ToDeviceKeyTransport. Apart from mediaEncryption.ts so that the engine does not pull in the SDK's
// client (the call bench runs the engine without a homeserver).
import type { MatrixClient } from 'matrix-js-sdk';
import type { IKeyTransport } from 'matrix-js-sdk/lib/matrixrtc/IKeyTransport.js';
import { ToDeviceKeyTransport } from 'matrix-js-sdk/lib/matrixrtc/ToDeviceKeyTransport.js';
import type { CallDevice } from './mediaEncryption.ts';

/** The key transport of a call in `roomId`, for this device. */
export function toDeviceKeyTransport(
  client: Pick<MatrixClient, 'encryptAndSendToDevice' | 'on' | 'off'>,
  roomId: string,
  me: CallDevice,
): IKeyTransport {
  const identity = { userId: me.userId, deviceId: me.deviceId, memberId: `${me.userId}:${me.deviceId}` };
  const statistics = {
    counters: { roomEventEncryptionKeysSent: 0, roomEventEncryptionKeysReceived: 0 },
    totals: { roomEventEncryptionKeysReceivedTotalAge: 0 },
  };
  return new ToDeviceKeyTransport(identity, roomId, client, statistics);
}
