// The desktop diagnostics file, built from main's facts and a real log file in a temporary folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  desktopDiagnostics,
  DIAGNOSTICS_LOG_BYTES,
  type DesktopDiagnosticsFacts,
} from '../../../../src/main/log/desktopDiagnostics.ts';
import { createRotatingFile } from '../../../../src/main/log/rotatingFile.ts';
import { createMainLogging } from '../../../../src/main/log.ts';
import { builtInDefaults } from '../../../../src/shared/policy/settings.ts';

let home: string;

beforeEach(() => {
  home = mkdtempSync(path.join(tmpdir(), 'relais-home-'));
});

afterEach(() => {
  rmSync(home, { recursive: true, force: true });
});

function facts(logFile: DesktopDiagnosticsFacts['logFile']): DesktopDiagnosticsFacts {
  return {
    app: { name: 'Relais', version: '0.1.0' },
    system: {
      platform: 'linux',
      osRelease: '6.1.0',
      arch: 'x64',
      versions: { electron: '45.5.0', chrome: '140.0.1', node: '22.20.0' },
      locale: 'fr',
    },
    policy: {
      mode: 'managed',
      settings: {
        ...builtInDefaults(true),
        calls: {
          sfuUrl: null,
          iceServers: [{ urls: ['turn:t.example'], credential: 'TURN-SECRET' }],
          elementCallUrl: null,
          mediaEncryption: 'required',
        },
      },
      locks: { 'calls.iceServers': { kind: 'policy', reason: '/etc/relais/policy.json', sources: ['/etc/relais/policy.json'] } },
    },
    home,
    logFile,
    now: () => new Date('2026-12-03T10:00:00.000Z'),
  };
}

describe('desktopDiagnostics', () => {
  it('puts the versions, the policy summary and what main just logged (redacted) in one file', async () => {
    const logFile = createRotatingFile({ dir: path.join(home, '.config', 'Relais', 'logs') });
    const logging = createMainLogging({ stderr: () => undefined });
    logging.attachFile(logFile);
    const log = logging.logger('main');
    log('Relais 0.1.0 starting');
    log.warn('sync failed: GET https://hs.example/_matrix/client/v3/sync?access_token=syt_YWxpY2U_secret_x1', { status: 502 });

    const { fileName, text } = await desktopDiagnostics(facts(logFile));
    expect(fileName).toBe('relais-diagnostics-2026-12-03T10-00-00Z.txt');
    expect(text).toContain('Version: 0.1.0\nBuild: desktop (Electron)');
    expect(text).toContain('Electron: 45.5.0\nChrome: 140.0.1\nNode.js: 22.20.0');
    expect(text).toContain('  calls.iceServers = 1 entry (not included) (/etc/relais/policy.json)');
    expect(text).toContain('Log folder: ~/.config/Relais/logs\n');
    expect(text).toMatch(/INFO {2}\[main\] Relais 0\.1\.0 starting\n/);
    expect(text).toMatch(
      /WARN {2}\[main\] sync failed: GET https:\/\/hs\.example\/_matrix\/client\/v3\/sync\?access_token=\[redacted\] status=502\n/,
    );
    expect(text).not.toContain('TURN-SECRET');
    expect(text).not.toContain('syt_YWxpY2U');
  });

  it('takes only the newest part of a long log', async () => {
    const logFile = createRotatingFile({ dir: path.join(home, 'logs'), maxFileBytes: 256 * 1024, maxRotatedFiles: 4 });
    for (let i = 0; i < 20_000; i += 1) {
      logFile.write(`line ${i} ${'x'.repeat(60)}`);
      if (i % 1_000 === 999) await logFile.flush();
    }
    const { text } = await desktopDiagnostics(facts(logFile));
    expect(text.length).toBeLessThan(DIAGNOSTICS_LOG_BYTES + 4_000);
    expect(text).toContain('older lines not included');
    expect(text).toContain(`line 19999 `);
    expect(text).not.toContain('line 0 ');
    // A folder outside the home is shown as it is.
    expect(text).toContain(`Log folder: ~${path.sep}logs`);
  });
});
