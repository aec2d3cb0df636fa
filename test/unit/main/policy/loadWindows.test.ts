import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../../src/main/policy/loadPolicy.ts';
import { policyLocationsFor } from '../../../../src/main/policy/locations.ts';
import type { RegistryKey } from '../../../../src/main/policy/registry.ts';
import type { LoadedPolicy } from '../../../../src/shared/policy/types.ts';
import { dword, fakeFs, fakeRegistry, json, multiSz, regKey, sz } from '../../support/policyFakes.ts';

const KEY = 'HKLM\\Software\\Policies\\Relais';
const PROGRAM_DATA_FILE = 'C:\\ProgramData\\Relais\\policy.json';
const { locations } = policyLocationsFor({
  platform: 'win32',
  env: { ProgramData: 'C:\\Users\\mallory\\fake' },
  allowDirectoryOverride: false,
  programDataFolder: () => 'C:\\ProgramData',
});

function load(tree: RegistryKey | Error | undefined, programData?: unknown): LoadedPolicy {
  const fs = fakeFs(programData === undefined ? {} : { [PROGRAM_DATA_FILE]: json(programData) });
  return loadPolicy(locations, { fs, registry: fakeRegistry(tree === undefined ? {} : { [KEY]: tree }) });
}

function valid(loaded: LoadedPolicy): Extract<LoadedPolicy, { status: 'valid' }> {
  if (loaded.status !== 'valid') throw new Error(`expected a valid policy, got ${JSON.stringify(loaded, null, 2)}`);
  return loaded;
}

describe('Windows registry policy', () => {
  it('maps value types by schema: DWORD booleans, REG_SZ text, REG_MULTI_SZ lists, subkeys as objects', () => {
    const tree = regKey(
      {
        allowCustomHomeserver: dword(0),
        homeservers: multiSz('https://a.example.gouv.fr', 'https://b.example.gouv.fr'),
        logLevel: sz('warn'),
      },
      {
        notifications: regKey({ enabled: dword(1), sound: dword(0) }),
        calls: regKey({ sfuUrl: sz('https://sfu.example.gouv.fr') }),
      },
    );
    const loaded = valid(load(tree));
    expect(loaded.document).toEqual({
      policyVersion: 1,
      allowCustomHomeserver: false,
      homeservers: ['https://a.example.gouv.fr', 'https://b.example.gouv.fr'],
      logLevel: 'warn',
      notifications: { enabled: true, sound: false },
      calls: { sfuUrl: 'https://sfu.example.gouv.fr' },
    });
    expect(loaded.origins['notifications.sound']).toEqual({ source: `${KEY}\\notifications\\sound` });
    expect(loaded.sources).toEqual([KEY]);
    expect(loaded.searched).toEqual([PROGRAM_DATA_FILE, KEY]);
  });

  it('reads JSON strings for lists and objects (ICE servers, Teams modes, a list as REG_SZ)', () => {
    const iceServers = [{ urls: 'turns:turn.example.gouv.fr:5349', username: 'u', credential: 'c' }];
    const modes = { '*': { mode: 'block' } };
    const tree = regKey(
      { allowedEgressHosts: sz('["x.example.gouv.fr"]') },
      {
        calls: regKey({ iceServers: sz(JSON.stringify(iceServers)) }),
        teamsBridge: regKey({ modes: sz(JSON.stringify(modes)) }),
      },
    );
    expect(valid(load(tree)).document).toMatchObject({
      allowedEgressHosts: ['x.example.gouv.fr'],
      calls: { iceServers },
      teamsBridge: { modes },
    });
  });

  it('reads per-tenant modes from subkeys too', () => {
    const tenant = '8c3e4f5a-1b2c-4d3e-9f8a-7b6c5d4e3f2a';
    const tree = regKey({}, { teamsBridge: regKey({}, { modes: regKey({}, { [tenant]: regKey({ mode: sz('isolated') }) }) }) });
    expect(valid(load(tree)).document.teamsBridge).toEqual({ modes: { [tenant]: { mode: 'isolated' } } });
  });

  it('matches names case-insensitively, as the registry does', () => {
    const tree = regKey({ LogLevel: sz('debug') }, { Notifications: regKey({ SOUND: dword(1) }) });
    expect(valid(load(tree)).document).toEqual({ policyVersion: 1, logLevel: 'debug', notifications: { sound: true } });
  });

  it('implies policyVersion 1 but checks it when present', () => {
    expect(valid(load(regKey({ policyVersion: dword(1), logLevel: sz('info') }))).document.logLevel).toBe('info');
    expect(load(regKey({ policyVersion: dword(2) }))).toMatchObject({
      status: 'invalid',
      problems: [{ kind: 'version', source: `${KEY}\\policyVersion` }],
    });
  });

  it('reads recommended values from the defaults subkey', () => {
    const tree = regKey(
      {},
      { defaults: regKey({ syncMode: sz('classic') }, { spellcheck: regKey({ languages: multiSz('fr-FR') }) }) },
    );
    expect(valid(load(tree)).document.defaults).toEqual({ syncMode: 'classic', spellcheck: { languages: ['fr-FR'] } });
  });

  it('treats a missing key, or one left empty after policies were removed, as no policy', () => {
    expect(load(undefined).status).toBe('none');
    expect(load(regKey({}, { calls: regKey() })).status).toBe('none');
  });
});

describe('Windows precedence: Group Policy registry over the ProgramData file', () => {
  it('uses the ProgramData file alone when there is no registry policy', () => {
    const loaded = valid(load(undefined, { policyVersion: 1, logLevel: 'warn' }));
    expect(loaded.document.logLevel).toBe('warn');
    expect(loaded.origins['logLevel']).toMatchObject({ source: PROGRAM_DATA_FILE, line: 3 });
  });

  it('lets registry values win and keeps file values the registry does not set', () => {
    const loaded = valid(
      load(regKey({ logLevel: sz('error') }, { notifications: regKey({ sound: dword(0) }) }), {
        policyVersion: 1,
        logLevel: 'debug',
        syncMode: 'sliding',
        notifications: { enabled: false, sound: true },
      }),
    );
    expect(loaded.sources).toEqual([PROGRAM_DATA_FILE, KEY]);
    expect(loaded.document).toMatchObject({
      logLevel: 'error',
      syncMode: 'sliding',
      notifications: { enabled: false, sound: false },
    });
    expect(loaded.origins['logLevel']).toEqual({ source: `${KEY}\\logLevel` });
    expect(loaded.origins['syncMode']?.source).toBe(PROGRAM_DATA_FILE);
  });

  it('checks rules across sources: a registry allowCustomHomeserver against file homeservers', () => {
    const loaded = load(regKey({ allowCustomHomeserver: dword(1) }), {
      policyVersion: 1,
      homeservers: ['https://a.example.org'],
    });
    expect(loaded).toMatchObject({
      status: 'invalid',
      problems: [{ kind: 'schema', source: `${KEY}\\allowCustomHomeserver`, keyPath: 'allowCustomHomeserver' }],
    });
  });

  it('requires a registry reader for a registry location', () => {
    expect(() => loadPolicy(locations, { fs: fakeFs({}) })).toThrow(/registry reader/);
  });
});
