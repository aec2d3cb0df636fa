// Chooses where secrets live at start-up, and remembers which keychain backend holds them so a
// keychain that stops answering is reported as such instead of silently downgrading (Element's Linux
// users were locked out by exactly that). Never falls back to plaintext on disk.
import { KeyringSecretStore, type EntryFactory } from './keyringSecretStore.ts';
import { MemorySecretStore, SecretStoreError, type KeychainBackend, type SecretStore } from './secretStore.ts';

/** A small, non-secret record of the backend in use, kept in the profile. */
export interface BackendMarker {
  read(): Promise<KeychainBackend | null>;
  write(backend: KeychainBackend): Promise<void>;
}

export type KeychainProblem =
  /** No keychain here and none used before: secrets last for this run only. */
  | 'no-keychain'
  /** A keychain held our secrets before but does not answer now: the user must start or unlock it. */
  | 'keychain-unavailable'
  /** The keychain answers but is locked. */
  | 'keychain-locked';

export interface OpenedSecretStore {
  store: SecretStore;
  problem: KeychainProblem | null;
}

export interface OpenOptions {
  platform: NodeJS.Platform;
  /** Builds an entry pinned to the platform's real keychain (on Linux: the Secret Service only). */
  entry: EntryFactory | null;
  marker: BackendMarker;
  log(message: string): void;
  /** The keychain service name; tests give each run its own so they cannot see each other's secrets. */
  service?: string;
}

const PROBE_ACCOUNT = 'relais-keychain-probe';

export function backendFor(platform: NodeJS.Platform): Exclude<KeychainBackend, 'none'> | null {
  switch (platform) {
    case 'linux':
    case 'freebsd':
      return 'secret-service';
    case 'darwin':
      return 'keychain';
    case 'win32':
      return 'windows-credential-manager';
    default:
      return null;
  }
}

export async function openSecretStore(options: OpenOptions): Promise<OpenedSecretStore> {
  const backend = backendFor(options.platform);
  const previous = await options.marker.read().catch(() => null);
  if (backend && options.entry) {
    const store = new KeyringSecretStore(backend, options.entry, options.service);
    try {
      // A write proves the keychain answers and is unlocked: a locked Secret Service collection
      // answers a lookup of a missing item without asking to be unlocked.
      await store.set(PROBE_ACCOUNT, 'probe');
      await store.delete(PROBE_ACCOUNT);
      if (previous !== backend) await options.marker.write(backend);
      options.log(`secrets: using ${backend}`);
      return { store, problem: null };
    } catch (error) {
      const failure = error instanceof SecretStoreError ? error.failure : 'failed';
      options.log(`secrets: ${backend} is not usable (${failure})`);
      if (failure === 'locked') return { store: new MemorySecretStore(), problem: 'keychain-locked' };
    }
  }
  const problem = previous && previous !== 'none' ? 'keychain-unavailable' : 'no-keychain';
  options.log(`secrets: keeping secrets in memory for this run only (${problem})`);
  return { store: new MemorySecretStore(), problem };
}
