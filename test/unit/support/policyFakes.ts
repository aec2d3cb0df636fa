// Test doubles for the policy loader: an in-memory file system and registry.
import { expect } from 'vitest';
import type { PolicyFileSystem } from '../../../src/main/policy/fileSystem.ts';
import type { RegistryKey, RegistryReader, RegistryValue } from '../../../src/main/policy/registry.ts';

export type FakeEntry = string | { errorCode: string };

function fsError(code: string, path: string): Error {
  return Object.assign(new Error(`${code}: ${path}`), { code });
}

/** Files by absolute path (posix or Windows); directories exist when something is inside them. */
export function fakeFs(
  entries: Record<string, FakeEntry>,
  options: { unreadableDirs?: string[] } = {},
): PolicyFileSystem & { reads: string[] } {
  const unreadable = new Set(options.unreadableDirs ?? []);
  const childrenOf = (dir: string): string[] => {
    const names = new Set<string>();
    for (const path of Object.keys(entries)) {
      for (const sep of ['/', '\\']) {
        if (path.startsWith(dir + sep)) names.add(path.slice(dir.length + 1).split(/[/\\]/)[0]!);
      }
    }
    return [...names];
  };
  const reads: string[] = [];
  return {
    reads,
    exists: (path) => Object.hasOwn(entries, path) || unreadable.has(path) || childrenOf(path).length > 0,
    readdir: (path) => {
      if (unreadable.has(path)) throw fsError('EACCES', path);
      if (Object.hasOwn(entries, path)) throw fsError('ENOTDIR', path);
      const names = childrenOf(path);
      if (names.length === 0) throw fsError('ENOENT', path);
      // Deliberately not sorted: the loader must sort.
      return names.reverse();
    },
    readFile: (path) => {
      reads.push(path);
      const entry = entries[path];
      if (typeof entry === 'string') return entry;
      if (entry) throw fsError(entry.errorCode, path);
      throw fsError(childrenOf(path).length > 0 ? 'EISDIR' : 'ENOENT', path);
    },
  };
}

export function regKey(values: Record<string, RegistryValue> = {}, subkeys: Record<string, RegistryKey> = {}): RegistryKey {
  return { values, subkeys };
}

export const sz = (data: string): RegistryValue => ({ type: 'REG_SZ', data });
export const dword = (data: number): RegistryValue => ({ type: 'REG_DWORD', data });
export const multiSz = (...data: string[]): RegistryValue => ({ type: 'REG_MULTI_SZ', data });

export function fakeRegistry(trees: Record<string, RegistryKey | Error>): RegistryReader {
  return {
    readTree: (keyPath) => {
      const tree = trees[keyPath];
      if (tree instanceof Error) throw tree;
      return tree ?? null;
    },
  };
}

export function json(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

/** expect.stringMatching, typed: vitest's asymmetric matchers are `any`, which the lint rules refuse. */
export function matching(pattern: RegExp): string {
  const matcher: unknown = expect.stringMatching(pattern);
  return matcher as string;
}
