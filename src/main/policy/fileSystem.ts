// The file access the policy loader needs, behind an interface so tests can use a fake (and so
// the loader's reads are easy to audit: it reads, it never writes). Synchronous on purpose: the
// policy must be known before anything else starts, and it is a handful of small files.
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { policyFileTrustFor, type TrustProbe, type TrustVerdict } from './fileTrust.ts';
import { windowsSecurityDescriptorReader } from './windowsFileSecurity.ts';

export interface PolicyFileSystem {
  /** UTF-8 text; throws an error with a `code` (ENOENT, EACCES, EISDIR, ...) when it cannot. */
  readFile(path: string): string;
  /** Entry names (not paths) of a directory; throws like readFile. */
  readdir(path: string): string[];
  exists(path: string): boolean;
  /**
   * Whether an existing file may be obeyed as machine policy (fileTrust.ts). Absent means no check:
   * only the development override (RELAIS_POLICY_DIR) and tests read policy without it.
   */
  trust?(path: string): TrustVerdict;
}

export const nodePolicyFileSystem: PolicyFileSystem = {
  readFile: (path) => readFileSync(path, 'utf8'),
  readdir: (path) => readdirSync(path),
  exists: (path) => existsSync(path),
};

/** The real file system, refusing files an ordinary user could have written (fileTrust.ts). */
export function trustedNodePolicyFileSystem(platform: string): PolicyFileSystem {
  const check = policyFileTrustFor(platform);
  const probe: TrustProbe = {
    realpath: (path) => realpathSync.native(path),
    lstat: (path) => lstatSync(path),
    ...(platform === 'win32' ? { securityDescriptor: (path: string) => windowsSecurityDescriptorReader()(path) } : {}),
  };
  return { ...nodePolicyFileSystem, trust: (path) => check(path, probe) };
}

/** The errno code of a thrown file-system error, if it has one. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

export function describeReadError(error: unknown): string {
  const code = errorCode(error);
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'cannot be read: permission denied';
    case 'EISDIR':
      return 'is a directory, not a file';
    case 'ENOTDIR':
      return 'is a file, not a directory';
    default:
      return `cannot be read (${code ?? (error instanceof Error ? error.message : String(error))})`;
  }
}
