// macOS: the managed preferences an MDM profile installs for the app's bundle identifier. Binary
// plists are converted by the system's plutil rather than by a parser of our own; the reader is an
// interface so tests (and other MDM layouts) can supply the data directly.
import type { PolicySourceRead } from '../../shared/policy/types.ts';
import { describeReadError, type PolicyFileSystem } from './fileSystem.ts';

export interface ManagedPreferencesReader {
  /** The plist as JSON-equivalent data; null when there is none; throws when it cannot be read. */
  read(path: string): unknown;
}

/** Runs a program and returns its standard output; throws when it fails (execFileSync semantics). */
export type RunProgram = (file: string, args: readonly string[]) => string;

export function createPlutilReader(fs: PolicyFileSystem, run: RunProgram): ManagedPreferencesReader {
  return {
    read(path) {
      if (!fs.exists(path)) return null;
      // Absolute path: never whatever "plutil" comes first on PATH.
      return JSON.parse(run('/usr/bin/plutil', ['-convert', 'json', '-o', '-', '--', path])) as unknown;
    },
  };
}

/** null when there is no managed-preferences file. Keys are the policy keys, nested dictionaries for objects. */
export function readManagedPreferencesSource(reader: ManagedPreferencesReader, path: string): PolicySourceRead | null {
  let data: unknown;
  try {
    data = reader.read(path);
  } catch (error) {
    return { ok: false, problems: [{ kind: 'unreadable', source: path, message: describeReadError(error) }] };
  }
  if (data === null) return null;
  return { ok: true, document: { source: path, data, locate: () => ({ source: path }) } };
}
