// The ProgramData folder as Windows itself records it, never as the environment says: %ProgramData%
// is an ordinary user variable, so trusting it let any user point Relais at a policy.json of their
// own (issue 13). Windows keeps the folder in HKLM, writable by administrators only:
//   HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\ProfileList  ProgramData = %SystemDrive%\ProgramData
// (REG_EXPAND_SZ; this is what SHGetKnownFolderPath(FOLDERID_ProgramData) resolves). The one variable
// it holds is expanded from HKLM as well (SystemRoot's drive), never from the process environment.
import { win32 } from 'node:path';
import type { RegistryValue } from './registry.ts';

export const PROFILE_LIST_KEY = 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList';
export const CURRENT_VERSION_KEY = 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion';

/** One named value of an HKLM key; null when the key or value does not exist; throws when unreadable. */
export type RegistryValueReader = (keyPath: string, valueName: string) => RegistryValue | null;

function text(value: RegistryValue | null, where: string): string {
  if (value === null) throw new Error(`${where} is missing`);
  if (value.type !== 'REG_SZ' && value.type !== 'REG_EXPAND_SZ') throw new Error(`${where} is not text`);
  return value.data;
}

/** The drive of the Windows folder ("C:"), from HKLM, for %SystemDrive%. */
function systemDrive(read: RegistryValueReader): string {
  const root = text(read(CURRENT_VERSION_KEY, 'SystemRoot'), `${CURRENT_VERSION_KEY}\\SystemRoot`);
  const drive = /^([A-Za-z]:)\\/.exec(root)?.[1];
  if (drive === undefined) throw new Error(`SystemRoot "${root}" does not start with a drive`);
  return drive;
}

export function programDataFromRegistry(read: RegistryValueReader): string {
  const where = `${PROFILE_LIST_KEY}\\ProgramData`;
  const raw = text(read(PROFILE_LIST_KEY, 'ProgramData'), where);
  const expanded = raw.replace(/%([^%]+)%/g, (whole, name: string) => {
    const upper = name.toUpperCase();
    if (upper === 'SYSTEMDRIVE') return systemDrive(read);
    if (upper === 'SYSTEMROOT') return text(read(CURRENT_VERSION_KEY, 'SystemRoot'), `${CURRENT_VERSION_KEY}\\SystemRoot`);
    throw new Error(`${where} uses ${whole}, which Relais does not expand`);
  });
  // A local absolute folder only: a UNC path would put machine policy on someone's file share.
  if (!/^[A-Za-z]:\\/.test(expanded) || !win32.isAbsolute(expanded))
    throw new Error(`${where} is "${expanded}", not a local absolute folder`);
  return win32.normalize(expanded);
}
