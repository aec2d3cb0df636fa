// The diagnostics file IT departments receive: every fact in its place, policy values that could be
// secrets left out, log lines redacted again.
import { describe, expect, it } from 'vitest';
import {
  buildDiagnosticsReport,
  diagnosticsFileName,
  safeValue,
  type DiagnosticsInput,
} from '../../../../src/shared/log/diagnostics.ts';
import type { SettingLock } from '../../../../src/shared/policy/managedSettings.ts';
import { builtInDefaults } from '../../../../src/shared/policy/settings.ts';

const AT = new Date('2026-12-03T14:05:06.789Z');

function input(overrides: Partial<DiagnosticsInput> = {}): DiagnosticsInput {
  return {
    generatedAt: AT,
    app: { name: 'Relais', version: '0.1.0', build: 'desktop' },
    system: {
      platform: 'linux',
      osRelease: '6.1.0-28-amd64',
      arch: 'x64',
      electron: '45.5.0',
      chrome: '140.0.7339.41',
      node: '22.20.0',
      locale: 'fr-FR',
    },
    policy: { mode: 'none', settings: builtInDefaults(false), locks: {} },
    log: {
      lines: ['2026-12-03T14:00:00.000Z INFO  [main] Relais 0.1.0 starting'],
      truncated: false,
      folder: '~/.config/Relais/logs',
    },
    ...overrides,
  };
}

describe('buildDiagnosticsReport', () => {
  it('lists the app, the system, the policy and the log, each under its heading', () => {
    const text = buildDiagnosticsReport(input());
    expect(text).toContain('Relais diagnostics\nGenerated: 2026-12-03T14:05:06.789Z\n');
    expect(text).toContain('[Application]\nName: Relais\nVersion: 0.1.0\nBuild: desktop (Electron)\n');
    expect(text).toContain(
      '[System]\nPlatform: linux\nOS release: 6.1.0-28-amd64\nArchitecture: x64\nElectron: 45.5.0\nChrome: 140.0.7339.41\nNode.js: 22.20.0\nLocale: fr-FR\n',
    );
    expect(text).toContain('[Machine policy]\nMode: none (no machine policy on this computer)\nLocked settings: none\n');
    expect(text).toContain(
      '[Recent log] (1 line, oldest first)\nLog folder: ~/.config/Relais/logs\n2026-12-03T14:00:00.000Z INFO  [main] Relais 0.1.0 starting\n',
    );
  });

  it('leaves out facts that are not known (web build)', () => {
    const text = buildDiagnosticsReport(
      input({
        app: { name: 'Relais', version: '0.1.0', build: 'web' },
        system: { platform: 'Linux x86_64', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140', locale: 'en-GB' },
        log: { lines: [], truncated: true },
      }),
    );
    expect(text).toContain('Build: web\n');
    expect(text).toContain(
      '[System]\nPlatform: Linux x86_64\nUser agent: Mozilla/5.0 (X11; Linux x86_64) Chrome/140\nLocale: en-GB\n',
    );
    expect(text).not.toContain('Electron:');
    expect(text).not.toContain('Log folder');
    expect(text).toContain('[Recent log] (0 lines, oldest first; older lines not included)');
  });

  it('summarises locked policy settings without any value that could be a secret', () => {
    const lock = (reason = '/etc/relais/policy.json'): SettingLock => ({ kind: 'policy', reason, sources: [reason] });
    const defaults = builtInDefaults(true);
    const text = buildDiagnosticsReport(
      input({
        policy: {
          mode: 'managed',
          settings: {
            ...defaults,
            homeservers: ['https://matrix.example.gouv.fr/path?access_token=syt_policy_token_1'],
            calls: {
              sfuUrl: 'wss://admin:hunter2@sfu.example.gouv.fr/ws?key=s3cr3t',
              iceServers: [{ urls: ['turn:turn.example.gouv.fr'], username: 'relais', credential: 'TURN-PASSWORD' }],
              elementCallUrl: null,
              mediaEncryption: 'required',
            },
            autoUpdate: { enabled: false, url: 'https://updates.example.gouv.fr/feed?token=UPDATE-TOKEN' },
            teamsBridge: { ...defaults.teamsBridge, tenantsAllowlist: ['tenant-guid-1', 'tenant-guid-2'] },
            downloadFolder: '/home/jeanne.martin/Documents',
            allowedEgressHosts: ['cdn.example.gouv.fr', 'not a host; rm -rf'],
            notifications: { enabled: false, sound: true },
            logLevel: 'debug',
            syncMode: 'sliding',
          },
          locks: {
            homeservers: lock(),
            'calls.sfuUrl': lock(),
            'calls.iceServers': lock(),
            'autoUpdate.url': lock(),
            'teamsBridge.tenantsAllowlist': lock(),
            downloadFolder: lock(),
            allowedEgressHosts: lock(),
            'notifications.enabled': lock('HKLM\\Software\\Policies\\Relais\\notifications\\enabled'),
            logLevel: lock(),
            syncMode: lock(),
          },
        },
      }),
    );
    for (const secret of [
      'syt_policy',
      'hunter2',
      's3cr3t',
      'TURN-PASSWORD',
      'UPDATE-TOKEN',
      'tenant-guid',
      'jeanne',
      'rm -rf',
      '/path',
    ]) {
      expect(text, secret).not.toContain(secret);
    }
    expect(text).toContain('Mode: managed (machine policy applies)\nLocked settings: 10\n');
    expect(text).toContain('  homeservers = https://matrix.example.gouv.fr (/etc/relais/policy.json)\n');
    expect(text).toContain('  calls.sfuUrl = wss://sfu.example.gouv.fr (/etc/relais/policy.json)\n');
    expect(text).toContain('  calls.iceServers = 1 entry (not included) (/etc/relais/policy.json)\n');
    expect(text).toContain('  autoUpdate.url = https://updates.example.gouv.fr (/etc/relais/policy.json)\n');
    expect(text).toContain('  teamsBridge.tenantsAllowlist = 2 entries (not included)');
    expect(text).toContain('  downloadFolder = set (not included)');
    expect(text).toContain('  allowedEgressHosts = 2 entries (not included)');
    expect(text).toContain('  notifications.enabled = off (HKLM\\Software\\Policies\\Relais\\notifications\\enabled)\n');
    expect(text).toContain('  logLevel = debug (');
    expect(text).toContain('  syncMode = sliding (');
    // Not locked: not listed.
    expect(text).not.toContain('spellcheck.enabled');
  });

  it('says when the policy put the app in safe mode', () => {
    expect(buildDiagnosticsReport(input({ policy: { mode: 'safe', settings: builtInDefaults(true), locks: {} } }))).toContain(
      'Mode: SAFE MODE',
    );
  });

  it('redacts log lines again and keeps each on one line', () => {
    const text = buildDiagnosticsReport(
      input({
        log: {
          lines: ['2026-12-03 INFO [x] GET /sync?access_token=syt_old_unredacted_line', 'two\nlines', '{"body":"a message"}'],
          truncated: false,
        },
      }),
    );
    expect(text).not.toContain('syt_old');
    expect(text).not.toContain('a message');
    expect(text).toContain('two\\nlines');
  });
});

describe('safeValue', () => {
  it('shows booleans, plain words and origins, and describes the rest', () => {
    expect(safeValue('tchap.enabled', true)).toBe('on');
    expect(safeValue('teamsBridge.sunset', '2027-06-30')).toBe('2027-06-30');
    expect(safeValue('homeservers', [])).toBe('(empty)');
    expect(safeValue('homeservers', ['not a url'])).toBe('(not a web address)');
    expect(safeValue('calls.sfuUrl', null)).toBe('(not set)');
    expect(safeValue('teamsBridge.modes', { '*': { mode: 'browser' } })).toBe('set (not included)');
  });
});

describe('diagnosticsFileName', () => {
  it('names the file by its time, with characters every file system accepts', () => {
    expect(diagnosticsFileName(AT)).toBe('relais-diagnostics-2026-12-03T14-05-06Z.txt');
  });
});
