// The user's own settings for every screen: what the settings dialog shows and changes, the
// language chosen, whether notifications are on, spell checking in the composer.
import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import type { Platform, UserSettingsChange, UserSettingsView } from '../platform/Platform.ts';

export const DEFAULT_USER_SETTINGS: UserSettingsView = {
  language: null,
  theme: null,
  notifications: { enabled: true, sound: true },
  spellcheck: { enabled: true },
  chat: { urlPreviews: 'unencrypted', developerMode: false },
  homeserver: null,
  locked: {},
};

export interface UserSettingsState {
  settings: UserSettingsView;
  /** Saves a change and shows the saved result; rejects when it is refused (locked) or not saved. */
  update: (change: UserSettingsChange) => Promise<void>;
}

export const UserSettingsContext = createContext<UserSettingsState>({
  settings: DEFAULT_USER_SETTINGS,
  update: () => Promise.reject(new Error('no settings provider')),
});

export function useUserSettings(): UserSettingsState {
  return useContext(UserSettingsContext);
}

/** Loads the settings once from the platform and keeps them in step with every saved change. */
export function useUserSettingsState(platform: Platform): UserSettingsState {
  const [settings, setSettings] = useState<UserSettingsView>(DEFAULT_USER_SETTINGS);
  useEffect(() => {
    let current = true;
    void platform.userSettings().then(
      (loaded) => {
        if (current) setSettings(loaded);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [platform]);
  const update = useCallback(
    async (change: UserSettingsChange) => {
      setSettings(await platform.updateUserSettings(change));
    },
    [platform],
  );
  return { settings, update };
}
