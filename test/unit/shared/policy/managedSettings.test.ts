// The one schema of machine policy as it crosses IPC (shared/policy/managedSettings.ts): what main
// builds survives the trip (structured clone, or JSON) and parses back equal; anything malformed is
// refused with an error that names the field and never echoes the value.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../../src/main/policy/loadPolicy.ts';
import { managedSettingsFor } from '../../../../src/main/policy/managedSettings.ts';
import {
  lockedSettings,
  managedSettingsSchema,
  parseManagedSettings,
  unmanagedSettings,
  type ManagedSettings,
} from '../../../../src/shared/policy/managedSettings.ts';
import { builtInDefaults, effectiveSettingsSchema, SETTING_KEYS } from '../../../../src/shared/policy/settings.ts';
import { leafPaths } from '../../../../src/shared/policy/schemaWalk.ts';
import { fakeFs } from '../../support/policyFakes.ts';

const FILE = '/etc/relais/policy.json';
const EXAMPLE = loadPolicy(
  { pathStyle: 'posix', policyDirectory: '/etc/relais' },
  { fs: fakeFs({ [FILE]: readFileSync('build/policy/policy.example.json', 'utf8') }) },
);
const MANAGED = managedSettingsFor(EXAMPLE, {}, 'en');

/** A deep copy with one change, as a compromised or outdated sender might produce. */
function tampered(change: (copy: Record<string, unknown> & ManagedSettings) => void): unknown {
  const copy = structuredClone(MANAGED) as Record<string, unknown> & ManagedSettings;
  change(copy);
  return copy;
}

describe('effectiveSettingsSchema', () => {
  it('has exactly one leaf per setting, and accepts the built-in defaults', () => {
    expect(leafPaths(effectiveSettingsSchema).sort()).toEqual([...SETTING_KEYS].sort());
    expect(effectiveSettingsSchema.parse(builtInDefaults(true))).toEqual(builtInDefaults(true));
    expect(effectiveSettingsSchema.parse(builtInDefaults(false))).toEqual(builtInDefaults(false));
  });
});

describe('managedSettingsSchema: round trip', () => {
  it.each([
    ['a real policy', MANAGED],
    ['no policy (the web build)', unmanagedSettings()],
  ])('%s survives structured clone and JSON and parses back equal', (_label, managed) => {
    expect(managedSettingsSchema.parse(structuredClone(managed))).toEqual(managed);
    expect(managedSettingsSchema.parse(JSON.parse(JSON.stringify(managed)))).toEqual(managed);
  });

  it('typed fields come through as typed values', () => {
    const parsed = managedSettingsSchema.parse(JSON.parse(JSON.stringify(MANAGED)));
    expect(parsed.settings.calls.sfuUrl).toBe('https://livekit-jwt.example.gouv.fr');
    expect(parsed.settings.teamsBridge.sunset).toBe('2027-12-31');
    expect(parsed.settings.syncMode).toBe('auto');
    expect(parsed.locks['calls.sfuUrl']?.sources).toEqual([expect.stringContaining(FILE)]);
  });
});

describe('managedSettingsSchema: malformed payloads are refused', () => {
  const cases: [string, unknown, string][] = [
    ['not an object', 'managed', '(root)'],
    ['null', null, '(root)'],
    [
      'the old flattened shape',
      { ...MANAGED, settings: { syncMode: { value: 'classic', locked: true, reason: null } } },
      'settings',
    ],
    ['no locks', tampered((m) => delete (m as Partial<ManagedSettings>).locks), 'locks'],
    ['an unknown mode', tampered((m) => ((m as Record<string, unknown>).mode = 'relaxed')), 'mode'],
    [
      'a missing setting',
      tampered((m) => delete (m.settings as Partial<ManagedSettings['settings']>).syncMode),
      'settings.syncMode',
    ],
    ['an unknown setting', tampered((m) => Object.assign(m.settings, { telemetry: true })), 'settings'],
    ['a sync mode no build knows', tampered((m) => Object.assign(m.settings, { syncMode: 'fast' })), 'settings.syncMode'],
    [
      'a plain-http SFU on a remote host',
      tampered((m) => (m.settings.calls.sfuUrl = 'http://sfu.example.org')),
      'settings.calls.sfuUrl',
    ],
    [
      'an ICE server whose urls is a number',
      tampered((m) => Object.assign(m.settings.calls, { iceServers: [{ urls: 1 }] })),
      'settings.calls.iceServers.0.urls',
    ],
    [
      'a Teams mode with a placeholder in the host',
      tampered(
        (m) => (m.settings.teamsBridge.modes['*'] = { mode: 'gateway', webGatewayUrlTemplate: 'https://{tenantId}.evil/' }),
      ),
      'settings.teamsBridge.modes.*.webGatewayUrlTemplate',
    ],
    ['a sunset that is not a date', tampered((m) => (m.settings.teamsBridge.sunset = 'soon')), 'settings.teamsBridge.sunset'],
    [
      'a lock on a key that is not a setting',
      tampered((m) => Object.assign(m.locks, { telemetry: { kind: 'policy', reason: 'x', sources: [] } })),
      'locks',
    ],
    [
      'a lock of an unknown kind',
      tampered((m) => Object.assign(m.locks, { logLevel: { kind: 'because', reason: 'x', sources: [] } })),
      'locks.logLevel.kind',
    ],
    [
      'a lock without a reason',
      tampered((m) => Object.assign(m.locks, { logLevel: { kind: 'policy', reason: '', sources: [] } })),
      'locks.logLevel.reason',
    ],
    [
      'an egress host on port 0',
      tampered((m) => (m.egress.allowedHosts = [{ host: 'a.example', port: 0, schemes: ['https:'], purposes: [] }])),
      'egress.allowedHosts.0.port',
    ],
    ['an extra top-level field', tampered((m) => ((m as Record<string, unknown>).debug = true)), '(root)'],
  ];

  it.each(cases)('%s', (_label, payload, path) => {
    expect(managedSettingsSchema.safeParse(payload).success).toBe(false);
    const parsed = parseManagedSettings(payload);
    if (parsed.ok) throw new Error('expected a refusal');
    expect(parsed.error).toMatch(/^malformed machine policy settings: /);
    expect(parsed.error).toContain(`${path}:`);
  });

  it('the error names the field, not the value (a credential may sit in it)', () => {
    const parsed = parseManagedSettings(
      tampered((m) =>
        Object.assign(m.settings.calls, { iceServers: [{ urls: 'turn:t.example', username: 'u', credential: 42 }] }),
      ),
    );
    if (parsed.ok) throw new Error('expected a refusal');
    expect(parsed.error).toContain('settings.calls.iceServers.0.credential');
    expect(parsed.error).not.toContain('42');
  });
});

describe('lockedSettings', () => {
  it('lists each locked setting with its value, in setting order', () => {
    const locked = lockedSettings(MANAGED);
    expect(locked.map((l) => l.key).slice(0, 3)).toEqual(['homeservers', 'allowCustomHomeserver', 'tchap.enabled']);
    expect(locked.find((l) => l.key === 'teamsBridge.sunset')).toMatchObject({ value: '2027-12-31', lock: { kind: 'policy' } });
    expect(locked.some((l) => l.key === 'syncMode')).toBe(false);
  });

  it('nothing locked, nothing listed', () => {
    expect(lockedSettings(unmanagedSettings())).toEqual([]);
  });
});
