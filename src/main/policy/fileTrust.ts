// Whether a machine-policy file may be trusted as machine policy: only an administrator may have
// written it, and only an administrator may replace it. A policy file anyone could edit is a user
// setting wearing a "locked" badge, so it is ignored (with the reason in the log and in
// `relais --print-policy`) rather than obeyed.
//
// POSIX (Linux, macOS): the file, after resolving symbolic links, must be a regular file owned by
// root and not writable by group or others; every directory above it, up to "/", must be owned by
// root and not writable by group or others, except a sticky directory (like /tmp), where nobody but
// an entry's owner (root here) may rename or delete it.
//
// Windows: the folder comes from the system (known folder via HKLM, never the environment); the
// file must be a regular file that no link or junction leads to (its real path is the expected
// path); and the file and the folder holding it must be owned by Administrators, SYSTEM or
// TrustedInstaller with nobody else allowed to change them (windowsSecurityDescriptor.ts, read
// in-process by windowsFileSecurity.ts). The folder counts because whoever may add files to it may
// plant a policy.json where the installer left none. Above it, ProgramData lets users create
// folders but not delete or rename the installer's, so the check stops there.

import { win32 } from 'node:path';
import { checkSecurityDescriptor } from './windowsSecurityDescriptor.ts';

export interface TrustStat {
  uid: number;
  mode: number;
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
}

export interface TrustProbe {
  /** The path with every link resolved; throws like fs.realpathSync. */
  realpath(path: string): string;
  /** Stat without following a final link; throws like fs.lstatSync. */
  lstat(path: string): TrustStat;
  /**
   * Windows: the owner and access list of a file or folder as SDDL; throws when they cannot be
   * read. Absent: nothing can read them, and no Windows policy file is trusted.
   */
  securityDescriptor?(path: string): string;
}

export type TrustVerdict = { trusted: true } | { trusted: false; reason: string };

const GROUP_OR_OTHER_WRITE = 0o022;
const STICKY = 0o1000;
const ROOT = 0;

function octal(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(4, '0');
}

function posixAncestors(path: string): string[] {
  const out: string[] = [];
  let current = path;
  while (current !== '/' && current !== '') {
    current = current.slice(0, current.lastIndexOf('/')) || '/';
    out.push(current);
  }
  return out;
}

export function checkPosixPolicyFile(path: string, probe: TrustProbe): TrustVerdict {
  let real: string;
  let stat: TrustStat;
  try {
    real = probe.realpath(path);
    stat = probe.lstat(real);
  } catch (error) {
    return { trusted: false, reason: `cannot check its owner (${error instanceof Error ? error.message : String(error)})` };
  }
  const shown = real === path ? path : `${path} (really ${real})`;
  if (!stat.isFile()) return { trusted: false, reason: `${shown} is not a regular file` };
  if (stat.uid !== ROOT) return { trusted: false, reason: `${shown} is owned by uid ${stat.uid}, not root` };
  if ((stat.mode & GROUP_OR_OTHER_WRITE) !== 0)
    return { trusted: false, reason: `${shown} is writable by group or others (mode ${octal(stat.mode)})` };
  for (const directory of posixAncestors(real)) {
    let dir: TrustStat;
    try {
      dir = probe.lstat(directory);
    } catch (error) {
      return { trusted: false, reason: `cannot check ${directory} (${error instanceof Error ? error.message : String(error)})` };
    }
    if (!dir.isDirectory()) return { trusted: false, reason: `${directory} is not a directory` };
    if (dir.uid !== ROOT) return { trusted: false, reason: `folder ${directory} is owned by uid ${dir.uid}, not root` };
    const sticky = (dir.mode & STICKY) !== 0;
    if ((dir.mode & GROUP_OR_OTHER_WRITE) !== 0 && !sticky)
      return { trusted: false, reason: `folder ${directory} is writable by group or others (mode ${octal(dir.mode)})` };
  }
  return { trusted: true };
}

export function checkWindowsPolicyFile(path: string, probe: TrustProbe): TrustVerdict {
  try {
    const stat = probe.lstat(path);
    if (stat.isSymbolicLink()) return { trusted: false, reason: `${path} is a link, not a file` };
    if (!stat.isFile()) return { trusted: false, reason: `${path} is not a regular file` };
    const real = probe.realpath(path);
    // Windows paths compare case-insensitively; a junction anywhere on the way changes the real path.
    if (real.toLowerCase() !== path.toLowerCase())
      return { trusted: false, reason: `${path} is reached through a link or junction (really ${real})` };
  } catch (error) {
    return { trusted: false, reason: `cannot check it (${error instanceof Error ? error.message : String(error)})` };
  }
  if (!probe.securityDescriptor) return { trusted: false, reason: `cannot check the owner and permissions of ${path}` };
  for (const target of [path, win32.dirname(path)]) {
    let sddl: string;
    try {
      sddl = probe.securityDescriptor(target);
    } catch (error) {
      return {
        trusted: false,
        reason: `cannot check the owner and permissions of ${target} (${error instanceof Error ? error.message : String(error)})`,
      };
    }
    const verdict = checkSecurityDescriptor(sddl, target);
    if (!verdict.trusted) return verdict;
  }
  return { trusted: true };
}

export function policyFileTrustFor(platform: string): (path: string, probe: TrustProbe) => TrustVerdict {
  return platform === 'win32' ? checkWindowsPolicyFile : checkPosixPolicyFile;
}
