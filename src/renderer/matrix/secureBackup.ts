// Cross-signing and key backup. Cross-signing is set up silently at first sign-in when the server
// allows the first key upload without re-authentication (MSC3967, Synapse's default); otherwise the
// user's password is asked for. Key backup needs a recovery key the user saves, so it is offered, not imposed.
import { MatrixError, type AuthDict, type MatrixClient } from 'matrix-js-sdk';

export class PasswordRequiredError extends Error {
  constructor() {
    super('The homeserver asks for the password to publish cross-signing keys');
    this.name = 'PasswordRequiredError';
  }
}

/** A short-lived cache for the secret storage key created during set-up (never persisted). */
export class SecretStorageKeyCache {
  private readonly keys = new Map<string, Uint8Array<ArrayBuffer>>();

  remember(keyId: string, key: Uint8Array<ArrayBuffer>): void {
    this.keys.set(keyId, key);
  }

  lookup(keyIds: string[]): [string, Uint8Array<ArrayBuffer>] | null {
    for (const id of keyIds) {
      const key = this.keys.get(id);
      if (key) return [id, key];
    }
    return null;
  }

  clear(): void {
    this.keys.clear();
  }
}

export async function ensureCrossSigning(client: MatrixClient, password?: string): Promise<void> {
  const crypto = client.getCrypto();
  if (!crypto) throw new Error('Encryption is not running');
  if (await crypto.isCrossSigningReady()) return;
  await crypto.bootstrapCrossSigning({
    authUploadDeviceSigningKeys: async (makeRequest) => {
      try {
        await makeRequest(null);
      } catch (error) {
        const session = uiaSession(error);
        if (session === undefined) throw error;
        if (!password) throw new PasswordRequiredError();
        const auth: AuthDict = {
          type: 'm.login.password',
          identifier: { type: 'm.id.user', user: client.getSafeUserId() },
          password,
          session,
        };
        await makeRequest(auth);
      }
    },
  });
}

/** Creates secret storage and a key backup; returns the recovery key the user must save. */
export async function setUpKeyBackup(client: MatrixClient): Promise<string> {
  const crypto = client.getCrypto();
  if (!crypto) throw new Error('Encryption is not running');
  let recoveryKey: string | undefined;
  await crypto.bootstrapSecretStorage({
    createSecretStorageKey: async () => {
      const generated = await crypto.createRecoveryKeyFromPassphrase();
      recoveryKey = generated.encodedPrivateKey;
      return generated;
    },
    setupNewSecretStorage: true,
    setupNewKeyBackup: true,
  });
  if (!recoveryKey) throw new Error('No recovery key was generated');
  return recoveryKey;
}

export async function isKeyBackupSetUp(client: MatrixClient): Promise<boolean> {
  const crypto = client.getCrypto();
  if (!crypto) return false;
  return (await crypto.getActiveSessionBackupVersion()) !== null;
}

function uiaSession(error: unknown): string | undefined {
  if (error instanceof MatrixError && error.httpStatus === 401) {
    const session: unknown = error.data.session;
    return typeof session === 'string' ? session : '';
  }
  return undefined;
}
