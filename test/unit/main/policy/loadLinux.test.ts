import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nodePolicyFileSystem } from '../../../../src/main/policy/fileSystem.ts';
import { loadPolicy } from '../../../../src/main/policy/loadPolicy.ts';
import { policyLocationsFor } from '../../../../src/main/policy/locations.ts';
import type { LoadedPolicy } from '../../../../src/shared/policy/types.ts';
import { fakeFs, json } from '../../support/policyFakes.ts';

const linux = { pathStyle: 'posix', policyDirectory: '/etc/relais' } as const;

function valid(loaded: LoadedPolicy): Extract<LoadedPolicy, { status: 'valid' }> {
  if (loaded.status !== 'valid') throw new Error(`expected a valid policy, got ${JSON.stringify(loaded, null, 2)}`);
  return loaded;
}

describe('Linux policy files', () => {
  it('finds no policy when neither policy.json nor policy.d exists', () => {
    const loaded = loadPolicy(linux, { fs: fakeFs({}) });
    expect(loaded).toMatchObject({
      status: 'none',
      sources: [],
      searched: ['/etc/relais/policy.json', '/etc/relais/policy.d/*.json'],
    });
  });

  it('reads policy.json alone, with the line of each value', () => {
    const fs = fakeFs({
      '/etc/relais/policy.json': json({ policyVersion: 1, logLevel: 'warn', calls: { sfuUrl: 'https://sfu.example.org' } }),
    });
    const loaded = valid(loadPolicy(linux, { fs }));
    expect(loaded.document).toEqual({ policyVersion: 1, logLevel: 'warn', calls: { sfuUrl: 'https://sfu.example.org' } });
    expect(loaded.origins['logLevel']).toEqual({ source: '/etc/relais/policy.json', line: 3, column: 3 });
    expect(loaded.origins['calls.sfuUrl']).toEqual({ source: '/etc/relais/policy.json', line: 5, column: 5 });
  });

  it('merges policy.d/*.json in name order after policy.json: objects deep-merged, lists replaced', () => {
    const fs = fakeFs({
      '/etc/relais/policy.json': json({
        policyVersion: 1,
        homeservers: ['https://a.example.org', 'https://b.example.org'],
        notifications: { enabled: true, sound: true },
        logLevel: 'info',
      }),
      '/etc/relais/policy.d/10-notifications.json': json({ policyVersion: 1, notifications: { sound: false }, logLevel: 'warn' }),
      '/etc/relais/policy.d/20-servers.json': json({
        policyVersion: 1,
        homeservers: ['https://c.example.org'],
        logLevel: 'error',
      }),
      '/etc/relais/policy.d/9-early.json': json({ policyVersion: 1, logLevel: 'debug', syncMode: 'classic' }),
    });
    const loaded = valid(loadPolicy(linux, { fs }));
    expect(loaded.sources).toEqual([
      '/etc/relais/policy.json',
      '/etc/relais/policy.d/10-notifications.json',
      '/etc/relais/policy.d/20-servers.json',
      // Code-unit order, not numeric: "9-" sorts after "20-", as `LC_ALL=C ls` shows it.
      '/etc/relais/policy.d/9-early.json',
    ]);
    expect(loaded.document).toMatchObject({
      homeservers: ['https://c.example.org'],
      notifications: { enabled: true, sound: false },
      logLevel: 'debug',
      syncMode: 'classic',
    });
    expect(loaded.origins['notifications.enabled']?.source).toBe('/etc/relais/policy.json');
    expect(loaded.origins['notifications.sound']?.source).toBe('/etc/relais/policy.d/10-notifications.json');
    expect(loaded.origins['homeservers']?.source).toBe('/etc/relais/policy.d/20-servers.json');
    expect(loaded.origins['logLevel']?.source).toBe('/etc/relais/policy.d/9-early.json');
  });

  it('merges per-tenant Teams modes across files, entry by entry', () => {
    const tenant = '8c3e4f5a-1b2c-4d3e-9f8a-7b6c5d4e3f2a';
    const fs = fakeFs({
      '/etc/relais/policy.json': json({ policyVersion: 1, teamsBridge: { modes: { '*': { mode: 'browser' } } } }),
      '/etc/relais/policy.d/50-teams.json': json({
        policyVersion: 1,
        teamsBridge: { modes: { [tenant]: { mode: 'isolated' } } },
      }),
    });
    expect(valid(loadPolicy(linux, { fs })).document.teamsBridge?.modes).toEqual({
      '*': { mode: 'browser' },
      [tenant]: { mode: 'isolated' },
    });
  });

  it('works with policy.d alone, and ignores hidden files and non-.json names with a notice', () => {
    const fs = fakeFs({
      '/etc/relais/policy.d/10-a.json': json({ policyVersion: 1, logLevel: 'warn' }),
      '/etc/relais/policy.d/.10-a.json.swp': 'binary junk',
      '/etc/relais/policy.d/README': 'notes',
      '/etc/relais/policy.d/10-a.json.dpkg-old': '{',
    });
    const loaded = valid(loadPolicy(linux, { fs }));
    expect(loaded.sources).toEqual(['/etc/relais/policy.d/10-a.json']);
    expect(loaded.notices).toEqual([
      'ignored in /etc/relais/policy.d (only *.json files are read): .10-a.json.swp, 10-a.json.dpkg-old, README',
    ]);
  });

  it('accepts $schema and $comment, which do not reach the merged document', () => {
    const fs = fakeFs({
      '/etc/relais/policy.json': json({
        $schema: 'https://relais.invalid/schemas/policy-v1.json',
        $comment: 'hello',
        policyVersion: 1,
      }),
    });
    expect(valid(loadPolicy(linux, { fs })).document).toEqual({ policyVersion: 1 });
  });

  it('notes recommended values that a mandatory value shadows', () => {
    const fs = fakeFs({
      '/etc/relais/policy.json': json({ policyVersion: 1, logLevel: 'warn', defaults: { logLevel: 'debug' } }),
    });
    expect(valid(loadPolicy(linux, { fs })).notices).toEqual([
      'defaults.logLevel (/etc/relais/policy.json:5:5) has no effect: logLevel is mandatory (/etc/relais/policy.json:3:3)',
    ]);
  });
});

describe('policy locations', () => {
  const env = { ProgramData: 'D:\\Data' };
  const programDataFolder = () => 'E:\\SystemData';

  it('uses /etc/relais on Linux, the registry and ProgramData on Windows, managed preferences on macOS', () => {
    expect(policyLocationsFor({ platform: 'linux', env: {}, allowDirectoryOverride: false })).toEqual({
      locations: linux,
      notices: [],
    });
    // The ProgramData folder comes from the system (HKLM), never from %ProgramData%, which users set.
    expect(policyLocationsFor({ platform: 'win32', env, allowDirectoryOverride: false, programDataFolder }).locations).toEqual({
      pathStyle: 'win32',
      programDataFile: 'E:\\SystemData\\Relais\\policy.json',
      registryKey: 'HKLM\\Software\\Policies\\Relais',
    });
    const failing = () => {
      throw new Error('access denied');
    };
    expect(
      policyLocationsFor({ platform: 'win32', env, allowDirectoryOverride: false, programDataFolder: failing }).locations,
    ).toEqual({ pathStyle: 'win32', registryKey: 'HKLM\\Software\\Policies\\Relais', programDataProblem: 'access denied' });
    expect(policyLocationsFor({ platform: 'darwin', env: {}, allowDirectoryOverride: false }).locations).toEqual({
      pathStyle: 'posix',
      managedPreferencesFile: '/Library/Managed Preferences/eu.relais.desktop.plist',
    });
  });

  it('lets RELAIS_POLICY_DIR replace every machine source only where the build allows it', () => {
    const override = { RELAIS_POLICY_DIR: '/tmp/e2e-policy' };
    expect(
      policyLocationsFor({ platform: 'win32', env: { ...env, RELAIS_POLICY_DIR: 'C:\\e2e' }, allowDirectoryOverride: true })
        .locations,
    ).toEqual({
      pathStyle: 'win32',
      policyDirectory: 'C:\\e2e',
    });
    expect(policyLocationsFor({ platform: 'linux', env: override, allowDirectoryOverride: true }).locations).toEqual({
      pathStyle: 'posix',
      policyDirectory: '/tmp/e2e-policy',
    });
    const refused = policyLocationsFor({ platform: 'linux', env: override, allowDirectoryOverride: false });
    expect(refused).toEqual({ locations: linux, notices: ['RELAIS_POLICY_DIR ignored: this build does not allow it'] });
    expect(
      policyLocationsFor({ platform: 'linux', env: { RELAIS_POLICY_DIR: 'relative' }, allowDirectoryOverride: true }).notices,
    ).toEqual(['RELAIS_POLICY_DIR ignored: it is not an absolute path']);
  });
});

describe('loading from a real directory', () => {
  let directory = '';
  afterEach(() => {
    if (directory !== '') {
      chmodSync(directory, 0o755);
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('reads policy.json and policy.d through node:fs', () => {
    directory = mkdtempSync(join(tmpdir(), 'relais-policy-'));
    mkdirSync(join(directory, 'policy.d'));
    writeFileSync(join(directory, 'policy.json'), json({ policyVersion: 1, logLevel: 'warn' }));
    writeFileSync(join(directory, 'policy.d', '10-sync.json'), json({ policyVersion: 1, syncMode: 'sliding' }));
    const { locations, notices } = policyLocationsFor({
      platform: 'linux',
      env: { RELAIS_POLICY_DIR: directory },
      allowDirectoryOverride: true,
    });
    const loaded = valid(loadPolicy(locations, { fs: nodePolicyFileSystem }, notices));
    expect(loaded.document).toEqual({ policyVersion: 1, logLevel: 'warn', syncMode: 'sliding' });
    expect(loaded.notices).toEqual([`RELAIS_POLICY_DIR is set: machine policy read from ${directory} only`]);
  });

  it.skipIf(process.getuid?.() === 0)('reports a file it may not read (EACCES) as invalid', () => {
    directory = mkdtempSync(join(tmpdir(), 'relais-policy-'));
    const file = join(directory, 'policy.json');
    writeFileSync(file, json({ policyVersion: 1 }));
    chmodSync(file, 0o000);
    const loaded = loadPolicy({ pathStyle: 'posix', policyDirectory: directory }, { fs: nodePolicyFileSystem });
    expect(loaded).toMatchObject({
      status: 'invalid',
      problems: [{ kind: 'unreadable', source: file, message: 'cannot be read: permission denied' }],
    });
  });
});
