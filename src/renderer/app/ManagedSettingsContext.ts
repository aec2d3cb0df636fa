import { createContext, useContext } from 'react';
import type { ManagedSettings } from '../platform/Platform.ts';

export const NO_MANAGED_SETTINGS: ManagedSettings = {
  mode: 'none',
  userMessage: null,
  settings: {},
  egress: { mode: 'unmanaged', allowedHosts: [] },
};
export const ManagedSettingsContext = createContext<ManagedSettings>(NO_MANAGED_SETTINGS);

export function useManagedSettings(): ManagedSettings {
  return useContext(ManagedSettingsContext);
}
