// Reads every machine-policy source for this platform, in precedence order (lowest first), and
// evaluates them into one verdict. Everything the loader touches is injected: files, registry,
// managed preferences, and the locations themselves.
import { evaluatePolicy } from './evaluate.ts';
import type { LoadedPolicy, PolicySourceRead } from '../../shared/policy/types.ts';
import { readPolicyDirectory, readPolicyFile } from './fileSource.ts';
import type { PolicyFileSystem } from './fileSystem.ts';
import type { PolicyLocations } from './locations.ts';
import { readManagedPreferencesSource, type ManagedPreferencesReader } from './managedPreferences.ts';
import { readRegistrySource, type RegistryReader } from './registry.ts';

export interface PolicyLoaderDeps {
  fs: PolicyFileSystem;
  /** Required when the locations name a registry key (Windows). */
  registry?: RegistryReader;
  /** Required when the locations name a managed-preferences file (macOS). */
  managedPreferences?: ManagedPreferencesReader;
}

/**
 * Precedence, lowest first: policy directory (policy.json, then policy.d/*.json by name), then the
 * Windows ProgramData file, then the Windows registry (Group Policy wins over a file an installer
 * or script dropped), then macOS managed preferences.
 */
export function loadPolicy(locations: PolicyLocations, deps: PolicyLoaderDeps, notices: readonly string[] = []): LoadedPolicy {
  const reads: PolicySourceRead[] = [];
  const searched: string[] = [];
  const allNotices = [...notices];
  if (locations.policyDirectory !== undefined) {
    const directory = readPolicyDirectory(deps.fs, locations.policyDirectory, locations.pathStyle);
    reads.push(...directory.reads);
    searched.push(...directory.searched);
    allNotices.push(...directory.notices);
  }
  if (locations.programDataFile !== undefined) {
    searched.push(locations.programDataFile);
    const read = readPolicyFile(deps.fs, locations.programDataFile, allNotices);
    if (read) reads.push(read);
  }
  if (locations.programDataProblem !== undefined) {
    // Not knowing where the file is must not mean "no policy": the admin's settings would be dropped.
    const source = '<ProgramData>\\Relais\\policy.json';
    searched.push(source);
    reads.push({
      ok: false,
      problems: [{ kind: 'unreadable', source, message: `the ProgramData folder is unknown (${locations.programDataProblem})` }],
    });
  }
  if (locations.registryKey !== undefined) {
    if (!deps.registry) throw new Error('loadPolicy: a registry reader is required for a registry location');
    searched.push(locations.registryKey);
    const read = readRegistrySource(deps.registry, locations.registryKey);
    if (read) reads.push(read);
  }
  if (locations.managedPreferencesFile !== undefined) {
    if (!deps.managedPreferences) throw new Error('loadPolicy: a managed-preferences reader is required for a plist location');
    searched.push(locations.managedPreferencesFile);
    const read = readManagedPreferencesSource(deps.managedPreferences, locations.managedPreferencesFile);
    if (read) reads.push(read);
  }
  return evaluatePolicy(reads, { searched, notices: allNotices });
}
