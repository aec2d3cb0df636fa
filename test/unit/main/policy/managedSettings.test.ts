// The main side of "policy crosses IPC typed": what managedSettingsFor builds from a loaded policy is
// exactly what resolveSettings decided (every value, every lock with its kind, reason and sources),
// and it passes the schema the router and the renderer check it with.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../../src/main/policy/loadPolicy.ts';
import { managedSettingsFor } from '../../../../src/main/policy/managedSettings.ts';
import { effectiveEgress, egressRulesOf } from '../../../../src/shared/policy/egress.ts';
import { managedSettingsSchema } from '../../../../src/shared/policy/managedSettings.ts';
import { resolveSettings } from '../../../../src/shared/policy/resolve.ts';
import { SETTING_KEYS } from '../../../../src/shared/policy/settings.ts';
import { describeOrigin, type LoadedPolicy } from '../../../../src/shared/policy/types.ts';
import { fakeFs } from '../../support/policyFakes.ts';

const FILE = '/etc/relais/policy.json';

function load(files: Record<string, string>): LoadedPolicy {
  return loadPolicy({ pathStyle: 'posix', policyDirectory: '/etc/relais' }, { fs: fakeFs(files) });
}

const EXAMPLE = load({ [FILE]: readFileSync('build/policy/policy.example.json', 'utf8') });
const NONE = load({});
const BROKEN = load({ [FILE]: '{ "policyVersion": 1, "logLevel": "loud" }' });
const DEFAULTS_ONLY = load({
  [FILE]: JSON.stringify({
    policyVersion: 1,
    allowCustomHomeserver: false,
    defaults: { homeservers: ['https://hs.example.gouv.fr'] },
  }),
});
const USER = { homeservers: ['https://elsewhere.example'], notifications: { sound: true }, logLevel: 'debug' };

describe('managedSettingsFor', () => {
  it.each([
    ['the example policy', EXAMPLE],
    ['no policy', NONE],
    ['a broken policy', BROKEN],
    ['a policy with recommended values only', DEFAULTS_ONLY],
  ])('%s: values and locks are what resolveSettings decided, and the result passes the schema', (_label, loaded) => {
    const managed = managedSettingsFor(loaded, USER, 'en');
    const resolved = resolveSettings(loaded, USER);
    expect(managedSettingsSchema.parse(managed)).toEqual(managed);
    expect(managed.settings).toEqual(resolved.values);
    for (const key of SETTING_KEYS) {
      const setting = resolved.settings[key];
      expect(managed.locks[key], key).toEqual(
        setting.locked
          ? { kind: setting.lockKind, reason: setting.lockReason, sources: setting.origins.map(describeOrigin) }
          : undefined,
      );
    }
    expect(managed.egress).toEqual(egressRulesOf(effectiveEgress(loaded, { userSettings: USER })));
  });

  it('a valid policy: managed mode, mandatory keys locked naming the file and line, recommended ones not', () => {
    const managed = managedSettingsFor(EXAMPLE, USER, 'en');
    expect(managed.mode).toBe('managed');
    expect(managed.userMessage).toBeNull();
    expect(managed.settings.homeservers).toEqual(['https://matrix.agents.example.gouv.fr']);
    expect(managed.locks.homeservers).toEqual({
      kind: 'policy',
      reason: `set by machine policy in ${FILE}:5:3`,
      sources: [`${FILE}:5:3`],
    });
    expect(managed.settings.teamsBridge.modes['*']).toEqual({ mode: 'browser' });
    expect(managed.locks['teamsBridge.modes']?.kind).toBe('policy');
    // defaults.notifications.sound is false, the user chose true: theirs applies, unlocked.
    expect(managed.settings.notifications.sound).toBe(true);
    expect(managed.locks['notifications.sound']).toBeUndefined();
    expect(managed.egress.mode).toBe('managed');
    expect(managed.egress.allowedHosts.map((h) => h.host)).toContain('livekit.example.gouv.fr');
  });

  it('allowCustomHomeserver false: the recommended homeserver is locked, with the lock naming why', () => {
    const managed = managedSettingsFor(DEFAULTS_ONLY, USER, 'en');
    expect(managed.settings.homeservers).toEqual(['https://hs.example.gouv.fr']);
    expect(managed.locks.homeservers?.kind).toBe('homeserversFixed');
    expect(managed.locks.homeservers?.reason).toBe(`allowCustomHomeserver is false in ${FILE}:1:20`);
    expect(managed.locks.homeservers?.sources).toEqual([`${FILE}:1:62`]);
  });

  it('no policy: nothing locked but what only an organisation may set, with no source', () => {
    const managed = managedSettingsFor(NONE, USER, 'en');
    expect(managed).toMatchObject({ mode: 'none', userMessage: null, egress: { mode: 'unmanaged', allowedHosts: [] } });
    expect(managed.settings.logLevel).toBe('debug');
    expect(managed.locks.logLevel).toBeUndefined();
    expect(managed.locks['calls.sfuUrl']).toEqual({ kind: 'adminOnly', reason: 'only machine policy can set this', sources: [] });
  });

  it('a broken policy: safe mode, a message in the user language, every setting locked, nothing reachable', () => {
    const managed = managedSettingsFor(BROKEN, USER, 'fr');
    expect(managed.mode).toBe('safe');
    expect(managed.userMessage).toMatch(/informatique/i);
    expect(Object.keys(managed.locks).sort()).toEqual([...SETTING_KEYS].sort());
    expect(Object.values(managed.locks).every((lock) => lock.kind === 'safeMode')).toBe(true);
    // The user's choices do not apply in safe mode.
    expect(managed.settings.logLevel).toBe('info');
    expect(managed.egress).toEqual({ mode: 'safe', allowedHosts: [] });
  });
});
