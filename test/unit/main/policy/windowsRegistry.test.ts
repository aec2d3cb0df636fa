// The Windows registry reader over a fake of the native-reg functions it calls. The real registry
// cannot run on the Linux machines that develop and test Relais: what is checked here is everything
// but the Win32 calls themselves — decoding of the raw bytes Windows returns (UTF-16LE strings, with
// or without terminators, REG_MULTI_SZ lists, little-endian numbers), walking subkeys, closing every
// handle, failures, and the mapping to policy keys exactly as the ADMX template writes them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../../src/main/policy/loadPolicy.ts';
import { loadMachinePolicy } from '../../../../src/main/policy/machinePolicy.ts';
import type { RegistryKey, RegistryValue } from '../../../../src/main/policy/registry.ts';
import {
  createWindowsRegistryReader,
  decodeRegistryValue,
  loadWindowsRegistryReader,
  type NativeRegistryApi,
} from '../../../../src/main/policy/windowsRegistry.ts';
import { admxWrites, groupPolicyTree, ROOT_KEY } from '../../support/admxWrites.ts';
import { fakeFs } from '../../support/policyFakes.ts';
import { parseXml } from '../../support/xml.ts';

const KEY = `HKLM\\${ROOT_KEY}`;

type Raw = Uint8Array & { type: number };
const raw = (type: number, bytes: Uint8Array): Raw => Object.assign(new Uint8Array(bytes), { type });
const utf16 = (text: string) => new Uint8Array(Buffer.from(text, 'utf16le'));
const sz = (text: string, terminated = true) => raw(1, utf16(terminated ? `${text}\0` : text));
const multiSz = (...items: string[]) => raw(7, utf16(`${items.map((i) => `${i}\0`).join('')}\0`));
const dword = (value: number) => {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value, true);
  return raw(4, bytes);
};

interface FakeNode {
  values: Record<string, Raw>;
  subkeys: Record<string, FakeNode>;
}
interface Handle {
  node: FakeNode;
  id: number;
}

/** native-reg over an in-memory tree; names match case-insensitively, like the registry. */
function fakeNative(hklm: Record<string, FakeNode>, options: { denied?: string[] } = {}) {
  const open = new Set<number>();
  let next = 0;
  const root: Handle = { node: { values: {}, subkeys: hklm }, id: -1 };
  const find = (node: FakeNode, path: string): FakeNode | undefined => {
    let current: FakeNode | undefined = node;
    for (const part of path.split('\\')) {
      const name: string | undefined = Object.keys(current?.subkeys ?? {}).find((k) => k.toLowerCase() === part.toLowerCase());
      current = name === undefined ? undefined : current?.subkeys[name];
    }
    return current;
  };
  const api: NativeRegistryApi<Handle> = {
    HKLM: root,
    openKey: (parent, subKey) => {
      if (options.denied?.includes(subKey)) throw Object.assign(new Error('Access is denied.'), { errno: 5 });
      const node = find(parent.node, subKey);
      if (!node) return null;
      next += 1;
      open.add(next);
      return { node, id: next };
    },
    enumKeyNames: (key) => Object.keys(key.node.subkeys),
    enumValueNames: (key) => Object.keys(key.node.values),
    queryValueRaw: (key, name) => key.node.values[name] ?? null,
    closeKey: (key) => {
      if (!open.delete(key.id)) throw new Error(`closed twice or never opened: ${key.id}`);
    },
  };
  return { api, openHandles: open };
}

/** Encodes a mapper-level tree as the bytes Windows stores. */
function toNative(key: RegistryKey): FakeNode {
  const encode = (value: RegistryValue): Raw => {
    switch (value.type) {
      case 'REG_SZ':
        return sz(value.data);
      case 'REG_MULTI_SZ':
        return multiSz(...value.data);
      case 'REG_DWORD':
        return dword(value.data);
      default:
        throw new Error(`not written by the ADMX: ${value.type}`);
    }
  };
  return {
    values: Object.fromEntries(Object.entries(key.values).map(([name, value]) => [name, encode(value)])),
    subkeys: Object.fromEntries(Object.entries(key.subkeys).map(([name, subkey]) => [name, toNative(subkey)])),
  };
}

const relais = (node: FakeNode): Record<string, FakeNode> => ({
  Software: { values: {}, subkeys: { Policies: { values: {}, subkeys: { Relais: node } } } },
});

describe('decoding raw registry data', () => {
  it('reads UTF-16LE strings with or without a terminator, and stops at the first NUL', () => {
    expect(decodeRegistryValue(sz('https://matrix.exemple.gouv.fr'))).toEqual({
      type: 'REG_SZ',
      data: 'https://matrix.exemple.gouv.fr',
    });
    expect(decodeRegistryValue(sz('Équipe', false))).toEqual({ type: 'REG_SZ', data: 'Équipe' });
    expect(decodeRegistryValue(raw(1, utf16('warn\0garbage')))).toEqual({ type: 'REG_SZ', data: 'warn' });
    expect(decodeRegistryValue(raw(2, utf16('%ProgramData%\\Relais\0')))).toEqual({
      type: 'REG_EXPAND_SZ',
      data: '%ProgramData%\\Relais',
    });
  });

  it('reads REG_MULTI_SZ lists up to the empty item that ends them', () => {
    expect(decodeRegistryValue(multiSz('https://a.example', 'https://b.example'))).toEqual({
      type: 'REG_MULTI_SZ',
      data: ['https://a.example', 'https://b.example'],
    });
    expect(decodeRegistryValue(raw(7, utf16('\0')))).toEqual({ type: 'REG_MULTI_SZ', data: [] });
    expect(decodeRegistryValue(raw(7, utf16('a\0b')))).toEqual({ type: 'REG_MULTI_SZ', data: ['a', 'b'] });
  });

  it('reads little-endian DWORD and QWORD, big-endian DWORD, and refuses numbers of the wrong size', () => {
    expect(decodeRegistryValue(dword(1))).toEqual({ type: 'REG_DWORD', data: 1 });
    expect(decodeRegistryValue(raw(5, new Uint8Array([0, 0, 1, 0])))).toEqual({ type: 'REG_DWORD', data: 256 });
    expect(decodeRegistryValue(raw(11, new Uint8Array([42, 0, 0, 0, 0, 0, 0, 0])))).toEqual({ type: 'REG_QWORD', data: 42 });
    expect(decodeRegistryValue(raw(11, new Uint8Array(8).fill(255)))).toEqual({ type: 'REG_BINARY' });
    expect(decodeRegistryValue(raw(4, new Uint8Array([1, 0])))).toEqual({ type: 'REG_BINARY' });
    expect(decodeRegistryValue(raw(3, new Uint8Array([1, 2, 3])))).toEqual({ type: 'REG_BINARY' });
    expect(decodeRegistryValue(raw(0, new Uint8Array()))).toEqual({ type: 'REG_NONE' });
  });
});

describe('reading the Group Policy key', () => {
  it('walks values and subkeys, skips the unnamed default value, and closes every handle', () => {
    const { api, openHandles } = fakeNative(
      relais({
        values: { '': sz('ignored'), logLevel: sz('warn'), homeservers: multiSz('https://a.example') },
        subkeys: { notifications: { values: { enabled: dword(0) }, subkeys: {} } },
      }),
    );
    expect(createWindowsRegistryReader(api).readTree(KEY)).toEqual({
      values: { logLevel: { type: 'REG_SZ', data: 'warn' }, homeservers: { type: 'REG_MULTI_SZ', data: ['https://a.example'] } },
      subkeys: { notifications: { values: { enabled: { type: 'REG_DWORD', data: 0 } }, subkeys: {} } },
    });
    expect(openHandles.size).toBe(0);
  });

  it('returns null when there is no Relais key (no Group Policy), and accepts the long root name', () => {
    const { api } = fakeNative({ Software: { values: {}, subkeys: {} } });
    expect(createWindowsRegistryReader(api).readTree(KEY)).toBeNull();
    expect(createWindowsRegistryReader(api).readTree(`HKEY_LOCAL_MACHINE\\${ROOT_KEY}`)).toBeNull();
    expect(() => createWindowsRegistryReader(api).readTree(`HKCU\\${ROOT_KEY}`)).toThrow(/not an HKLM/);
  });

  it('reports a key it may not read as an unreadable source (safe mode), never as no policy', () => {
    const { api } = fakeNative(relais({ values: {}, subkeys: {} }), { denied: [ROOT_KEY] });
    const loaded = loadPolicy(
      { pathStyle: 'win32', registryKey: KEY },
      { fs: fakeFs({}), registry: createWindowsRegistryReader(api) },
    );
    expect(loaded).toMatchObject({ status: 'invalid', problems: [{ kind: 'unreadable', source: KEY }] });
  });

  it('refuses absurdly deep trees and closes the handles it opened', () => {
    let node: FakeNode = { values: { x: dword(1) }, subkeys: {} };
    for (let i = 0; i < 10; i += 1) node = { values: {}, subkeys: { [`k${i}`]: node } };
    const { api, openHandles } = fakeNative(relais(node));
    expect(() => createWindowsRegistryReader(api).readTree(KEY)).toThrow(/deeper than/);
    expect(openHandles.size).toBe(0);
  });

  it('maps every value as the ADMX template writes it, bytes included, back to the example policy', () => {
    const example = JSON.parse(readFileSync('build/policy/policy.example.json', 'utf8')) as Record<string, unknown>;
    const tree = groupPolicyTree(admxWrites(parseXml(readFileSync('build/policy/relais.admx', 'utf8'))), example);
    const { api, openHandles } = fakeNative(relais(toNative(tree)));
    const loaded = loadPolicy(
      { pathStyle: 'win32', registryKey: KEY },
      { fs: fakeFs({}), registry: createWindowsRegistryReader(api) },
    );
    const expected = Object.fromEntries(Object.entries(example).filter(([key]) => !key.startsWith('$')));
    expect(loaded.status === 'valid' && loaded.document).toEqual(expected);
    expect(loaded.status === 'valid' && loaded.origins['tchap.enabled']).toEqual({ source: `${KEY}\\tchap\\enabled` });
    expect(openHandles.size).toBe(0);
  });
});

describe('loading the native module', () => {
  it('is refused off Windows (the module is required lazily, on Windows only)', () => {
    expect(process.platform).not.toBe('win32');
    expect(() => loadWindowsRegistryReader()).toThrow(/only on Windows/);
  });

  it('a reader that cannot load means safe mode, not "no Group Policy"', () => {
    const log: string[] = [];
    const loaded = loadMachinePolicy({
      platform: 'win32',
      env: { ProgramData: 'C:\\ProgramData' },
      allowDirectoryOverride: false,
      fs: fakeFs({}),
      loadRegistry: () => {
        throw new Error('native-reg: no prebuild for win32-riscv64');
      },
      loadValueReader: () => () => ({ type: 'REG_SZ', data: 'C:\\ProgramData' }),
      log: (m) => log.push(m),
    });
    expect(loaded).toMatchObject({ status: 'invalid', problems: [{ kind: 'unreadable', source: KEY }] });
    expect(log.join('\n')).toContain('no prebuild for win32-riscv64');
  });

  it('is not loaded at all where no registry key is searched (Linux, or the test override on Windows)', () => {
    const loadRegistry = () => {
      throw new Error('must not be called');
    };
    const common = { allowDirectoryOverride: true, fs: fakeFs({}), loadRegistry, log: () => undefined };
    expect(loadMachinePolicy({ ...common, platform: 'linux', env: {} }).status).toBe('none');
    expect(loadMachinePolicy({ ...common, platform: 'win32', env: { RELAIS_POLICY_DIR: 'C:\\policy' } }).status).toBe('none');
  });
});
