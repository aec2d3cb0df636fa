// Windows Group Policy: HKLM\Software\Policies\Relais, turned into a policy document. The registry
// has no JSON, so the schema says how each value reads:
//   boolean  ← REG_DWORD 0 or 1             string ← REG_SZ (REG_EXPAND_SZ kept unexpanded)
//   number   ← REG_DWORD                    list   ← REG_MULTI_SZ, or REG_SZ holding a JSON list
//   object   ← a subkey of the same name, or a REG_SZ holding a JSON object
// Names match schema keys case-insensitively (the registry itself is case-insensitive); unknown
// names are passed through so the schema reports them as unknown keys, with their registry path.
import type { z } from 'zod';
import type { PlainObject } from '../../shared/policy/merge.ts';
import { policyDocumentSchema } from '../../shared/policy/schema.ts';
import { childSchema, objectKeys, schemaKind, unwrapSchema } from '../../shared/policy/schemaWalk.ts';
import type { PolicyProblem, PolicySourceDocument, PolicySourceRead } from '../../shared/policy/types.ts';

export type RegistryValue =
  | { type: 'REG_SZ' | 'REG_EXPAND_SZ'; data: string }
  | { type: 'REG_MULTI_SZ'; data: readonly string[] }
  | { type: 'REG_DWORD' | 'REG_QWORD'; data: number }
  | { type: 'REG_BINARY' | 'REG_NONE' };

export interface RegistryKey {
  values: Readonly<Record<string, RegistryValue>>;
  subkeys: Readonly<Record<string, RegistryKey>>;
}

export interface RegistryReader {
  /** The key and everything under it; null when the key does not exist; throws when it cannot be read. */
  readTree(keyPath: string): RegistryKey | null;
}

type Converted = { ok: true; value: unknown } | { ok: false; message: string; kind: PolicyProblem['kind'] };

function parseJsonValue(text: string, expected: string): Converted {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const detail = error instanceof Error ? error.message.replace(/,\s*".*" is not valid JSON$/s, '') : '';
    return { ok: false, kind: 'syntax', message: `must be a REG_SZ holding ${expected} in JSON: ${detail}` };
  }
}

function raw(value: RegistryValue): unknown {
  return 'data' in value ? value.data : null;
}

function convertValue(value: RegistryValue, schema: z.ZodType | undefined): Converted {
  if (value.type === 'REG_BINARY' || value.type === 'REG_NONE') {
    return {
      ok: false,
      kind: 'schema',
      message: `${value.type} values are not supported (use REG_DWORD, REG_SZ or REG_MULTI_SZ)`,
    };
  }
  if (!schema) return { ok: true, value: raw(value) };
  const numeric = value.type === 'REG_DWORD' || value.type === 'REG_QWORD';
  const text = value.type === 'REG_SZ' || value.type === 'REG_EXPAND_SZ';
  switch (schemaKind(schema)) {
    case 'boolean':
      if (numeric && (value.data === 0 || value.data === 1)) return { ok: true, value: value.data === 1 };
      return { ok: false, kind: 'schema', message: 'must be a REG_DWORD set to 0 (off) or 1 (on)' };
    case 'number':
      return numeric ? { ok: true, value: value.data } : { ok: false, kind: 'schema', message: 'must be a REG_DWORD' };
    case 'string':
      return text ? { ok: true, value: value.data } : { ok: false, kind: 'schema', message: 'must be a REG_SZ (text)' };
    case 'array':
      if (value.type === 'REG_MULTI_SZ') return { ok: true, value: [...value.data] };
      if (text) return parseJsonValue(value.data, 'a list');
      return { ok: false, kind: 'schema', message: 'must be a REG_MULTI_SZ or a REG_SZ holding a JSON list' };
    case 'object':
    case 'record':
      if (text) return parseJsonValue(value.data, 'an object');
      return { ok: false, kind: 'schema', message: 'must be a subkey or a REG_SZ holding a JSON object' };
    case 'other':
      return { ok: true, value: raw(value) };
  }
}

/** The schema's spelling of a registry name (records keep names as written: they are data). */
function canonicalName(schema: z.ZodType | undefined, name: string): string {
  if (!schema) return name;
  return objectKeys(unwrapSchema(schema)).find((key) => key.toLowerCase() === name.toLowerCase()) ?? name;
}

interface Conversion {
  origins: Map<string, string>;
  problems: PolicyProblem[];
}

function convertKey(
  key: RegistryKey,
  schema: z.ZodType | undefined,
  path: string[],
  keyPath: string,
  out: Conversion,
): PlainObject {
  const result: PlainObject = {};
  const set = (name: string, value: unknown): void => {
    Object.defineProperty(result, name, { value, enumerable: true, writable: true, configurable: true });
  };
  for (const [name, value] of Object.entries(key.values)) {
    const canonical = canonicalName(schema, name);
    const child = schema ? childSchema(schema, canonical) : undefined;
    const source = `${keyPath}\\${name}`;
    const keyPathText = [...path, canonical].join('.');
    const converted = convertValue(value, child);
    if (converted.ok) {
      set(canonical, converted.value);
      out.origins.set(keyPathText, source);
    } else {
      out.problems.push({ kind: converted.kind, source, keyPath: keyPathText, message: converted.message });
    }
  }
  for (const [name, subkey] of Object.entries(key.subkeys)) {
    const canonical = canonicalName(schema, name);
    const source = `${keyPath}\\${name}`;
    const keyPathText = [...path, canonical].join('.');
    if (Object.hasOwn(result, canonical) || out.origins.has(keyPathText)) {
      out.problems.push({
        kind: 'schema',
        source,
        keyPath: keyPathText,
        message: 'is set both as a value and as a subkey; keep one',
      });
      continue;
    }
    const child = schema ? childSchema(schema, canonical) : undefined;
    out.origins.set(keyPathText, source);
    set(canonical, convertKey(subkey, child, [...path, canonical], source, out));
  }
  return result;
}

function isEmptyTree(key: RegistryKey): boolean {
  return Object.keys(key.values).length === 0 && Object.values(key.subkeys).every(isEmptyTree);
}

/** A registry tree as a policy source; the policy version is implied (the ADMX template is the contract). */
export function registrySource(tree: RegistryKey, keyPath: string): PolicySourceDocument {
  const out: Conversion = { origins: new Map(), problems: [] };
  const data = convertKey(tree, policyDocumentSchema, [], keyPath, out);
  return {
    source: keyPath,
    data,
    versionImplied: true,
    problems: out.problems,
    locate: (path) => {
      for (let length = path.length; length > 0; length -= 1) {
        const source = out.origins.get(path.slice(0, length).join('.'));
        if (source !== undefined) return { source };
      }
      return { source: keyPath };
    },
  };
}

/**
 * null when there is no policy in the registry. A key left behind empty (policies set to "Not
 * configured" remove their values, not the key) counts as no policy.
 */
export function readRegistrySource(reader: RegistryReader, keyPath: string): PolicySourceRead | null {
  let tree: RegistryKey | null;
  try {
    tree = reader.readTree(keyPath);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [{ kind: 'unreadable', source: keyPath, message: `cannot be read (${detail})` }] };
  }
  if (!tree || isEmptyTree(tree)) return null;
  return { ok: true, document: registrySource(tree, keyPath) };
}
