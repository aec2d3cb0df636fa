import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../../src/main/policy/loadPolicy.ts';
import { MAC_MANAGED_PREFERENCES_FILE, policyLocationsFor } from '../../../../src/main/policy/locations.ts';
import { createPlutilReader, type ManagedPreferencesReader } from '../../../../src/main/policy/managedPreferences.ts';
import { fakeFs } from '../../support/policyFakes.ts';

const { locations } = policyLocationsFor({ platform: 'darwin', env: {}, allowDirectoryOverride: false });

function reader(data: unknown): ManagedPreferencesReader {
  return {
    read: (path) => {
      if (data instanceof Error) throw data;
      return path === MAC_MANAGED_PREFERENCES_FILE ? data : null;
    },
  };
}

describe('macOS managed preferences', () => {
  it('reads the MDM-installed preferences as a policy document', () => {
    const loaded = loadPolicy(locations, {
      fs: fakeFs({}),
      managedPreferences: reader({
        policyVersion: 1,
        homeservers: ['https://matrix.example.gouv.fr'],
        notifications: { sound: false },
      }),
    });
    expect(loaded).toMatchObject({
      status: 'valid',
      sources: [MAC_MANAGED_PREFERENCES_FILE],
      document: { homeservers: ['https://matrix.example.gouv.fr'], notifications: { sound: false } },
      origins: { homeservers: { source: MAC_MANAGED_PREFERENCES_FILE } },
    });
  });

  it('finds no policy without a managed-preferences file', () => {
    expect(loadPolicy(locations, { fs: fakeFs({}), managedPreferences: reader(null) }).status).toBe('none');
  });

  it('requires policyVersion like a file, and reports unknown keys with their path', () => {
    expect(loadPolicy(locations, { fs: fakeFs({}), managedPreferences: reader({ logLevel: 'info' }) })).toMatchObject({
      status: 'invalid',
      problems: [{ kind: 'version', source: MAC_MANAGED_PREFERENCES_FILE }],
    });
    expect(
      loadPolicy(locations, { fs: fakeFs({}), managedPreferences: reader({ policyVersion: 1, PayloadUUID: 'x' }) }),
    ).toMatchObject({
      status: 'invalid',
      problems: [{ kind: 'schema', keyPath: 'PayloadUUID', message: 'unknown key "PayloadUUID"' }],
    });
  });

  it('reports a plist that cannot be converted as unreadable', () => {
    const loaded = loadPolicy(locations, { fs: fakeFs({}), managedPreferences: reader(new Error('plutil: invalid plist')) });
    expect(loaded).toMatchObject({ status: 'invalid', problems: [{ kind: 'unreadable', source: MAC_MANAGED_PREFERENCES_FILE }] });
  });

  it('converts with /usr/bin/plutil when the file exists', () => {
    const calls: { file: string; args: readonly string[] }[] = [];
    const plutil = createPlutilReader(fakeFs({ [MAC_MANAGED_PREFERENCES_FILE]: 'bplist00…' }), (file, args) => {
      calls.push({ file, args });
      return '{"policyVersion":1,"syncMode":"classic"}';
    });
    expect(plutil.read(MAC_MANAGED_PREFERENCES_FILE)).toEqual({ policyVersion: 1, syncMode: 'classic' });
    expect(calls).toEqual([
      { file: '/usr/bin/plutil', args: ['-convert', 'json', '-o', '-', '--', MAC_MANAGED_PREFERENCES_FILE] },
    ]);
    expect(plutil.read('/Library/Managed Preferences/other.plist')).toBeNull();
  });
});
