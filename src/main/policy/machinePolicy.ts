// Loads this machine's policy from where the platform keeps it. The Windows registry has no reader
// yet (a native module is needed: reg.exe and PowerShell are blocked on locked-down laptops), so on
// Windows only %ProgramData%\Relais\policy.json is read for now, and the log says so.
import type { LoadedPolicy } from '../../shared/policy/types.ts';
import { nodePolicyFileSystem, type PolicyFileSystem } from './fileSystem.ts';
import { loadPolicy } from './loadPolicy.ts';
import { policyLocationsFor } from './locations.ts';
import { createPlutilReader } from './managedPreferences.ts';
import type { RegistryReader } from './registry.ts';

export interface MachinePolicyOptions {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  /** Only unpackaged (development and test) builds honour RELAIS_POLICY_DIR. */
  allowDirectoryOverride: boolean;
  fs?: PolicyFileSystem;
  registry?: RegistryReader;
  runCommand?: (file: string, args: readonly string[]) => string;
  log: (message: string) => void;
}

const NO_REGISTRY_READER: RegistryReader = { readTree: () => null };

export function loadMachinePolicy(options: MachinePolicyOptions): LoadedPolicy {
  const { locations, notices } = policyLocationsFor(options);
  const fs = options.fs ?? nodePolicyFileSystem;
  if (locations.registryKey !== undefined && !options.registry) {
    options.log(`policy: Group Policy registry values under ${locations.registryKey} are not read by this build`);
  }
  const loaded = loadPolicy(
    locations,
    {
      fs,
      registry: options.registry ?? NO_REGISTRY_READER,
      managedPreferences: options.runCommand ? createPlutilReader(fs, options.runCommand) : undefined,
    },
    notices,
  );
  return loaded;
}
