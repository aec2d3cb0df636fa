// Every way a policy can be unusable ends in `status: 'invalid'` with problems that say where.
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../../src/main/policy/loadPolicy.ts';
import { effectiveEgress, egressFilterFor } from '../../../../src/shared/policy/egress.ts';
import type { LoadedPolicy, PolicyProblem } from '../../../../src/shared/policy/types.ts';
import { dword, fakeFs, fakeRegistry, json, matching, regKey, sz, type FakeEntry } from '../../support/policyFakes.ts';

const MAIN = '/etc/relais/policy.json';
const linux = { pathStyle: 'posix', policyDirectory: '/etc/relais' } as const;

function problems(entries: Record<string, FakeEntry>, unreadableDirs: string[] = []): PolicyProblem[] {
  const loaded = loadPolicy(linux, { fs: fakeFs(entries, { unreadableDirs }) });
  if (loaded.status !== 'invalid') throw new Error(`expected an invalid policy, got ${loaded.status}`);
  return [...loaded.problems];
}

describe('invalid policy files', () => {
  it('bad JSON: reports the line and column where parsing stopped', () => {
    expect(problems({ [MAIN]: '{\n  "policyVersion": 1,\n  "logLevel": "info"\n  "syncMode": "auto"\n}' })).toEqual([
      { kind: 'syntax', source: MAIN, line: 4, column: 3, message: matching(/^not valid JSON: Expected ',' or '}'/) },
    ]);
  });

  it('wrong type: points at the key, with its line', () => {
    expect(problems({ [MAIN]: json({ policyVersion: 1, notifications: { enabled: 'yes' } }) })).toEqual([
      {
        kind: 'schema',
        source: MAIN,
        line: 4,
        column: 5,
        keyPath: 'notifications.enabled',
        message: 'Invalid input: expected boolean, received string',
      },
    ]);
  });

  it('unknown key: one problem per key, at that key, with a hint for a case slip', () => {
    expect(problems({ [MAIN]: json({ policyVersion: 1, LogLevel: 'info', calls: { stun: [] } }) })).toEqual([
      {
        kind: 'schema',
        source: MAIN,
        line: 3,
        column: 3,
        keyPath: 'LogLevel',
        message: 'unknown key "LogLevel" (did you mean "logLevel"?)',
      },
      { kind: 'schema', source: MAIN, line: 5, column: 5, keyPath: 'calls.stun', message: 'unknown key "stun"' },
    ]);
  });

  it('a bad record key says what a key must be', () => {
    expect(problems({ [MAIN]: json({ policyVersion: 1, teamsBridge: { modes: { contoso: { mode: 'block' } } } }) })).toEqual([
      {
        kind: 'schema',
        source: MAIN,
        line: 5,
        column: 7,
        keyPath: 'teamsBridge.modes.contoso',
        message: 'invalid key "contoso": must be a tenant ID (GUID) or "*"',
      },
    ]);
  });

  it('a missing key inside a list element is located at that element', () => {
    const text = json({ policyVersion: 1, calls: { iceServers: [{ urls: 'stun:ok.example' }, { urls: 'turn:t.example' }] } });
    expect(problems({ [MAIN]: text })).toEqual([
      {
        kind: 'schema',
        source: MAIN,
        line: 8,
        column: 7,
        keyPath: 'calls.iceServers.1.username',
        message: 'turn: and turns: servers need username and credential',
      },
    ]);
  });

  it('unreadable file (EACCES)', () => {
    expect(problems({ [MAIN]: { errorCode: 'EACCES' } })).toEqual([
      { kind: 'unreadable', source: MAIN, message: 'cannot be read: permission denied' },
    ]);
  });

  it('unreadable policy.d directory, and a directory where a file should be', () => {
    expect(problems({}, ['/etc/relais/policy.d'])).toEqual([
      { kind: 'unreadable', source: '/etc/relais/policy.d', message: 'cannot be read: permission denied' },
    ]);
    expect(problems({ '/etc/relais/policy.d/10.json/inner.json': '{}' })).toEqual([
      { kind: 'unreadable', source: '/etc/relais/policy.d/10.json', message: 'is a directory, not a file' },
    ]);
  });

  it('a policy.d that is a file, not a directory', () => {
    expect(problems({ '/etc/relais/policy.d': '{}' })).toEqual([
      { kind: 'unreadable', source: '/etc/relais/policy.d', message: 'is a file, not a directory' },
    ]);
  });

  it('wrong version, or none: reported alone, without noise from the other keys', () => {
    expect(problems({ [MAIN]: json({ policyVersion: 2, brandNewKey: true }) })).toEqual([
      {
        kind: 'version',
        source: MAIN,
        line: 2,
        column: 3,
        keyPath: 'policyVersion',
        message: 'policyVersion 2 is not supported by this version of Relais (it supports 1)',
      },
    ]);
    expect(problems({ [MAIN]: json({ logLevel: 'info' }) })).toEqual([
      { kind: 'version', source: MAIN, line: 1, column: 1, message: '"policyVersion": 1 is missing' },
    ]);
  });

  it('not an object, an empty file, UTF-16 text, a repeated key', () => {
    expect(problems({ [MAIN]: '[]' })[0]).toMatchObject({ kind: 'schema', message: matching(/must be an object/) });
    expect(problems({ [MAIN]: '' })[0]).toMatchObject({
      kind: 'syntax',
      line: 1,
      column: 1,
      message: 'not valid JSON: the file is empty',
    });
    expect(problems({ [MAIN]: '\uFFFD\uFFFD{\u0000}\u0000' })[0]).toMatchObject({ kind: 'syntax', message: matching(/UTF-16/) });
    expect(problems({ [MAIN]: '{\n  "policyVersion": 1,\n  "policyVersion": 1\n}' })).toEqual([
      {
        kind: 'schema',
        source: MAIN,
        line: 3,
        column: 3,
        keyPath: 'policyVersion',
        message: 'key "policyVersion" appears more than once; keep only one',
      },
    ]);
  });

  it('a broken policy.d file makes the whole policy invalid even when policy.json is fine', () => {
    const loaded = loadPolicy(linux, {
      fs: fakeFs({
        [MAIN]: json({ policyVersion: 1, homeservers: ['https://matrix.example.gouv.fr'] }),
        '/etc/relais/policy.d/10-good.json': json({ policyVersion: 1, logLevel: 'warn' }),
        '/etc/relais/policy.d/20-broken.json': '{ "policyVersion": 1, ',
      }),
    });
    expect(loaded).toMatchObject({
      status: 'invalid',
      sources: [MAIN, '/etc/relais/policy.d/10-good.json', '/etc/relais/policy.d/20-broken.json'],
      problems: [{ kind: 'syntax', source: '/etc/relais/policy.d/20-broken.json', line: 1 }],
    });
  });

  it('reports problems from every source, not just the first', () => {
    const found = problems({
      [MAIN]: json({ policyVersion: 1, logLevel: 'loud' }),
      '/etc/relais/policy.d/10.json': json({ policyVersion: 1, syncMode: 'fast' }),
    });
    expect(found.map((p) => `${p.source}:${p.keyPath ?? ''}`)).toEqual([
      `${MAIN}:logLevel`,
      '/etc/relais/policy.d/10.json:syncMode',
    ]);
  });
});

describe('invalid registry policy', () => {
  const KEY = 'HKLM\\Software\\Policies\\Relais';
  const windows = { pathStyle: 'win32', registryKey: KEY } as const;
  const load = (registry: Parameters<typeof fakeRegistry>[0]): LoadedPolicy =>
    loadPolicy(windows, { fs: fakeFs({}), registry: fakeRegistry(registry) });

  it('wrong registry types name the value and what it should be', () => {
    expect(
      load({
        [KEY]: regKey({ allowCustomHomeserver: sz('true'), logLevel: dword(1) }, { notifications: regKey({ sound: dword(2) }) }),
      }),
    ).toMatchObject({
      status: 'invalid',
      problems: [
        { kind: 'schema', source: `${KEY}\\allowCustomHomeserver`, message: 'must be a REG_DWORD set to 0 (off) or 1 (on)' },
        { kind: 'schema', source: `${KEY}\\logLevel`, message: 'must be a REG_SZ (text)' },
        { kind: 'schema', source: `${KEY}\\notifications\\sound`, keyPath: 'notifications.sound' },
      ],
    });
  });

  it('bad JSON in a REG_SZ, unknown values, binary values, and a name used twice', () => {
    const loaded = load({
      [KEY]: regKey(
        { allowedEgressHosts: sz('["a.example",'), colour: sz('blue'), blob: { type: 'REG_BINARY' }, calls: sz('{}') },
        { calls: regKey({ sfuUrl: sz('https://sfu.example') }) },
      ),
    });
    expect(loaded.status === 'invalid' && loaded.problems.map((p) => [p.kind, p.source])).toEqual([
      ['syntax', `${KEY}\\allowedEgressHosts`],
      ['schema', `${KEY}\\blob`],
      ['schema', `${KEY}\\calls`],
      ['schema', `${KEY}\\colour`],
    ]);
  });

  it('an unreadable registry key', () => {
    expect(load({ [KEY]: new Error('Access is denied.') })).toMatchObject({
      status: 'invalid',
      problems: [{ kind: 'unreadable', source: KEY, message: 'cannot be read (Access is denied.)' }],
    });
  });
});

describe('safe mode', () => {
  it('allows no host at all when the policy is invalid', () => {
    const loaded = loadPolicy(linux, { fs: fakeFs({ [MAIN]: '{' }) });
    const egress = effectiveEgress(loaded);
    expect(egress).toEqual({ mode: 'safe', allowedOrigins: [] });
    const filter = egressFilterFor(egress);
    expect(filter.decide('https://matrix.example.gouv.fr/_matrix/client/versions')).toEqual({
      allowed: false,
      reason: 'blocked: https://matrix.example.gouv.fr:443: safe mode, the machine policy is invalid',
    });
    expect(filter.decide('relais://app/index.html').allowed).toBe(true);
  });
});
