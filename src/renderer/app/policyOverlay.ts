// Machine policy wins over config.json (which anyone who controls the web server can change): what
// the administrator locked replaces the deployment's defaults for the sign-in screen.
import type { AppConfig } from '../../shared/config/appConfig.ts';
import type { ManagedSettings } from '../platform/Platform.ts';

function lockedValue(managed: ManagedSettings, key: string): unknown {
  const setting = managed.settings[key];
  return setting?.locked ? setting.value : undefined;
}

export function applyMachinePolicy(config: AppConfig, managed: ManagedSettings): AppConfig {
  if (managed.mode !== 'managed') return config;
  let next = config;
  const homeservers = lockedValue(managed, 'homeservers');
  const allowCustom = managed.settings.allowCustomHomeserver?.value;
  const firstHomeserver = Array.isArray(homeservers) && typeof homeservers[0] === 'string' ? homeservers[0] : undefined;
  if (firstHomeserver !== undefined || allowCustom === false) {
    next = { ...next, allowCustomHomeserver: false, defaultHomeserver: firstHomeserver ?? next.defaultHomeserver };
  }
  const tchapEnabled = lockedValue(managed, 'tchap.enabled');
  const infoServers = lockedValue(managed, 'tchap.infoServers');
  if (typeof tchapEnabled === 'boolean') {
    next = {
      ...next,
      tchap: {
        enabled: tchapEnabled,
        infoServers: Array.isArray(infoServers)
          ? infoServers.filter((s): s is string => typeof s === 'string')
          : (next.tchap?.infoServers ?? []),
        homeserverUrlTemplate: next.tchap?.homeserverUrlTemplate ?? 'https://matrix.{hs}',
      },
    };
  }
  return next;
}
