// How call keys travel in the app: Olm-encrypted to-device messages in Element Call's format
// (io.element.call.encryption_keys, with a key index), written and read by matrix-js-sdk's
// ToDeviceKeyTransport. Apart from mediaEncryption.ts so that the engine does not pull in the SDK's
// client (the call bench runs the engine without a homeserver).
import type { MatrixClient } from 'matrix-js-sdk';
import type { IKeyTransport } from 'matrix-js-sdk/lib/matrixrtc/IKeyTransport.js';
import { ToDeviceKeyTransport } from 'matrix-js-sdk/lib/matrixrtc/ToDeviceKeyTransport.js';
import { rendererLogger } from '../../platform/log.ts';
import { clientDeviceTracker, type DeviceTracker } from './deviceTracking.ts';
import type { CallDevice } from './mediaEncryption.ts';

type KeyClient = Pick<MatrixClient, 'encryptAndSendToDevice' | 'on' | 'off' | 'getCrypto'>;

/**
 * The client as the transport sees it, except that the recipients' devices are tracked first: in an
 * unencrypted room the crypto would not know them and the key would go nowhere (deviceTracking.ts).
 */
function trackingClient(client: KeyClient): Pick<MatrixClient, 'encryptAndSendToDevice' | 'on' | 'off'> {
  const log = rendererLogger('calls');
  let tracker: Promise<DeviceTracker> | null = null;
  const encryptAndSendToDevice: MatrixClient['encryptAndSendToDevice'] = async (eventType, devices, payload) => {
    tracker ??= clientDeviceTracker(client, (message) => log.warn(message));
    // A failed key query must not stop the key from going to the devices already known.
    await (
      await tracker
    )
      .track(devices.map((device) => device.userId))
      .catch(log.swallow('tracking call members’ devices', 'warn'));
    return client.encryptAndSendToDevice(eventType, devices, payload);
  };
  return { encryptAndSendToDevice, on: client.on.bind(client), off: client.off.bind(client) };
}

/** The key transport of a call in `roomId`, for this device. */
export function toDeviceKeyTransport(client: KeyClient, roomId: string, me: CallDevice): IKeyTransport {
  const identity = { userId: me.userId, deviceId: me.deviceId, memberId: `${me.userId}:${me.deviceId}` };
  const statistics = {
    counters: { roomEventEncryptionKeysSent: 0, roomEventEncryptionKeysReceived: 0 },
    totals: { roomEventEncryptionKeysReceivedTotalAge: 0 },
  };
  return new ToDeviceKeyTransport(identity, roomId, trackingClient(client), statistics);
}
