// Where machine policy lives on each platform. Paths are data, not constants buried in the loader,
// so tests and end-to-end runs can point the loader at a temporary directory.
import { posix, win32 } from 'node:path';

export const LINUX_POLICY_DIRECTORY = '/etc/relais';
export const WINDOWS_POLICY_REGISTRY_KEY = 'HKLM\\Software\\Policies\\Relais';
export const MAC_MANAGED_PREFERENCES_FILE = '/Library/Managed Preferences/eu.relais.desktop.plist';
export const POLICY_DIR_ENV = 'RELAIS_POLICY_DIR';

export interface PolicyLocations {
  /** Decides how paths are joined (backslashes on Windows). */
  pathStyle: 'posix' | 'win32';
  /** A directory holding policy.json and policy.d/*.json (Linux, or the RELAIS_POLICY_DIR override). */
  policyDirectory?: string;
  /** Windows: <ProgramData known folder>\Relais\policy.json. */
  programDataFile?: string;
  /** Windows: why the ProgramData folder could not be found; the policy is then unreadable (safe mode). */
  programDataProblem?: string;
  /** Windows: the Group Policy registry key; it wins over the ProgramData file. */
  registryKey?: string;
  /** macOS: the managed-preferences plist written by the MDM. */
  managedPreferencesFile?: string;
}

export interface LocationOptions {
  platform: string; // process.platform
  env: Readonly<Record<string, string | undefined>>;
  /**
   * Whether RELAIS_POLICY_DIR may replace the machine's policy. It must be false in builds given to
   * users: otherwise anyone could start Relais with a policy of their own and escape the lockdown.
   */
  allowDirectoryOverride: boolean;
  /**
   * Windows: the ProgramData known folder as the system records it (windowsKnownFolders.ts); throws
   * when it cannot be read. Never taken from the environment: %ProgramData% is set by the user.
   */
  programDataFolder?: () => string;
}

export interface ResolvedLocations {
  locations: PolicyLocations;
  notices: string[];
  /** True when RELAIS_POLICY_DIR replaced the machine's locations (development builds only). */
  overridden?: true;
}

export function policyLocationsFor({
  platform,
  env,
  allowDirectoryOverride,
  programDataFolder,
}: LocationOptions): ResolvedLocations {
  const pathStyle = platform === 'win32' ? 'win32' : 'posix';
  const override = env[POLICY_DIR_ENV];
  if (override !== undefined && override !== '') {
    const isAbsolute = pathStyle === 'win32' ? win32.isAbsolute(override) : posix.isAbsolute(override);
    if (allowDirectoryOverride && isAbsolute) {
      // The override replaces every machine source, so a test run cannot pick up the host's policy.
      return {
        locations: { pathStyle, policyDirectory: override },
        notices: [`${POLICY_DIR_ENV} is set: machine policy read from ${override} only`],
        overridden: true,
      };
    }
    const why = allowDirectoryOverride ? 'it is not an absolute path' : 'this build does not allow it';
    return { ...platformLocations(platform, programDataFolder, pathStyle), notices: [`${POLICY_DIR_ENV} ignored: ${why}`] };
  }
  return { ...platformLocations(platform, programDataFolder, pathStyle), notices: [] };
}

function windowsLocations(programDataFolder: LocationOptions['programDataFolder']): PolicyLocations {
  const base = { pathStyle: 'win32' as const, registryKey: WINDOWS_POLICY_REGISTRY_KEY };
  if (!programDataFolder) return { ...base, programDataProblem: 'no way to ask the system for the ProgramData folder' };
  try {
    return { ...base, programDataFile: win32.join(programDataFolder(), 'Relais', 'policy.json') };
  } catch (error) {
    return { ...base, programDataProblem: error instanceof Error ? error.message : String(error) };
  }
}

function platformLocations(
  platform: string,
  programDataFolder: LocationOptions['programDataFolder'],
  pathStyle: PolicyLocations['pathStyle'],
): { locations: PolicyLocations } {
  if (platform === 'win32') return { locations: windowsLocations(programDataFolder) };
  if (platform === 'darwin') return { locations: { pathStyle, managedPreferencesFile: MAC_MANAGED_PREFERENCES_FILE } };
  return { locations: { pathStyle, policyDirectory: LINUX_POLICY_DIRECTORY } };
}

export function joinPath(style: PolicyLocations['pathStyle'], ...parts: string[]): string {
  return style === 'win32' ? win32.join(...parts) : posix.join(...parts);
}
