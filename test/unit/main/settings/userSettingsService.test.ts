// User settings in main: the profile file (atomic writes, damaged files kept aside), the service
// that refuses what policy locks, and the egress filter that follows a homeserver the user chose.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEgressState } from '../../../../src/main/net/egressState.ts';
import {
  invalidCopyPath,
  nodeSettingsFileSystem,
  readUserSettingsFile,
  writeUserSettingsFile,
  type SettingsFileSystem,
} from '../../../../src/main/settings/userSettingsFile.ts';
import { createUserSettingsService } from '../../../../src/main/settings/userSettingsService.ts';
import { IpcError } from '../../../../src/shared/ipc/errors.ts';
import type { LoadedPolicy } from '../../../../src/shared/policy/types.ts';

const common = { searched: [], sources: [], notices: [] };
const NO_POLICY: LoadedPolicy = { status: 'none', ...common };
function policy(document: Record<string, unknown>): LoadedPolicy {
  // Every value written, by dotted path, as the loader records origins.
  const origins: Record<string, { source: string; line?: number }> = {};
  const walk = (value: unknown, at: string[]): void => {
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      for (const [key, child] of Object.entries(value)) walk(child, [...at, key]);
    else origins[at.join('.')] = { source: '/etc/relais/policy.json' };
  };
  walk(document, []);
  return { status: 'valid', ...common, document: { policyVersion: 1, ...document }, origins };
}

const dirs: string[] = [];
function profile(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'relais-profile-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function serviceOn(file: string, loaded: LoadedPolicy, log: string[] = []) {
  const logLine = (m: string) => log.push(m);
  return createUserSettingsService({
    policy: loaded,
    load: () => readUserSettingsFile(nodeSettingsFileSystem, file, logLine),
    save: (settings) => writeUserSettingsFile(nodeSettingsFileSystem, file, settings),
    log: logLine,
  });
}

function refusal(call: () => unknown): IpcError {
  try {
    call();
  } catch (error) {
    if (error instanceof IpcError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('settings.json in the profile', () => {
  it('persists a change: a new service (the next start) reads it back', () => {
    const file = path.join(profile(), 'nested', 'settings.json');
    serviceOn(file, NO_POLICY).update({ language: 'fr', notifications: { enabled: false } });
    expect(serviceOn(file, NO_POLICY).view()).toMatchObject({ language: 'fr', notifications: { enabled: false, sound: true } });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 1, language: 'fr', notifications: { enabled: false } });
    // Written through a temporary file and a rename: nothing else is left behind.
    expect(readdirSync(path.dirname(file))).toEqual(['settings.json']);
  });

  it('a missing file means defaults; a damaged one keeps its valid keys and is copied aside first', () => {
    const dir = profile();
    const file = path.join(dir, 'settings.json');
    expect(readUserSettingsFile(nodeSettingsFileSystem, file, () => undefined)).toEqual({ version: 1 });
    const damaged = '{ "version": 1, "language": "fr", "spellcheck": { "enabled": "no" } }';
    writeFileSync(file, damaged);
    const log: string[] = [];
    expect(readUserSettingsFile(nodeSettingsFileSystem, file, (m) => log.push(m))).toEqual({ version: 1, language: 'fr' });
    expect(readFileSync(invalidCopyPath(file), 'utf8')).toBe(damaged);
    expect(log.join('\n')).toContain('"spellcheck"');
  });

  it('an interrupted write leaves the previous file intact', () => {
    const file = path.join(profile(), 'settings.json');
    writeUserSettingsFile(nodeSettingsFileSystem, file, { version: 1, language: 'en' });
    const failingRename: SettingsFileSystem = {
      ...nodeSettingsFileSystem,
      rename: () => {
        throw Object.assign(new Error('EIO'), { code: 'EIO' });
      },
    };
    expect(() => writeUserSettingsFile(failingRename, file, { version: 1, language: 'fr' })).toThrow('EIO');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 1, language: 'en' });
  });

  it('a change that cannot be saved is refused and not applied', () => {
    const log: string[] = [];
    const service = createUserSettingsService({
      policy: NO_POLICY,
      load: () => ({ version: 1 }),
      save: () => {
        throw new Error('disk full');
      },
      log: (m) => log.push(m),
    });
    expect(refusal(() => service.update({ language: 'fr' })).code).toBe('unavailable');
    expect(service.view().language).toBeNull();
    expect(log.join('\n')).toContain('disk full');
  });
});

describe('machine policy wins', () => {
  it('a change to a locked setting is refused with not-allowed and nothing is written', () => {
    const file = path.join(profile(), 'settings.json');
    const service = serviceOn(file, policy({ notifications: { enabled: false } }));
    const error = refusal(() => service.update({ notifications: { enabled: true } }));
    expect(error.code).toBe('not-allowed');
    expect(error.message).toContain('/etc/relais/policy.json');
    expect(() => readFileSync(file)).toThrow();
    expect(service.view()).toMatchObject({
      notifications: { enabled: false },
      locked: { 'notifications.enabled': expect.any(String) as string },
    });
  });

  it('an invalid homeserver is refused with invalid-arguments', () => {
    expect(
      refusal(() => serviceOn(path.join(profile(), 's.json'), NO_POLICY).update({ homeserver: 'matrix.example.org' })).code,
    ).toBe('invalid-arguments');
  });
});

describe('egress follows the homeserver the user chose', () => {
  const url = 'https://mine.example.org/_matrix/client/versions';

  it('allowed once chosen, when policy allows custom homeservers; the previous one is dropped', () => {
    const loaded = policy({ allowCustomHomeserver: true, allowedEgressHosts: ['sfu.example.gouv.fr'] });
    const service = serviceOn(path.join(profile(), 'settings.json'), loaded);
    const log: string[] = [];
    const egress = createEgressState(
      loaded,
      () => service.current(),
      (m) => log.push(m),
    );
    service.onChange(() => egress.refresh());
    expect(egress.filter().decide(url).allowed).toBe(false);
    service.update({ homeserver: 'https://mine.example.org' });
    expect(egress.filter().decide(url)).toEqual({ allowed: true, reason: 'allowed: https://mine.example.org:443 (homeserver)' });
    expect(log).toEqual(['egress: allowed hosts now mine.example.org:443, sfu.example.gouv.fr:443']);
    service.update({ homeserver: 'https://other.example.org' });
    expect(egress.filter().decide(url).allowed).toBe(false);
    expect(egress.filter().decide('https://other.example.org/').allowed).toBe(true);
    // Everything else stays blocked.
    expect(egress.filter().decide('https://tracker.example.com/').allowed).toBe(false);
  });

  it('refused, and still blocked, when policy locks the homeserver', () => {
    const loaded = policy({ homeservers: ['https://matrix.example.gouv.fr'] });
    const service = serviceOn(path.join(profile(), 'settings.json'), loaded);
    const egress = createEgressState(
      loaded,
      () => service.current(),
      () => undefined,
    );
    service.onChange(() => egress.refresh());
    expect(refusal(() => service.update({ homeserver: 'https://mine.example.org' })).code).toBe('not-allowed');
    expect(egress.filter().decide(url).allowed).toBe(false);
    expect(egress.filter().decide('https://matrix.example.gouv.fr/_matrix/client/versions').allowed).toBe(true);
  });

  it('a homeserver written into settings.json by hand is ignored when policy locks it', () => {
    const dir = profile();
    const file = path.join(dir, 'settings.json');
    writeFileSync(file, JSON.stringify({ version: 1, homeservers: ['https://mine.example.org'] }));
    const loaded = policy({ allowCustomHomeserver: false, allowedEgressHosts: ['x.example.gouv.fr'] });
    const service = serviceOn(file, loaded);
    expect(
      createEgressState(
        loaded,
        () => service.current(),
        () => undefined,
      )
        .filter()
        .decide(url).allowed,
    ).toBe(false);
    expect(service.view().homeserver).toBeNull();
  });
});
