// The implementation of each IPC method, over injected services so it is tested without Electron.
import { pickLanguage } from '../../shared/i18n/languages.ts';
import type { SecretStore } from '../secrets/secretStore.ts';
import { externalLinkTarget } from '../security/externalLinks.ts';
import type { IpcHandlers } from './router.ts';

export interface HandlerServices {
  appName: string;
  appVersion: string;
  platform: NodeJS.Platform;
  /** The OS locale and preferred languages, most preferred first. */
  locale(): { locale: string; preferred: string[] };
  openExternal(url: string): Promise<void>;
  secrets: SecretStore;
  notify(notification: { title: string; body: string; tag?: string | undefined }): boolean;
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
    getSecret: async ({ key }) => ({ value: await services.secrets.get(key) }),
    setSecret: async ({ key, value }) => {
      await services.secrets.set(key, value);
      return { stored: services.secrets.persistent ? 'keychain' : 'memory' };
    },
    deleteSecret: async ({ key }) => ({ deleted: await services.secrets.delete(key) }),
    getKeychainStatus: () => ({ backend: services.secrets.backend, persistent: services.secrets.persistent }),
    showNotification: (request) => ({ shown: services.notify(request) }),
  };
}
