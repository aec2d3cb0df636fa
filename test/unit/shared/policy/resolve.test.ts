import { describe, expect, it } from 'vitest';
import { evaluatePolicy } from '../../../../src/main/policy/evaluate.ts';
import { resolveSettings, teamsBridgeActive } from '../../../../src/shared/policy/resolve.ts';
import { builtInDefaults, SETTING_KEYS, USER_SETTABLE_KEYS } from '../../../../src/shared/policy/settings.ts';
import type { LoadedPolicy } from '../../../../src/shared/policy/types.ts';

const FILE = '/etc/relais/policy.json';

/** A policy from one in-memory source whose values all sit at line 1 of FILE. */
function policy(document: Record<string, unknown>): LoadedPolicy {
  return evaluatePolicy(
    [
      {
        ok: true,
        document: { source: FILE, data: { policyVersion: 1, ...document }, locate: () => ({ source: FILE, line: 1 }) },
      },
    ],
    {
      searched: [FILE],
    },
  );
}

const NONE: LoadedPolicy = { status: 'none', searched: [FILE], sources: [], notices: [] };
const INVALID: LoadedPolicy = {
  status: 'invalid',
  searched: [FILE],
  sources: [FILE],
  notices: [],
  problems: [{ kind: 'syntax', source: FILE, message: 'x' }],
};

describe('resolveSettings: locking', () => {
  it('a mandatory key wins over the user and is locked, naming the file and line', () => {
    const resolved = resolveSettings(policy({ logLevel: 'warn' }), { logLevel: 'debug' });
    expect(resolved.values.logLevel).toBe('warn');
    expect(resolved.settings.logLevel).toEqual({
      value: 'warn',
      source: 'policy',
      locked: true,
      lockKind: 'policy',
      lockReason: `set by machine policy in ${FILE}:1`,
      origins: [{ source: FILE, line: 1 }],
    });
    expect(resolved.ignoredUserSettings).toEqual([{ key: 'logLevel', reason: 'locked by machine policy' }]);
  });

  it('locks leaves, not whole groups: the user keeps the keys policy leaves alone', () => {
    const resolved = resolveSettings(policy({ notifications: { sound: false } }), {
      notifications: { enabled: false, sound: true },
    });
    expect(resolved.values.notifications).toEqual({ enabled: false, sound: false });
    expect(resolved.settings['notifications.enabled']).toMatchObject({ source: 'user', locked: false });
    expect(resolved.settings['notifications.sound']).toMatchObject({ source: 'policy', locked: true });
  });

  it('a recommended value (`defaults`) applies until the user changes it', () => {
    const loaded = policy({ defaults: { syncMode: 'classic' } });
    expect(resolveSettings(loaded, {}).settings.syncMode).toEqual({
      value: 'classic',
      source: 'policy',
      locked: false,
      origins: [{ source: FILE, line: 1 }],
    });
    expect(resolveSettings(loaded, { syncMode: 'sliding' }).settings.syncMode).toEqual({
      value: 'sliding',
      source: 'user',
      locked: false,
      origins: [],
    });
  });

  it('falls back to built-in defaults, which differ for managed installs only in auto-update', () => {
    const managed = resolveSettings(policy({}), {});
    expect(managed.values).toEqual(builtInDefaults(true));
    expect(managed.settings.syncMode).toEqual({ value: 'auto', source: 'default', locked: false, origins: [] });
    expect(resolveSettings(NONE, {}).values.autoUpdate.enabled).toBe(true);
    expect(managed.values.autoUpdate.enabled).toBe(false);
  });

  it('never lets the user set administrator-only keys, even without any policy', () => {
    const user = {
      allowedEgressHosts: ['evil.example'],
      calls: { sfuUrl: 'https://evil.example' },
      autoUpdate: { enabled: true },
    };
    for (const loaded of [NONE, policy({})]) {
      const resolved = resolveSettings(loaded, user);
      expect(resolved.values.allowedEgressHosts).toEqual([]);
      expect(resolved.values.calls.sfuUrl).toBeNull();
      expect(resolved.settings.allowedEgressHosts).toMatchObject({ source: 'default', locked: true, lockKind: 'adminOnly' });
      expect(resolved.ignoredUserSettings.map((i) => i.key)).toEqual([
        'calls.sfuUrl',
        'autoUpdate.enabled',
        'allowedEgressHosts',
      ]);
    }
    const adminOnly = SETTING_KEYS.filter((key) => !USER_SETTABLE_KEYS.includes(key));
    for (const key of adminOnly) expect(resolveSettings(NONE, {}).settings[key].locked, key).toBe(true);
  });

  it('ignores invalid user values and keeps the next value in line', () => {
    const resolved = resolveSettings(policy({ defaults: { logLevel: 'warn' } }), {
      logLevel: 'verbose',
      homeservers: ['http://plain.example'],
    });
    expect(resolved.values.logLevel).toBe('warn');
    expect(resolved.values.homeservers).toEqual([]);
    expect(resolved.ignoredUserSettings).toEqual([
      { key: 'homeservers', reason: 'not a valid value' },
      { key: 'logLevel', reason: 'not a valid value' },
    ]);
  });

  it('ignores user data that is not an object at all', () => {
    expect(resolveSettings(policy({}), 'garbage').values).toEqual(builtInDefaults(true));
    expect(resolveSettings(policy({}), null).ignoredUserSettings).toEqual([]);
  });
});

describe('resolveSettings: homeservers', () => {
  it('a user may pick a homeserver when policy allows it (the default)', () => {
    const resolved = resolveSettings(policy({ defaults: { homeservers: ['https://suggested.example'] } }), {
      homeservers: ['https://mine.example'],
    });
    expect(resolved.settings.homeservers).toMatchObject({ value: ['https://mine.example'], source: 'user', locked: false });
    expect(resolved.settings.allowCustomHomeserver).toMatchObject({ value: true, source: 'default' });
  });

  it('allowCustomHomeserver: false fixes the recommended list', () => {
    const resolved = resolveSettings(
      policy({ allowCustomHomeserver: false, defaults: { homeservers: ['https://suggested.example'] } }),
      {
        homeservers: ['https://mine.example'],
      },
    );
    expect(resolved.settings.homeservers).toMatchObject({
      value: ['https://suggested.example'],
      source: 'policy',
      locked: true,
      lockKind: 'homeserversFixed',
      lockReason: `allowCustomHomeserver is false in ${FILE}:1`,
    });
  });

  it('a mandatory list locks the list and reports allowCustomHomeserver as false', () => {
    const resolved = resolveSettings(policy({ homeservers: ['https://only.example'] }), {
      homeservers: ['https://mine.example'],
      allowCustomHomeserver: true,
    });
    expect(resolved.values.homeservers).toEqual(['https://only.example']);
    expect(resolved.settings.allowCustomHomeserver).toMatchObject({
      value: false,
      source: 'policy',
      locked: true,
      lockKind: 'homeserversFixed',
    });
  });
});

describe('resolveSettings: safe mode', () => {
  it('locks everything at the managed built-in defaults', () => {
    const resolved = resolveSettings(INVALID, { logLevel: 'debug' });
    expect(resolved).toMatchObject({ safeMode: true, managed: true, values: builtInDefaults(true) });
    for (const key of SETTING_KEYS) expect(resolved.settings[key], key).toMatchObject({ locked: true, lockKind: 'safeMode' });
  });
});

describe('teamsBridgeActive', () => {
  const values = (enabled: boolean, sunset: string | null) => ({
    ...builtInDefaults(true),
    teamsBridge: { ...builtInDefaults(true).teamsBridge, enabled, sunset },
  });
  it('is on while enabled and before the sunset date (UTC)', () => {
    expect(teamsBridgeActive(values(true, null), new Date('2030-01-01T00:00:00Z'))).toBe(true);
    expect(teamsBridgeActive(values(true, '2027-12-31'), new Date('2027-12-30T23:59:59Z'))).toBe(true);
    expect(teamsBridgeActive(values(true, '2027-12-31'), new Date('2027-12-31T00:00:00Z'))).toBe(false);
    expect(teamsBridgeActive(values(false, null), new Date('2020-01-01T00:00:00Z'))).toBe(false);
  });
});
