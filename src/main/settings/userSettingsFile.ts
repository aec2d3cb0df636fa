// settings.json in the profile (Electron's userData folder): read tolerantly, written atomically.
// A crash or power cut mid-write must never leave a half-written file, so the new content goes to a
// temporary file in the same folder first and replaces the old one by rename (atomic on the same
// volume, on Windows too: Node's rename uses MoveFileEx with MOVEFILE_REPLACE_EXISTING).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  EMPTY_USER_SETTINGS,
  parseUserSettings,
  serializeUserSettings,
  type StoredUserSettings,
} from '../../shared/settings/userSettings.ts';
import { describeReadError, errorCode } from '../policy/fileSystem.ts';

export interface SettingsFileSystem {
  /** UTF-8 text; throws an error with a `code` (ENOENT, EACCES, ...) when it cannot. */
  readFile(file: string): string;
  writeFile(file: string, text: string): void;
  rename(from: string, to: string): void;
  mkdir(directory: string): void;
}

export const nodeSettingsFileSystem: SettingsFileSystem = {
  readFile: (file) => readFileSync(file, 'utf8'),
  // Owner-only: the file names the servers this person uses. flush: on disk before the rename.
  writeFile: (file, text) => writeFileSync(file, text, { encoding: 'utf8', mode: 0o600, flush: true }),
  rename: (from, to) => renameSync(from, to),
  mkdir: (directory) => mkdirSync(directory, { recursive: true }),
};

/** Where a file with problems is copied before anything overwrites it, so nothing is lost. */
export function invalidCopyPath(file: string): string {
  return path.join(path.dirname(file), 'settings.invalid.json');
}

/**
 * Missing file: nothing set yet. A file with problems: what is valid is kept, the rest is logged,
 * and the original text is copied aside (settings.invalid.json) before a later save replaces it.
 */
export function readUserSettingsFile(fs: SettingsFileSystem, file: string, log: (message: string) => void): StoredUserSettings {
  let text: string;
  try {
    text = fs.readFile(file);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') log(`settings: ${file} ${describeReadError(error)}; starting from defaults`);
    return { ...EMPTY_USER_SETTINGS };
  }
  const { settings, problems } = parseUserSettings(text);
  if (problems.length > 0) {
    const copy = invalidCopyPath(file);
    log(`settings: ${file}: ignored ${problems.join(', ')} (original kept in ${copy})`);
    try {
      fs.writeFile(copy, text);
    } catch (error) {
      log(`settings: could not keep a copy in ${copy}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return settings;
}

export function writeUserSettingsFile(fs: SettingsFileSystem, file: string, settings: StoredUserSettings): void {
  fs.mkdir(path.dirname(file));
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFile(temporary, serializeUserSettings(settings));
  fs.rename(temporary, file);
}
