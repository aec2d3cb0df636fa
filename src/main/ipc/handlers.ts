// The implementation of each IPC method, over injected services so it is tested without Electron.
import { pickLanguage } from '../../shared/i18n/languages.ts';
import { IpcError } from '../../shared/ipc/errors.ts';
import type { SecretsHolder } from '../secrets/secretsHolder.ts';
import { SecretStoreError } from '../secrets/secretStore.ts';
import { externalLinkTarget } from '../security/externalLinks.ts';
import type { UserSettingsService } from '../settings/userSettingsService.ts';
import type { ScreenSharePicker } from '../calls/screenShare.ts';
import type { IpcHandlers, IpcResponseOf } from './router.ts';
import type { LogRecord } from '../../shared/log/record.ts';

export interface HandlerServices {
  appName: string;
  appVersion: string;
  platform: NodeJS.Platform;
  /** The OS locale and preferred languages, most preferred first. */
  locale(): { locale: string; preferred: string[] };
  openExternal(url: string): Promise<void>;
  secrets: SecretsHolder;
  notify(notification: { title: string; body: string; tag?: string | undefined }): boolean;
  managedSettings(): IpcResponseOf<'getManagedSettings'>;
  joinTeamsMeeting(link: string, action: 'gateway' | 'isolated' | 'browser'): Promise<{ opened: true }>;
  userSettings: UserSettingsService;
  screenShare: Pick<ScreenSharePicker, 'list' | 'choose'>;
  /** Sign-out: the HTTP cache and every storage of the app's session (sessionData.main.ts). */
  clearSessionData(): Promise<void>;
  /** The renderer's log records, rate-limited and redacted again (log/rendererLogs.ts). */
  writeLogs(records: LogRecord[]): { accepted: number; dropped: number };
  /** Builds the diagnostics file and asks the user where to save it (log/diagnostics.main.ts). */
  exportDiagnostics(dialogTitle: string): Promise<{ saved: boolean }>;
  /** The OS badge and, on Windows, the taskbar overlay (notifications/unreadBadge.ts). */
  setUnreadBadge(count: number, description: string): boolean;
}

export function createIpcHandlers(services: HandlerServices): IpcHandlers {
  return {
    getAppInfo: () => {
      const { locale, preferred } = services.locale();
      return {
        name: services.appName,
        version: services.appVersion,
        platform:
          services.platform === 'linux' || services.platform === 'win32' || services.platform === 'darwin'
            ? services.platform
            : 'other',
        locale: pickLanguage([locale, ...preferred]),
        preferredLanguages: preferred,
      };
    },
    openExternal: async ({ url }) => {
      const target = externalLinkTarget(url);
      if (!target) return { opened: false };
      await services.openExternal(target);
      return { opened: true };
    },
    getSecret: async ({ key }) => ({ value: await keychainCall(() => services.secrets.get(key)) }),
    setSecret: async ({ key, value }) => {
      await keychainCall(() => services.secrets.set(key, value));
      return { stored: services.secrets.persistent ? 'keychain' : 'memory' };
    },
    deleteSecret: async ({ key }) => ({ deleted: await keychainCall(() => services.secrets.delete(key)) }),
    getKeychainStatus: () => keychainStatus(services.secrets),
    retryKeychain: async () => {
      await services.secrets.reopen();
      return keychainStatus(services.secrets);
    },
    showNotification: (request) => ({ shown: services.notify(request) }),
    getManagedSettings: () => services.managedSettings(),
    joinTeamsMeeting: ({ link, action }) => services.joinTeamsMeeting(link, action),
    getUserSettings: () => services.userSettings.view(),
    setUserSettings: (change) => services.userSettings.update(change),
    listScreenSources: async () => ({ sources: await services.screenShare.list() }),
    chooseScreenSource: ({ id }) => services.screenShare.choose(id),
    clearSessionData: async () => {
      await services.clearSessionData();
      return { cleared: true };
    },
    writeLogs: ({ records }) => services.writeLogs(records),
    exportDiagnostics: ({ dialogTitle }) => services.exportDiagnostics(dialogTitle),
    setUnreadBadge: ({ count, description }) => ({ applied: services.setUnreadBadge(count, description) }),
  };
}

function keychainStatus(secrets: SecretsHolder) {
  return { backend: secrets.backend, persistent: secrets.persistent, problem: secrets.problem };
}

/** Keychain failures reach the renderer as typed errors it can explain; the message holds no secret. */
async function keychainCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof SecretStoreError) {
      if (error.failure === 'locked') throw new IpcError('keychain-locked', 'The system keychain is locked');
      if (error.failure === 'unavailable') throw new IpcError('keychain-unavailable', 'The system keychain is not answering');
    }
    throw error;
  }
}
