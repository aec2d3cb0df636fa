// Secrets in the OS keychain through @napi-rs/keyring (the maintained successor of the archived
// keytar). The keyring module is injected so the store is tested against a real Secret Service and
// the error mapping against fakes.
import { SecretStoreError, type KeychainBackend, type SecretStore, type SecretStoreFailure } from './secretStore.ts';

export interface KeyringEntry {
  getPassword(): Promise<string | null>;
  setPassword(password: string): Promise<void>;
  deleteCredential(): Promise<boolean>;
}

export type EntryFactory = (service: string, account: string) => KeyringEntry;

export const KEYCHAIN_SERVICE = 'eu.relais.desktop';
const CALL_TIMEOUT_MS = 10_000;

export class KeyringSecretStore implements SecretStore {
  readonly persistent = true;
  readonly backend: Exclude<KeychainBackend, 'none'>;
  private readonly entry: EntryFactory;
  private readonly service: string;

  constructor(backend: Exclude<KeychainBackend, 'none'>, entry: EntryFactory, service: string = KEYCHAIN_SERVICE) {
    this.backend = backend;
    this.entry = entry;
    this.service = service;
  }

  get(key: string): Promise<string | null> {
    return guarded('read', () => this.entry(this.service, key).getPassword());
  }

  set(key: string, value: string): Promise<void> {
    return guarded('write', () => this.entry(this.service, key).setPassword(value));
  }

  delete(key: string): Promise<boolean> {
    return guarded('delete', () => this.entry(this.service, key).deleteCredential());
  }
}

/**
 * Runs one keychain call with a timeout (a keychain waiting on an unlock prompt nobody answers must
 * not hang the app) and turns its errors into SecretStoreErrors. Messages never include values.
 */
async function guarded<T>(operation: string, call: () => Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new SecretStoreError('locked', `The keychain did not answer a ${operation} within ${CALL_TIMEOUT_MS / 1000} s`)),
      CALL_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([call(), timeout]);
  } catch (error) {
    if (error instanceof SecretStoreError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new SecretStoreError(classifyKeyringError(message), `Keychain ${operation} failed: ${message}`);
  } finally {
    clearTimeout(timer);
  }
}

/** Maps the platform's error text to what the user can do about it. */
export function classifyKeyringError(message: string): SecretStoreFailure {
  const m = message.toLowerCase();
  if (/locked|prompt|dismissed|user canceled|interaction not allowed|access denied/.test(m)) return 'locked';
  if (/dbus|no storage access|not available|no such|service unknown|autolaunch|not provided by any \.service/.test(m)) {
    return 'unavailable';
  }
  return 'failed';
}
