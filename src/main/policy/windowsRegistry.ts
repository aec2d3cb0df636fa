// The real Windows registry reader behind RegistryReader: reads HKLM\Software\Policies\Relais and
// everything under it through native-reg, an N-API binding to the Win32 registry API (RegOpenKeyExW,
// RegEnumKeyExW, RegEnumValueW, RegQueryValueExW). It runs in-process: reg.exe and PowerShell are
// blocked by AppLocker/WDAC on the locked-down laptops Relais is deployed to.
//
// Why native-reg: VS Code's @vscode/windows-registry only reads one REG_SZ or REG_DWORD by name (no
// REG_MULTI_SZ, no enumeration, so per-tenant subkeys cannot be found) and compiles with node-gyp at
// install on every platform; @vscode/policy-watcher reads flat values of one key only, through the
// ANSI API, and compiles at install too. native-reg enumerates keys and values, returns typed raw
// data, ships N-API prebuilds for win32 x64/ia32/arm64 (no Electron rebuild), and its install
// script is a no-op elsewhere, so `npm ci` on Linux compiles nothing.
//
// Only HKLM is read. Relais's ADMX defines machine-class policies only, and machine policy is what
// admins lock; HKCU\Software\Policies would add per-user GPOs nobody writes for Relais today.
//
// The registry cannot be exercised on the Linux development machines: tests drive this module with a
// fake of the few native-reg functions it uses (test/unit/main/policy/windowsRegistry.test.ts).
import { createRequire } from 'node:module';
import type * as NativeReg from 'native-reg';
import type { RegistryKey, RegistryReader, RegistryValue } from './registry.ts';

/** The part of native-reg this module uses; `H` is its key handle type. */
export interface NativeRegistryApi<H> {
  HKLM: H;
  openKey(root: H, subKey: string, access: number): H | null;
  enumKeyNames(key: H): string[];
  enumValueNames(key: H): string[];
  queryValueRaw(key: H, valueName: string): (Uint8Array & { type: number }) | null;
  closeKey(key: H): void;
}

// winnt.h access rights: KEY_READ, and the 64-bit view explicitly (Software\Policies is shared
// between the views anyway; being explicit keeps a 32-bit build reading the same key).
const KEY_READ = 0x20019;
const KEY_WOW64_64KEY = 0x0100;

// winnt.h value types.
const REG_NONE = 0;
const REG_SZ = 1;
const REG_EXPAND_SZ = 2;
const REG_DWORD = 4;
const REG_DWORD_BIG_ENDIAN = 5;
const REG_MULTI_SZ = 7;
const REG_QWORD = 11;

/** Policy trees are a few levels deep (Relais\teamsBridge\modes\<tenant>); deeper is not policy. */
const MAX_DEPTH = 6;
/** Bounds the work a hostile or broken tree can cause at start-up. */
const MAX_ENTRIES = 2_000;

function utf16(data: Uint8Array): string {
  const even = data.byteLength - (data.byteLength % 2);
  return Buffer.from(data.buffer, data.byteOffset, even).toString('utf16le');
}

/** Registry strings may or may not end with NUL, and may carry bytes after it: stop at the first. */
function decodeString(data: Uint8Array): string {
  const text = utf16(data);
  const end = text.indexOf('\u0000');
  return end === -1 ? text : text.slice(0, end);
}

/** "a\0b\0\0": the list ends at the first empty string (Windows cannot store empty items). */
function decodeMultiString(data: Uint8Array): string[] {
  const items: string[] = [];
  for (const item of utf16(data).split('\u0000')) {
    if (item === '') break;
    items.push(item);
  }
  return items;
}

/** Raw registry data as the policy mapper's typed value (registry.ts decides what each key accepts). */
export function decodeRegistryValue(raw: Uint8Array & { type: number }): RegistryValue {
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  switch (raw.type) {
    case REG_SZ:
      return { type: 'REG_SZ', data: decodeString(raw) };
    case REG_EXPAND_SZ:
      // Kept unexpanded: expanding %VARS% would let the user's environment change machine policy.
      return { type: 'REG_EXPAND_SZ', data: decodeString(raw) };
    case REG_MULTI_SZ:
      return { type: 'REG_MULTI_SZ', data: decodeMultiString(raw) };
    case REG_DWORD:
    case REG_DWORD_BIG_ENDIAN:
      if (raw.byteLength !== 4) break;
      return { type: 'REG_DWORD', data: view.getUint32(0, raw.type === REG_DWORD) };
    case REG_QWORD: {
      if (raw.byteLength !== 8) break;
      const value = view.getBigUint64(0, true);
      if (value > BigInt(Number.MAX_SAFE_INTEGER)) break;
      return { type: 'REG_QWORD', data: Number(value) };
    }
    case REG_NONE:
      return { type: 'REG_NONE' };
  }
  // REG_BINARY, REG_LINK, resource lists, or a number of the wrong size: bytes policy cannot use.
  // The mapper reports them to the admin as unsupported, naming the value.
  return { type: 'REG_BINARY' };
}

const ROOTS: Readonly<Record<string, 'HKLM'>> = { HKLM: 'HKLM', HKEY_LOCAL_MACHINE: 'HKLM' };

function splitKeyPath(keyPath: string): { root: 'HKLM'; subKey: string } {
  const [rootName = '', ...rest] = keyPath.split('\\');
  const root = ROOTS[rootName.toUpperCase()];
  if (!root || rest.length === 0) throw new Error(`not an HKLM registry key: ${keyPath}`);
  return { root, subKey: rest.join('\\') };
}

export function createWindowsRegistryReader<H>(api: NativeRegistryApi<H>): RegistryReader {
  const access = KEY_READ | KEY_WOW64_64KEY;
  return {
    readTree(keyPath) {
      const { subKey } = splitKeyPath(keyPath);
      let entries = 0;
      const count = (): void => {
        entries += 1;
        if (entries > MAX_ENTRIES) throw new Error(`more than ${MAX_ENTRIES} keys and values under ${keyPath}`);
      };
      const readKey = (handle: H, depth: number): RegistryKey => {
        const values: Record<string, RegistryValue> = {};
        const subkeys: Record<string, RegistryKey> = {};
        for (const name of api.enumValueNames(handle)) {
          // The unnamed "(Default)" value is not a policy; a key's default is never written by the ADMX.
          if (name === '') continue;
          count();
          const raw = api.queryValueRaw(handle, name);
          // Deleted between enumeration and query (a Group Policy refresh running): not there.
          if (raw !== null) values[name] = decodeRegistryValue(raw);
        }
        for (const name of api.enumKeyNames(handle)) {
          count();
          if (depth >= MAX_DEPTH) throw new Error(`keys nested deeper than ${MAX_DEPTH} levels under ${keyPath}`);
          const child = api.openKey(handle, name, access);
          if (child === null) continue;
          try {
            subkeys[name] = readKey(child, depth + 1);
          } finally {
            api.closeKey(child);
          }
        }
        return { values, subkeys };
      };
      // null: no such key, i.e. no Group Policy for Relais. Access denied and other failures throw
      // (native-reg raises a Win32Error), which the loader reports as an unreadable policy source.
      const handle = api.openKey(api.HKLM, subKey, access);
      if (handle === null) return null;
      try {
        return readKey(handle, 1);
      } finally {
        api.closeKey(handle);
      }
    },
  };
}

/** One value of an HKLM key (windowsKnownFolders.ts reads the ProgramData folder with it). */
export function createWindowsValueReader<H>(
  api: NativeRegistryApi<H>,
): (keyPath: string, valueName: string) => RegistryValue | null {
  return (keyPath, valueName) => {
    const { subKey } = splitKeyPath(keyPath);
    const handle = api.openKey(api.HKLM, subKey, KEY_READ | KEY_WOW64_64KEY);
    if (handle === null) return null;
    try {
      const raw = api.queryValueRaw(handle, valueName);
      return raw === null ? null : decodeRegistryValue(raw);
    } finally {
      api.closeKey(handle);
    }
  };
}

function loadNativeReg(): typeof NativeReg {
  if (process.platform !== 'win32') throw new Error('the Windows registry exists only on Windows');
  const load = createRequire(__filename);
  // A type-only import above (erased at build time); the module itself is loaded here, on demand.
  return load('native-reg') as typeof NativeReg;
}

/** The value reader for this Windows machine (see loadWindowsRegistryReader). */
export function loadWindowsValueReader(): (keyPath: string, valueName: string) => RegistryValue | null {
  return createWindowsValueReader<NativeReg.HKEY>(loadNativeReg());
}

/**
 * The reader for this Windows machine. native-reg is required lazily, here and only on Windows: its
 * prebuilt binary exists for Windows only, and nothing else should pay for loading it. It stays
 * outside the esbuild bundle (scripts/build-electron.ts) and its .node file outside the asar.
 */
export function loadWindowsRegistryReader(): RegistryReader {
  return createWindowsRegistryReader<NativeReg.HKEY>(loadNativeReg());
}
