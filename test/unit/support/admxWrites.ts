// What the ADMX template makes Group Policy write: for each policy element, the registry key, value
// name and type. Shared by the ADMX test and the native registry reader's test, which both play
// Group Policy by writing a policy document the way the template would.
import { expect } from 'vitest';
import type { RegistryKey, RegistryValue } from '../../../src/main/policy/registry.ts';
import { valueAtPath } from '../../../src/shared/policy/resolve.ts';
import { findAll, type XmlElement } from './xml.ts';

export const ROOT_KEY = 'Software\\Policies\\Relais';

export type ElementKind = 'boolean' | 'text' | 'multiText' | 'enum';
export interface RegistryWrite {
  policy: string;
  keyPath: string; // dotted schema path
  registryKey: string;
  valueName: string;
  kind: ElementKind;
  enumValues: string[];
}

export function writesOf(policy: XmlElement): RegistryWrite[] {
  const name = policy.attributes.name!;
  const key = policy.attributes.key!;
  expect(key.toLowerCase().startsWith(ROOT_KEY.toLowerCase()), `${name} key`).toBe(true);
  const toPath = (registryKey: string, valueName: string) =>
    [
      ...registryKey
        .slice(ROOT_KEY.length)
        .split('\\')
        .filter((part) => part !== ''),
      valueName,
    ].join('.');
  const writes: RegistryWrite[] = [];
  if (policy.attributes.valueName !== undefined) {
    const valueName = policy.attributes.valueName;
    writes.push({ policy: name, keyPath: toPath(key, valueName), registryKey: key, valueName, kind: 'boolean', enumValues: [] });
  }
  for (const elements of policy.children.filter((c) => c.name === 'elements')) {
    for (const element of elements.children) {
      const registryKey = element.attributes.key ?? key;
      const valueName = element.attributes.valueName!;
      const enumValues = findAll(element, 'string').map((s) => s.text);
      writes.push({
        policy: name,
        keyPath: toPath(registryKey, valueName),
        registryKey,
        valueName,
        kind: element.name as ElementKind,
        enumValues,
      });
    }
  }
  return writes;
}

interface MutableKey {
  values: Record<string, RegistryValue>;
  subkeys: Record<string, MutableKey>;
}

/**
 * A document as Group Policy would store it with this template: DWORD 0/1 for on/off policies,
 * REG_MULTI_SZ for lists (multiText), REG_SZ for text and enums (JSON text for structured values).
 */
export function groupPolicyTree(writes: readonly RegistryWrite[], document: unknown): RegistryKey {
  const root: MutableKey = { values: {}, subkeys: {} };
  for (const write of writes) {
    const value = valueAtPath(document, write.keyPath);
    if (value === undefined) continue;
    let key = root;
    for (const part of write.registryKey
      .slice(ROOT_KEY.length)
      .split('\\')
      .filter((p) => p !== '')) {
      key = key.subkeys[part] ??= { values: {}, subkeys: {} };
    }
    key.values[write.valueName] =
      write.kind === 'boolean'
        ? { type: 'REG_DWORD', data: value === true ? 1 : 0 }
        : write.kind === 'multiText'
          ? { type: 'REG_MULTI_SZ', data: value as string[] }
          : { type: 'REG_SZ', data: typeof value === 'string' ? value : JSON.stringify(value) };
  }
  return root;
}

export function admxWrites(admx: XmlElement): RegistryWrite[] {
  return findAll(admx, 'policy').flatMap(writesOf);
}
