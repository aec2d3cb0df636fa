// The user's settings as main holds them: read once at start, changed only through IPC, saved
// before a change takes effect, and always judged against machine policy (which wins). Listeners
// hear about every saved change: the egress filter adds a homeserver the user chose, for instance.
import { IpcError } from '../../shared/ipc/errors.ts';
import { resolveSettings } from '../../shared/policy/resolve.ts';
import type { LoadedPolicy } from '../../shared/policy/types.ts';
import {
  applyUserSettingsChange,
  userSettingsView,
  type StoredUserSettings,
  type UserSettingsChange,
  type UserSettingsView,
} from '../../shared/settings/userSettings.ts';

export interface UserSettingsService {
  /** The stored settings (untrusted by design: resolveSettings decides what each one may do). */
  current(): StoredUserSettings;
  view(): UserSettingsView;
  /** Saves and applies a change; throws a typed IpcError when it is refused or cannot be saved. */
  update(change: UserSettingsChange): UserSettingsView;
  onChange(listener: (settings: StoredUserSettings) => void): void;
}

export interface UserSettingsDeps {
  policy: LoadedPolicy;
  load: () => StoredUserSettings;
  save: (settings: StoredUserSettings) => void;
  log: (message: string) => void;
}

export function createUserSettingsService({ policy, load, save, log }: UserSettingsDeps): UserSettingsService {
  let settings = load();
  const listeners: ((settings: StoredUserSettings) => void)[] = [];
  const view = () => userSettingsView(settings, resolveSettings(policy, settings));
  return {
    current: () => settings,
    view,
    update(change) {
      const result = applyUserSettingsChange(settings, change, resolveSettings(policy, settings));
      if (!result.ok) {
        log(`settings: refused a change to ${result.key}: ${result.message}`);
        throw new IpcError(result.reason === 'locked' ? 'not-allowed' : 'invalid-arguments', result.message);
      }
      try {
        save(result.settings);
      } catch (error) {
        log(`settings: could not save: ${error instanceof Error ? error.message : String(error)}`);
        throw new IpcError('unavailable', 'Your settings could not be saved');
      }
      settings = result.settings;
      for (const listener of listeners) listener(settings);
      return view();
    },
    onChange: (listener) => {
      listeners.push(listener);
    },
  };
}
