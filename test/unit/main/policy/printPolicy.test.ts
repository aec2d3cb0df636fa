import { describe, expect, it } from 'vitest';
import { runPrintPolicy } from '../../../../src/main/policy/printPolicyCli.ts';
import { loadPolicy } from '../../../../src/main/policy/loadPolicy.ts';
import { printPolicy } from '../../../../src/main/policy/printPolicy.ts';
import { SETTING_KEYS } from '../../../../src/shared/policy/settings.ts';
import type { LoadedPolicy } from '../../../../src/shared/policy/types.ts';
import { dword, fakeFs, fakeRegistry, json, regKey, sz } from '../../support/policyFakes.ts';

const now = new Date('2026-03-01T12:00:00Z');
const linux = { pathStyle: 'posix', policyDirectory: '/etc/relais' } as const;

function linuxPolicy(files: Record<string, string>): LoadedPolicy {
  return loadPolicy(linux, { fs: fakeFs(files) });
}

describe('printPolicy', () => {
  const loaded = linuxPolicy({
    '/etc/relais/policy.json': json({
      policyVersion: 1,
      homeservers: ['https://matrix.example.gouv.fr'],
      calls: { iceServers: [{ urls: 'turns:turn.example.gouv.fr:443', username: 'relais', credential: 'top-secret' }] },
      defaults: { logLevel: 'warn' },
    }),
    '/etc/relais/policy.d/10-sync.json': json({ policyVersion: 1, syncMode: 'sliding' }),
  });
  const text = printPolicy(loaded, now);

  it('shows status and the sources in precedence order', () => {
    expect(text).toContain('Status: valid (managed install), policyVersion 1.');
    expect(text).toContain(
      'Read (lowest precedence first; later ones win):\n  /etc/relais/policy.json\n  /etc/relais/policy.d/10-sync.json\n',
    );
  });

  it('shows every setting with where its value comes from', () => {
    expect(text).toContain(
      '  homeservers = ["https://matrix.example.gouv.fr"]\n      mandatory, from /etc/relais/policy.json:3:3\n',
    );
    expect(text).toContain(
      '  allowCustomHomeserver = false\n      locked: homeservers is set by machine policy in /etc/relais/policy.json:3:3\n',
    );
    expect(text).toContain('  syncMode = "sliding"\n      mandatory, from /etc/relais/policy.d/10-sync.json:3:3\n');
    expect(text).toContain('  logLevel = "warn"\n      recommended (users may change), from /etc/relais/policy.json:16:5\n');
    expect(text).toContain('  notifications.sound = true\n      built-in default (users may change)\n');
    expect(text).toContain('  autoUpdate.enabled = false\n      built-in default (only machine policy can set this)\n');
    expect(text.match(/^ {2}[a-zA-Z.]+ = /gm)).toHaveLength(SETTING_KEYS.length);
  });

  it('hides TURN credentials and lists the allowed hosts', () => {
    expect(text).toContain('"credential":"(hidden)"');
    expect(text).not.toContain('top-secret');
    expect(text).toContain(
      'Network access allowed to:\n  matrix.example.gouv.fr:443 (https, wss)  homeserver\n  turn.example.gouv.fr:443 (turns, stuns)  TURN server\n',
    );
  });

  it('names registry values as sources on Windows', () => {
    const windows = loadPolicy(
      { pathStyle: 'win32', registryKey: 'HKLM\\Software\\Policies\\Relais' },
      {
        fs: fakeFs({}),
        registry: fakeRegistry({
          'HKLM\\Software\\Policies\\Relais': regKey({ logLevel: sz('error') }, { notifications: regKey({ sound: dword(0) }) }),
        }),
      },
    );
    const output = printPolicy(windows, now);
    expect(output).toContain('  logLevel = "error"\n      mandatory, from HKLM\\Software\\Policies\\Relais\\logLevel\n');
    expect(output).toContain(
      '  notifications.sound = false\n      mandatory, from HKLM\\Software\\Policies\\Relais\\notifications\\sound\n',
    );
    expect(output).toContain('Network access: no host is allowed.');
  });

  it('names both the lock and the value when allowCustomHomeserver fixes the recommended list', () => {
    const output = printPolicy(
      linuxPolicy({
        '/etc/relais/policy.json': json({
          policyVersion: 1,
          allowCustomHomeserver: false,
          defaults: { homeservers: ['https://a.example.gouv.fr'] },
        }),
      }),
      now,
    );
    expect(output).toContain(
      '  homeservers = ["https://a.example.gouv.fr"]\n' +
        '      locked: allowCustomHomeserver is false in /etc/relais/policy.json:3:3; value from /etc/relais/policy.json:5:5\n',
    );
  });

  it('explains an invalid policy with every problem', () => {
    const output = printPolicy(linuxPolicy({ '/etc/relais/policy.json': '{\n  "policyVersion": 1,\n  "logLevel": 3\n}' }), now);
    expect(output).toContain('Status: INVALID. Relais starts in safe mode and connects to no server.');
    expect(output).toContain('  /etc/relais/policy.json:3:3 [logLevel] (schema): Invalid option: expected one of');
    expect(output).not.toContain('Effective settings');
  });

  it('says when there is no policy at all and where it looked', () => {
    const output = printPolicy(linuxPolicy({}), now);
    expect(output).toContain('Status: none. No machine policy found');
    expect(output).toContain('Looked in (lowest precedence first):\n  /etc/relais/policy.json\n  /etc/relais/policy.d/*.json\n');
    expect(output).toContain('Network access: any host (no machine policy).');
  });
});

describe('runPrintPolicy', () => {
  const deps = (loaded: LoadedPolicy) => ({ loadPolicy: () => loaded, now: () => now });

  it('returns null without the flag, and does not load anything', () => {
    let loads = 0;
    expect(runPrintPolicy(['relais', '--no-sandbox'], { loadPolicy: () => ((loads += 1), linuxPolicy({})) })).toBeNull();
    expect(loads).toBe(0);
  });

  it('prints the policy with exit code 0, or 1 when it is invalid', () => {
    const valid = linuxPolicy({ '/etc/relais/policy.json': json({ policyVersion: 1 }) });
    expect(runPrintPolicy(['relais', '--print-policy'], deps(valid))).toEqual({ exitCode: 0, output: printPolicy(valid, now) });
    const invalid = linuxPolicy({ '/etc/relais/policy.json': '{' });
    expect(runPrintPolicy(['relais', '--print-policy'], deps(invalid))?.exitCode).toBe(1);
    expect(runPrintPolicy(['relais', '--print-policy'], deps(linuxPolicy({})))?.exitCode).toBe(0);
  });

  it('prints the JSON Schema with --print-policy-schema', () => {
    const result = runPrintPolicy(['relais', '--print-policy-schema'], deps(linuxPolicy({})));
    expect(result?.exitCode).toBe(0);
    expect(JSON.parse(result?.output ?? '')).toMatchObject({ title: 'Relais machine policy', additionalProperties: false });
  });
});

describe('printPolicy: branding', () => {
  it('shows the accent shades and theme, and why a logo or accent was left out', () => {
    const loaded = linuxPolicy({
      '/etc/relais/policy.json': json({
        policyVersion: 1,
        branding: { organisationName: 'DINUM', logo: '/nowhere/logo.svg', accentColor: '#6a6af4', theme: 'dsfr' },
      }),
    });
    const text = printPolicy(loaded, now, {
      branding: { organisationName: 'DINUM', logo: null, accent: null, theme: 'dsfr' },
      problems: ['branding.accentColor refused, Relais keeps its own accent: #6a6af4 has 4.22:1 (…)'],
    });
    expect(text).toContain(
      'Branding (never in high-contrast themes):\n  Organisation name: DINUM\n  Theme: dsfr\n  PROBLEM: branding.accentColor refused',
    );
    // Read from the policy when not given: the missing logo file is reported.
    expect(printPolicy(loaded, now)).toContain('PROBLEM: branding.logo left out: /nowhere/logo.svg does not exist');
    expect(printPolicy(loaded, now)).toContain('the nearest colour that passes is #6564ed');
  });

  it('lists the accepted accent for both themes', () => {
    const loaded = linuxPolicy({ '/etc/relais/policy.json': json({ policyVersion: 1, branding: { accentColor: '#000091' } }) });
    expect(printPolicy(loaded, now)).toMatch(
      / {2}Accent, light theme: #000091 \(hovered #[0-9a-f]{6}, pressed #[0-9a-f]{6}\)\n {2}Accent, dark theme: #/,
    );
  });
});
