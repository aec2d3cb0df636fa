// A typed Platform for component tests: an in-memory keychain, no policy unless given, and every
// other capability answering as a quiet desktop would (nothing to notify, no network changes).
import { DEFAULT_USER_SETTINGS } from '../../../src/renderer/app/UserSettingsContext.ts';
import type { ManagedSettings, Platform, SecretStorageInfo } from '../../../src/renderer/platform/Platform.ts';
import { unmanagedSettings } from '../../../src/shared/policy/managedSettings.ts';

export interface FakePlatformOptions {
  storage?: SecretStorageInfo;
  retried?: SecretStorageInfo;
  managed?: ManagedSettings;
}

export function fakePlatform(options: FakePlatformOptions = {}): Platform {
  const secrets = new Map<string, string>();
  let storage: SecretStorageInfo = options.storage ?? { persistent: true, backend: 'test', problem: null };
  return {
    kind: 'electron',
    preferredLanguages: () => Promise.resolve(['en']),
    getSecret: (key) => Promise.resolve(secrets.get(key) ?? null),
    setSecret: (key, value) => {
      secrets.set(key, value);
      return Promise.resolve();
    },
    deleteSecret: (key) => {
      secrets.delete(key);
      return Promise.resolve();
    },
    secretStorage: () => Promise.resolve(storage),
    retrySecretStorage: () => {
      storage = options.retried ?? storage;
      return Promise.resolve(storage);
    },
    openExternal: () => Promise.resolve(true),
    managedSettings: () => Promise.resolve(options.managed ?? unmanagedSettings()),
    notify: () => Promise.resolve(true),
    joinTeamsMeeting: () => Promise.resolve(),
    onTeamsLink: () => () => undefined,
    onSystemNetwork: () => () => undefined,
    userSettings: () => Promise.resolve(DEFAULT_USER_SETTINGS),
    updateUserSettings: () => Promise.resolve(DEFAULT_USER_SETTINGS),
    screenSources: () => Promise.resolve(null),
    clearSessionData: () => Promise.resolve(),
    chooseScreenSource: () => Promise.resolve(true),
    writeLogs: () => Promise.resolve(),
    exportDiagnostics: () => Promise.resolve('saved'),
    setUnreadBadge: () => Promise.resolve(),
  };
}
