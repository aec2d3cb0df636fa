// The settings machine policy controls, as Relais uses them: their names, which ones a user may
// change, their fully-filled shape, and the built-in defaults. The schema (schema.ts) says what a
// policy may contain; this module says what every setting is when nothing sets it.
import type { IceServer, TeamsMode } from './schema.ts';

/** Every setting, as dotted paths to the values that are set and locked as a whole. */
export const SETTING_KEYS = [
  'homeservers',
  'allowCustomHomeserver',
  'tchap.enabled',
  'tchap.infoServers',
  'calls.sfuUrl',
  'calls.iceServers',
  'teamsBridge.enabled',
  'teamsBridge.sunset',
  'teamsBridge.tenantsAllowlist',
  'teamsBridge.modes',
  'autoUpdate.enabled',
  'autoUpdate.url',
  'allowedEgressHosts',
  'downloadFolder',
  'notifications.enabled',
  'notifications.sound',
  'spellcheck.enabled',
  'spellcheck.languages',
  'logLevel',
  'syncMode',
] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

/** The settings a user may change when policy does not lock them (the keys allowed in `defaults`). */
export const USER_SETTABLE_KEYS: readonly SettingKey[] = [
  'homeservers',
  'downloadFolder',
  'notifications.enabled',
  'notifications.sound',
  'spellcheck.enabled',
  'spellcheck.languages',
  'logLevel',
  'syncMode',
];

/** Every setting with a value, once policy, user choices and built-in defaults are combined. */
export interface EffectiveSettings {
  homeservers: string[];
  allowCustomHomeserver: boolean;
  tchap: { enabled: boolean; infoServers: string[] };
  calls: { sfuUrl: string | null; iceServers: IceServer[] };
  teamsBridge: { enabled: boolean; sunset: string | null; tenantsAllowlist: string[]; modes: Record<string, TeamsMode> };
  autoUpdate: { enabled: boolean; url: string | null };
  allowedEgressHosts: string[];
  downloadFolder: string | null;
  notifications: { enabled: boolean; sound: boolean };
  spellcheck: { enabled: boolean; languages: string[] };
  logLevel: 'error' | 'warn' | 'info' | 'debug';
  syncMode: 'auto' | 'sliding' | 'classic';
}

/**
 * Built-in values when neither policy nor user sets a key. A managed install (any machine policy
 * present) does not update itself unless the organisation says so: updates arrive through its own
 * software distribution.
 */
export function builtInDefaults(managed: boolean): EffectiveSettings {
  return {
    homeservers: [],
    allowCustomHomeserver: true,
    tchap: { enabled: false, infoServers: [] },
    calls: { sfuUrl: null, iceServers: [] },
    teamsBridge: { enabled: false, sunset: null, tenantsAllowlist: [], modes: {} },
    autoUpdate: { enabled: !managed, url: null },
    allowedEgressHosts: [],
    downloadFolder: null,
    notifications: { enabled: true, sound: true },
    spellcheck: { enabled: true, languages: [] },
    logLevel: 'info',
    syncMode: 'auto',
  };
}
