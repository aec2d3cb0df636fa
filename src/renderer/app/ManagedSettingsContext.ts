// Machine policy for the whole renderer. It is read once, before the first render (main.tsx: the
// sign-in screen's homeserver and the WebRTC guard depend on it), and provided at the root of the
// tree, so every screen, signed in or not, reads the same checked, typed value.
import { createContext, useContext } from 'react';
import { NO_BRANDING } from '../../shared/branding/branding.ts';
import type { ManagedSettings } from '../../shared/policy/managedSettings.ts';
import { builtInDefaults, SETTING_KEYS } from '../../shared/policy/settings.ts';
import type { Platform } from '../platform/Platform.ts';

export const ManagedSettingsContext = createContext<ManagedSettings | null>(null);

export function useManagedSettings(): ManagedSettings {
  const managed = useContext(ManagedSettingsContext);
  // No default: a screen rendered outside the provider would otherwise quietly ignore every lock.
  if (!managed) throw new Error('useManagedSettings needs a ManagedSettingsContext provider');
  return managed;
}

/**
 * What the app runs with when the policy cannot be read or arrives malformed: safe mode, exactly as
 * for a broken policy file (connect nowhere, every setting at its managed default and locked).
 * userMessage is null: the safe-mode screen then explains in the interface language.
 */
export function unreadableManagedSettings(): ManagedSettings {
  const locks: ManagedSettings['locks'] = {};
  for (const key of SETTING_KEYS) {
    locks[key] = { kind: 'safeMode', reason: 'machine policy could not be read, so Relais runs in safe mode', sources: [] };
  }
  return {
    mode: 'safe',
    userMessage: null,
    settings: builtInDefaults(true),
    locks,
    egress: { mode: 'safe', allowedHosts: [] },
    branding: NO_BRANDING,
  };
}

/** The one read of machine policy in the renderer; a failure fails closed (safe mode) and is logged. */
export async function loadManagedSettings(
  platform: Pick<Platform, 'managedSettings'>,
  log: (message: string) => void,
): Promise<ManagedSettings> {
  try {
    return await platform.managedSettings();
  } catch (error) {
    log(
      `policy: machine policy could not be read, running in safe mode: ${error instanceof Error ? error.message : String(error)}`,
    );
    return unreadableManagedSettings();
  }
}
