// Issue 13: machine policy must come from places only administrators control. The ProgramData
// folder is read from HKLM (never %ProgramData%), and a policy file anyone else could have written
// is ignored, with the reason in the log and in `relais --print-policy`.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { trustedNodePolicyFileSystem } from '../../../../src/main/policy/fileSystem.ts';
import {
  checkPosixPolicyFile,
  checkWindowsPolicyFile,
  type TrustProbe,
  type TrustStat,
} from '../../../../src/main/policy/fileTrust.ts';
import { loadPolicy } from '../../../../src/main/policy/loadPolicy.ts';
import { loadMachinePolicy } from '../../../../src/main/policy/machinePolicy.ts';
import type { RegistryValue } from '../../../../src/main/policy/registry.ts';
import { programDataFromRegistry, type RegistryValueReader } from '../../../../src/main/policy/windowsKnownFolders.ts';
import { createWindowsValueReader } from '../../../../src/main/policy/windowsRegistry.ts';
import { printPolicy } from '../../../../src/main/policy/printPolicy.ts';
import { fakeFs, json } from '../../support/policyFakes.ts';

const PROFILE_LIST = 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList';
const CURRENT_VERSION = 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion';

function values(entries: Record<string, RegistryValue>): RegistryValueReader {
  return (key, name) => entries[`${key}\\${name}`] ?? null;
}

describe('the ProgramData folder comes from HKLM, not the environment', () => {
  const system = {
    [`${PROFILE_LIST}\\ProgramData`]: { type: 'REG_EXPAND_SZ', data: '%SystemDrive%\\ProgramData' },
    [`${CURRENT_VERSION}\\SystemRoot`]: { type: 'REG_SZ', data: 'D:\\WINDOWS' },
  } satisfies Record<string, RegistryValue>;

  it('expands %SystemDrive% from HKLM SystemRoot', () => {
    expect(programDataFromRegistry(values(system))).toBe('D:\\ProgramData');
  });

  it('refuses other variables, UNC paths and missing values', () => {
    const withUser = {
      ...system,
      [`${PROFILE_LIST}\\ProgramData`]: { type: 'REG_EXPAND_SZ', data: '%USERPROFILE%\\x' },
    } as const;
    expect(() => programDataFromRegistry(values(withUser))).toThrow(/%USERPROFILE%/);
    const unc = { ...system, [`${PROFILE_LIST}\\ProgramData`]: { type: 'REG_SZ', data: '\\\\server\\share' } } as const;
    expect(() => programDataFromRegistry(values(unc))).toThrow(/not a local absolute folder/);
    expect(() => programDataFromRegistry(values({}))).toThrow(/missing/);
  });

  it('ignores %ProgramData% set by the user: the file is looked for where the system says', () => {
    const fs = fakeFs({
      'C:\\Users\\mallory\\evil\\Relais\\policy.json': json({ policyVersion: 1, allowCustomHomeserver: true }),
    });
    const loaded = loadMachinePolicy({
      platform: 'win32',
      env: { ProgramData: 'C:\\Users\\mallory\\evil', PROGRAMDATA: 'C:\\Users\\mallory\\evil' },
      allowDirectoryOverride: false,
      fs,
      registry: { readTree: () => null },
      loadValueReader: () => values(system),
      log: () => undefined,
    });
    expect(loaded.status).toBe('none');
    expect(loaded.searched).toContain('D:\\ProgramData\\Relais\\policy.json');
    expect(fs.reads).toEqual([]);
  });

  it('an unreadable known folder is an unreadable policy (safe mode), not "no policy"', () => {
    const loaded = loadMachinePolicy({
      platform: 'win32',
      env: {},
      allowDirectoryOverride: false,
      fs: fakeFs({}),
      registry: { readTree: () => null },
      loadValueReader: () => values({}),
      log: () => undefined,
    });
    expect(loaded).toMatchObject({ status: 'invalid', problems: [{ kind: 'unreadable' }] });
  });

  it('reads the value through native-reg with the same 64-bit view and closes the key', () => {
    const open = new Set<number>();
    const reader = createWindowsValueReader<number>({
      HKLM: 0,
      openKey: (_root, subKey) => {
        expect(subKey).toBe('SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList');
        open.add(1);
        return 1;
      },
      enumKeyNames: () => [],
      enumValueNames: () => [],
      queryValueRaw: () => Object.assign(new Uint8Array(Buffer.from('C:\\ProgramData\u0000', 'utf16le')), { type: 2 }),
      closeKey: (key) => open.delete(key),
    });
    expect(reader(PROFILE_LIST, 'ProgramData')).toEqual({ type: 'REG_EXPAND_SZ', data: 'C:\\ProgramData' });
    expect(open.size).toBe(0);
  });
});

function stat(kind: 'file' | 'dir' | 'link', uid: number, mode: number): TrustStat {
  return { uid, mode, isFile: () => kind === 'file', isDirectory: () => kind === 'dir', isSymbolicLink: () => kind === 'link' };
}

function probe(entries: Record<string, TrustStat>, links: Record<string, string> = {}): TrustProbe {
  return {
    realpath: (path) => links[path] ?? path,
    lstat: (path) => {
      const entry = entries[path];
      if (!entry) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return entry;
    },
  };
}

const GOOD = {
  '/': stat('dir', 0, 0o755),
  '/etc': stat('dir', 0, 0o755),
  '/etc/relais': stat('dir', 0, 0o755),
  '/etc/relais/policy.json': stat('file', 0, 0o644),
};

describe('POSIX: a policy file is trusted only if root owns it and its folders, none writable by others', () => {
  it('trusts root-owned files in root-owned folders', () => {
    expect(checkPosixPolicyFile('/etc/relais/policy.json', probe(GOOD))).toEqual({ trusted: true });
  });

  it.each([
    ['owned by a user', { '/etc/relais/policy.json': stat('file', 1000, 0o644) }, /owned by uid 1000/],
    ['group-writable', { '/etc/relais/policy.json': stat('file', 0, 0o664) }, /writable by group or others \(mode 0664\)/],
    ['world-writable', { '/etc/relais/policy.json': stat('file', 0, 0o646) }, /writable by group or others/],
    ['in a folder a user owns', { '/etc/relais': stat('dir', 1000, 0o755) }, /folder \/etc\/relais is owned by uid 1000/],
    ['in a world-writable folder', { '/etc/relais': stat('dir', 0, 0o777) }, /folder \/etc\/relais is writable/],
    ['not a regular file', { '/etc/relais/policy.json': stat('dir', 0, 0o755) }, /not a regular file/],
  ])('ignores a file %s', (_name, change, reason) => {
    const verdict = checkPosixPolicyFile('/etc/relais/policy.json', probe({ ...GOOD, ...change }));
    expect(verdict.trusted).toBe(false);
    expect(!verdict.trusted && verdict.reason).toMatch(reason);
  });

  it('follows a link to where the file really is, and checks that place', () => {
    const entries = {
      ...GOOD,
      '/home': stat('dir', 0, 0o755),
      '/home/u': stat('dir', 1000, 0o700),
      '/home/u/p.json': stat('file', 0, 0o644),
    };
    const verdict = checkPosixPolicyFile(
      '/etc/relais/policy.json',
      probe(entries, { '/etc/relais/policy.json': '/home/u/p.json' }),
    );
    expect(!verdict.trusted && verdict.reason).toMatch(/really \/home\/u\/p.json|folder \/home\/u is owned by uid 1000/);
  });

  it('accepts a sticky world-writable folder above (like /tmp): others cannot replace root’s entries', () => {
    const entries = {
      '/': stat('dir', 0, 0o755),
      '/tmp': stat('dir', 0, 0o1777),
      '/tmp/p': stat('dir', 0, 0o755),
      '/tmp/p/policy.json': stat('file', 0, 0o644),
    };
    expect(checkPosixPolicyFile('/tmp/p/policy.json', probe(entries))).toEqual({ trusted: true });
  });

  it('an ignored file is reported in notices and --print-policy, and its settings do not apply', () => {
    const fs = {
      ...fakeFs({ '/etc/relais/policy.json': json({ policyVersion: 1, homeservers: ['https://evil.example'] }) }),
      trust: (path: string) =>
        checkPosixPolicyFile(path, probe({ ...GOOD, '/etc/relais/policy.json': stat('file', 1000, 0o644) })),
    };
    const loaded = loadPolicy({ pathStyle: 'posix', policyDirectory: '/etc/relais' }, { fs });
    expect(loaded.status).toBe('none');
    expect(loaded.notices.join('\n')).toMatch(
      /ignored \/etc\/relais\/policy.json: not trusted as machine policy: .*owned by uid 1000/,
    );
    expect(printPolicy(loaded, new Date('2026-01-01'))).toMatch(/Notices:\n.*ignored \/etc\/relais\/policy.json/);
  });

  it('a fragment in policy.d that is not trusted is ignored, the others still apply', () => {
    const entries = {
      ...GOOD,
      '/etc/relais/policy.d': stat('dir', 0, 0o755),
      '/etc/relais/policy.d/10.json': stat('file', 0, 0o644),
      '/etc/relais/policy.d/20.json': stat('file', 1000, 0o600),
    };
    const fs = {
      ...fakeFs({
        '/etc/relais/policy.d/10.json': json({ policyVersion: 1, logLevel: 'warn' }),
        '/etc/relais/policy.d/20.json': json({ policyVersion: 1, logLevel: 'debug' }),
      }),
      trust: (path: string) => checkPosixPolicyFile(path, probe(entries)),
    };
    const loaded = loadPolicy({ pathStyle: 'posix', policyDirectory: '/etc/relais' }, { fs });
    expect(loaded.status === 'valid' && loaded.document.logLevel).toBe('warn');
    expect(loaded.notices).toEqual([expect.stringMatching(/ignored \/etc\/relais\/policy.d\/20.json/)]);
  });
});

describe('Windows: a regular file reached without links, owned and writable by administrators only', () => {
  const file = 'C:\\ProgramData\\Relais\\policy.json';
  const folder = 'C:\\ProgramData\\Relais';
  const ADMIN_ONLY = 'O:BAG:SYD:PAI(A;;FA;;;SY)(A;;FA;;;BA)(A;;0x1200a9;;;BU)';
  const USERS_MAY_ADD = 'O:BAG:SYD:AI(A;OICIID;FA;;;SY)(A;OICIID;FA;;;BA)(A;CIID;DCLCRPCR;;;BU)';
  function windowsProbe(descriptors: Record<string, string>, links: Record<string, string> = {}): TrustProbe {
    return {
      ...probe({ [file]: stat('file', 0, 0o666) }, links),
      securityDescriptor: (path) => {
        const sddl = descriptors[path];
        if (sddl === undefined) throw new Error('Windows could not read its permissions (error 5)');
        return sddl;
      },
    };
  }

  it('trusts the file the installer wrote in the folder it created', () => {
    expect(checkWindowsPolicyFile(file, windowsProbe({ [file]: ADMIN_ONLY, [folder]: ADMIN_ONLY }))).toEqual({ trusted: true });
  });

  it('refuses a link and a junction on the way', () => {
    const linked = { ...windowsProbe({ [file]: ADMIN_ONLY, [folder]: ADMIN_ONLY }), lstat: () => stat('link', 0, 0o666) };
    expect(checkWindowsPolicyFile(file, linked).trusted).toBe(false);
    const junction = checkWindowsPolicyFile(
      file,
      windowsProbe({ [file]: ADMIN_ONLY, [folder]: ADMIN_ONLY }, { [file]: 'C:\\Users\\m\\policy.json' }),
    );
    expect(!junction.trusted && junction.reason).toMatch(/link or junction/);
  });

  it('refuses a file a user owns, and a folder users may add files to', () => {
    const userFile = `O:S-1-5-21-1-2-3-1001D:(A;;FA;;;S-1-5-21-1-2-3-1001)`;
    const owned = checkWindowsPolicyFile(file, windowsProbe({ [file]: userFile, [folder]: ADMIN_ONLY }));
    expect(!owned.trusted && owned.reason).toMatch(/policy\.json is owned by S-1-5-21-1-2-3-1001/);
    const planted = checkWindowsPolicyFile(file, windowsProbe({ [file]: ADMIN_ONLY, [folder]: USERS_MAY_ADD }));
    expect(!planted.trusted && planted.reason).toMatch(/Relais may be changed by Users \(BU\)/);
  });

  it('refuses when the permissions cannot be read, saying why', () => {
    const unreadable = checkWindowsPolicyFile(file, windowsProbe({ [file]: ADMIN_ONLY }));
    expect(!unreadable.trusted && unreadable.reason).toMatch(
      /cannot check the owner and permissions of C:.*Relais \(Windows could not/,
    );
    const noReader = checkWindowsPolicyFile(file, probe({ [file]: stat('file', 0, 0o666) }));
    expect(!noReader.trusted && noReader.reason).toMatch(/cannot check the owner and permissions/);
  });
});

describe('the real file system (this machine runs the tests as root or not)', () => {
  let directory = '';
  afterEach(() => {
    if (directory !== '') rmSync(directory, { recursive: true, force: true });
  });

  it('ignores a world-writable policy file, reading it through node:fs', () => {
    directory = mkdtempSync(join(tmpdir(), 'relais-trust-'));
    chmodSync(directory, 0o755);
    mkdirSync(join(directory, 'etc'), { mode: 0o755 });
    const file = join(directory, 'etc', 'policy.json');
    writeFileSync(file, json({ policyVersion: 1 }));
    chmodSync(file, 0o666);
    const verdict = trustedNodePolicyFileSystem('linux').trust?.(file);
    expect(verdict?.trusted).toBe(false);
    chmodSync(file, 0o644);
    const again = trustedNodePolicyFileSystem('linux').trust?.(file);
    // Trusted only when the tests run as root (then every folder above is root's too).
    expect(again?.trusted).toBe(process.getuid?.() === 0);
  });
});
