// Where the main process keeps secrets (access token, device id, the key of the local crypto store).
// Secrets go to the OS keychain; when none answers they live in memory for this run only — never in
// plaintext on disk.
export type KeychainBackend = 'secret-service' | 'keychain' | 'windows-credential-manager' | 'none';

/** Why a store call failed, in terms the UI can act on. */
export type SecretStoreFailure = 'locked' | 'unavailable' | 'failed';

export class SecretStoreError extends Error {
  readonly failure: SecretStoreFailure;

  constructor(failure: SecretStoreFailure, message: string) {
    super(message);
    this.failure = failure;
    this.name = 'SecretStoreError';
  }
}

export interface SecretStore {
  readonly backend: KeychainBackend;
  readonly persistent: boolean;
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<boolean>;
}

export class MemorySecretStore implements SecretStore {
  readonly backend = 'none' as const;
  readonly persistent = false;
  private readonly values = new Map<string, string>();

  get(key: string): Promise<string | null> {
    return Promise.resolve(this.values.get(key) ?? null);
  }

  set(key: string, value: string): Promise<void> {
    this.values.set(key, value);
    return Promise.resolve();
  }

  delete(key: string): Promise<boolean> {
    return Promise.resolve(this.values.delete(key));
  }
}
