// Combines policy sources: later sources override earlier ones, objects merge key by key, and
// anything else (lists included) is replaced whole, because merging two lists of servers would
// produce a list nobody wrote. Every written value remembers where it came from.
import { isRecord } from '../guards.ts';
import type { ValueOrigin } from './types.ts';

export type PlainObject = Record<string, unknown>;

/** The policy name for the shared JSON-object guard (same rule: non-null, not an array). */
export const isPlainObject: (value: unknown) => value is PlainObject = isRecord;

/** Keys that describe a file rather than set anything. */
const METADATA_KEYS = new Set(['$schema', '$comment', 'policyVersion']);

export interface MergeInput {
  data: PlainObject;
  locate(path: readonly (string | number)[]): ValueOrigin;
}

export interface MergeResult {
  merged: PlainObject;
  /** Dotted path → origin of the value last written there (objects: of their last contributor). */
  origins: Record<string, ValueOrigin>;
}

function setOwn(target: PlainObject, key: string, value: unknown): void {
  // defineProperty, not assignment: a key named "__proto__" must stay data, never a prototype.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function forgetBelow(origins: Record<string, ValueOrigin>, dotted: string): void {
  for (const key of Object.keys(origins)) if (key.startsWith(`${dotted}.`)) Reflect.deleteProperty(origins, key);
}

function mergeInto(
  target: PlainObject,
  source: PlainObject,
  path: string[],
  input: MergeInput,
  origins: Record<string, ValueOrigin>,
): void {
  for (const [key, value] of Object.entries(source)) {
    if (path.length === 0 && METADATA_KEYS.has(key)) continue;
    const keyPath = [...path, key];
    const dotted = keyPath.join('.');
    const existing = target[key];
    if (isPlainObject(value)) {
      if (!isPlainObject(existing)) {
        forgetBelow(origins, dotted);
        setOwn(target, key, {});
      }
      origins[dotted] = input.locate(keyPath);
      mergeInto(target[key] as PlainObject, value, keyPath, input, origins);
    } else {
      forgetBelow(origins, dotted);
      setOwn(target, key, structuredClone(value));
      origins[dotted] = input.locate(keyPath);
    }
  }
}

export function mergePolicySources(inputs: readonly MergeInput[]): MergeResult {
  const merged: PlainObject = {};
  const origins: Record<string, ValueOrigin> = {};
  for (const input of inputs) mergeInto(merged, input.data, [], input, origins);
  return { merged, origins };
}

/** Origin of the nearest written ancestor of a dotted path (or the path itself). */
export function originAt(
  origins: Readonly<Record<string, ValueOrigin>>,
  path: readonly (string | number)[],
): ValueOrigin | undefined {
  for (let length = path.length; length > 0; length -= 1) {
    const origin = origins[path.slice(0, length).join('.')];
    if (origin) return origin;
  }
  return undefined;
}

/**
 * The sources that wrote a setting, one origin each: a per-tenant mapping may come from several
 * files. The origin recorded at the path itself comes first (it is the last writer).
 */
export function originsUnder(origins: Readonly<Record<string, ValueOrigin>>, dotted: string): ValueOrigin[] {
  const bySource = new Map<string, ValueOrigin>();
  const exact = origins[dotted];
  if (exact) bySource.set(exact.source, exact);
  for (const [key, origin] of Object.entries(origins)) {
    if (key.startsWith(`${dotted}.`) && !bySource.has(origin.source)) bySource.set(origin.source, origin);
  }
  return [...bySource.values()];
}
