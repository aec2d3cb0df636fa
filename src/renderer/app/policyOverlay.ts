// Machine policy wins over config.json (which anyone who controls the web server can change): what
// the administrator locked replaces the deployment's defaults for the sign-in screen.
import type { AppConfig } from './appConfigSchema.ts';
import type { ManagedSettings } from '../platform/Platform.ts';

export function applyMachinePolicy(config: AppConfig, managed: ManagedSettings): AppConfig {
  if (managed.mode !== 'managed') return config;
  const { settings, locks } = managed;
  let next = config;
  const firstHomeserver = locks.homeservers ? settings.homeservers[0] : undefined;
  if (firstHomeserver !== undefined || !settings.allowCustomHomeserver) {
    next = { ...next, allowCustomHomeserver: false, defaultHomeserver: firstHomeserver ?? next.defaultHomeserver };
  }
  if (locks['tchap.enabled']) {
    next = {
      ...next,
      tchap: {
        enabled: settings.tchap.enabled,
        infoServers: locks['tchap.infoServers'] ? settings.tchap.infoServers : (next.tchap?.infoServers ?? []),
        homeserverUrlTemplate: next.tchap?.homeserverUrlTemplate ?? 'https://matrix.{hs}',
      },
    };
  }
  return next;
}
