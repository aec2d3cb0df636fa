// Loads this machine's policy from where the platform keeps it. On Windows the Group Policy key
// (HKLM\Software\Policies\Relais) is read in-process through a native module (windowsRegistry.ts):
// reg.exe and PowerShell are blocked on locked-down laptops.
import type { LoadedPolicy } from '../../shared/policy/types.ts';
import { nodePolicyFileSystem, trustedNodePolicyFileSystem, type PolicyFileSystem } from './fileSystem.ts';
import { loadPolicy } from './loadPolicy.ts';
import { policyLocationsFor } from './locations.ts';
import { createPlutilReader } from './managedPreferences.ts';
import type { RegistryReader } from './registry.ts';
import { programDataFromRegistry, type RegistryValueReader } from './windowsKnownFolders.ts';
import { loadWindowsRegistryReader, loadWindowsValueReader } from './windowsRegistry.ts';

export interface MachinePolicyOptions {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  /** Only unpackaged (development and test) builds honour RELAIS_POLICY_DIR. */
  allowDirectoryOverride: boolean;
  fs?: PolicyFileSystem;
  /** The registry; by default the real one (Windows only, loaded when a registry key is searched). */
  registry?: RegistryReader;
  /** Stands in for the native module loader in tests. */
  loadRegistry?: () => RegistryReader;
  /** Reads one HKLM value (the ProgramData known folder); by default through native-reg. */
  loadValueReader?: () => RegistryValueReader;
  runCommand?: (file: string, args: readonly string[]) => string;
  log: (message: string) => void;
}

/**
 * A reader that cannot be built (the native module is missing or broken) must not mean "no Group
 * Policy": that would silently drop what the admin locked. Every read fails instead, so the policy
 * is reported unreadable and Relais starts in safe mode, connecting nowhere, with the cause logged.
 */
function failingReader(error: unknown): RegistryReader {
  const detail = error instanceof Error ? error.message : String(error);
  return {
    readTree: () => {
      throw new Error(`the registry reader could not be loaded: ${detail}`);
    },
  };
}

function registryReaderFor(options: MachinePolicyOptions): RegistryReader {
  if (options.registry) return options.registry;
  try {
    return (options.loadRegistry ?? loadWindowsRegistryReader)();
  } catch (error) {
    options.log(`policy: cannot load the Windows registry reader: ${error instanceof Error ? error.message : String(error)}`);
    return failingReader(error);
  }
}

export function loadMachinePolicy(options: MachinePolicyOptions): LoadedPolicy {
  const { locations, notices, overridden } = policyLocationsFor({
    ...options,
    programDataFolder: () => programDataFromRegistry((options.loadValueReader ?? loadWindowsValueReader)()),
  });
  // Machine locations are checked for who may write them (fileTrust.ts); the development override
  // names a folder the developer made, so it is read as is.
  const fs = options.fs ?? (overridden === true ? nodePolicyFileSystem : trustedNodePolicyFileSystem(options.platform));
  return loadPolicy(
    locations,
    {
      fs,
      // Loaded only when a registry key is searched: Windows without the RELAIS_POLICY_DIR override.
      registry: locations.registryKey !== undefined ? registryReaderFor(options) : undefined,
      managedPreferences: options.runCommand ? createPlutilReader(fs, options.runCommand) : undefined,
    },
    notices,
  );
}
