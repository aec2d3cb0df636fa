// Call keys are Olm-encrypted to each member's devices, and the crypto only encrypts to devices it
// tracks. matrix-js-sdk tracks the members of *encrypted* rooms only (RoomEncryptor), so in an
// unencrypted room every key went to an "unknown device" and nobody could decode anybody. Before
// sending, the call's users are tracked and their device lists queried, as RoomEncryptor does for a
// room's first message. matrix-js-sdk has no public call for this: the RustCrypto internals it uses
// are reached through a shape check, and if a future SDK renames them we log once and carry on
// (keys then reach only devices already known, as before).
import type { MatrixClient } from 'matrix-js-sdk';

/** The two RustCrypto internals RoomEncryptor itself uses (matrix-js-sdk 43, pinned). */
interface CryptoInternals {
  olmMachine: { updateTrackedUsers(users: unknown[]): Promise<void> };
  outgoingRequestsManager: { doProcessOutgoingRequests(): Promise<void> };
}

type MakeUserId = (userId: string) => unknown;

function hasInternals(crypto: unknown): crypto is CryptoInternals {
  if (typeof crypto !== 'object' || crypto === null) return false;
  const { olmMachine, outgoingRequestsManager } = crypto as Partial<Record<keyof CryptoInternals, unknown>>;
  return (
    typeof (olmMachine as Partial<CryptoInternals['olmMachine']> | undefined)?.updateTrackedUsers === 'function' &&
    typeof (outgoingRequestsManager as Partial<CryptoInternals['outgoingRequestsManager']> | undefined)
      ?.doProcessOutgoingRequests === 'function'
  );
}

export interface DeviceTracker {
  /** Resolves once the devices of `userIds` are known to the crypto (or tracking is impossible). */
  track(userIds: readonly string[]): Promise<void>;
}

/**
 * A tracker for `crypto` (client.getCrypto()). Users already tracked by this tracker are not queried
 * again: the SDK keeps their device lists up to date from sync's device_lists once tracked.
 */
export function deviceTracker(crypto: unknown, makeUserId: MakeUserId, warn: (message: string) => void): DeviceTracker {
  const tracked = new Set<string>();
  let warned = false;
  return {
    async track(userIds) {
      const fresh = [...new Set(userIds)].filter((id) => !tracked.has(id));
      if (fresh.length === 0) return;
      if (!hasInternals(crypto)) {
        if (!warned) warn('cannot track call members’ devices with this matrix-js-sdk: keys go to known devices only');
        warned = true;
        return;
      }
      await crypto.olmMachine.updateTrackedUsers(fresh.map(makeUserId));
      // The key query is an outgoing request; without this it waits for the end of the next sync.
      await crypto.outgoingRequestsManager.doProcessOutgoingRequests();
      for (const id of fresh) tracked.add(id);
    },
  };
}

/** The tracker of a signed-in client. */
export async function clientDeviceTracker(
  client: Pick<MatrixClient, 'getCrypto'>,
  warn: (message: string) => void,
): Promise<DeviceTracker> {
  const { UserId } = await import('@matrix-org/matrix-sdk-crypto-wasm');
  return deviceTracker(client.getCrypto(), (id) => new UserId(id), warn);
}
