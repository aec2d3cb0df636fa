// The secret store the IPC handlers use. It delegates to whichever store start-up opened, and can
// re-open it when the user has unlocked or started their keychain ("Try again").
import type { KeychainProblem, OpenedSecretStore } from './openSecretStore.ts';
import type { SecretStore } from './secretStore.ts';

export interface SecretsHolder extends SecretStore {
  readonly problem: KeychainProblem | null;
  reopen(): Promise<void>;
}

export function createSecretsHolder(initial: OpenedSecretStore, open: () => Promise<OpenedSecretStore>): SecretsHolder {
  let current = initial;
  return {
    get backend() {
      return current.store.backend;
    },
    get persistent() {
      return current.store.persistent;
    },
    get problem() {
      return current.problem;
    },
    get: (key) => current.store.get(key),
    set: (key, value) => current.store.set(key, value),
    delete: (key) => current.store.delete(key),
    async reopen() {
      current = await open();
    },
  };
}

/** A holder over a store that never changes (tests, and platforms with no keychain at all). */
export function fixedSecrets(store: SecretStore, problem: KeychainProblem | null = null): SecretsHolder {
  const opened = { store, problem };
  return createSecretsHolder(opened, () => Promise.resolve(opened));
}
