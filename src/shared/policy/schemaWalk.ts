// Reads the policy schema's structure (which keys exist, what type each has) so that other modules
// derive their behaviour from the one schema instead of repeating it: the registry mapping needs to
// know that a REG_DWORD is a boolean here and a subkey is an object there; tests compare the
// setting list and the ADMX templates with it.
import { z } from 'zod';

export type SchemaKind = 'object' | 'record' | 'array' | 'boolean' | 'number' | 'string' | 'other';

/** The schema inside optional/nullable/default wrappers, which say nothing about the value's type. */
export function unwrapSchema(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable || current instanceof z.ZodDefault) {
      current = current.unwrap() as z.ZodType;
    } else {
      return current;
    }
  }
}

export function schemaKind(schema: z.ZodType): SchemaKind {
  const inner = unwrapSchema(schema);
  if (inner instanceof z.ZodObject) return 'object';
  if (inner instanceof z.ZodRecord) return 'record';
  if (inner instanceof z.ZodArray) return 'array';
  if (inner instanceof z.ZodBoolean) return 'boolean';
  if (inner instanceof z.ZodNumber) return 'number';
  if (inner instanceof z.ZodEnum) return 'string';
  if (inner instanceof z.ZodLiteral) return typeof inner.value === 'number' ? 'number' : 'string';
  // String formats (z.iso.date(), z.guid()) are their own classes but share the "string" def type.
  if (inner.def.type === 'string') return 'string';
  return 'other';
}

/** Keys of an object schema (unwrapped); empty for anything else. */
export function objectKeys(schema: z.ZodType): string[] {
  const inner = unwrapSchema(schema);
  return inner instanceof z.ZodObject ? Object.keys(inner.shape) : [];
}

/** The schema of `key` inside an object (its field) or a record (its value type). */
export function childSchema(schema: z.ZodType, key: string): z.ZodType | undefined {
  const inner = unwrapSchema(schema);
  if (inner instanceof z.ZodObject) {
    const shape = inner.shape as Record<string, z.ZodType>;
    return Object.hasOwn(shape, key) ? shape[key] : undefined;
  }
  if (inner instanceof z.ZodRecord) return inner.valueType as z.ZodType;
  return undefined;
}

export function schemaAt(schema: z.ZodType, path: readonly string[]): z.ZodType | undefined {
  let current: z.ZodType | undefined = schema;
  for (const key of path) {
    if (!current) return undefined;
    current = childSchema(current, key);
  }
  return current;
}

/**
 * Dotted paths of the values set as a whole: objects are descended into; arrays, records and
 * scalars are leaves (a list or a per-tenant mapping is one setting, replaced as a whole).
 */
export function leafPaths(schema: z.ZodType, prefix = ''): string[] {
  const paths: string[] = [];
  for (const key of objectKeys(schema)) {
    const child = childSchema(schema, key);
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (child && schemaKind(child) === 'object') paths.push(...leafPaths(child, path));
    else paths.push(path);
  }
  return paths;
}
