// Type guards for data that arrives untyped (JSON files, Matrix events, IPC): one definition of
// "a JSON object", so every reader agrees on what counts as one.

/** A non-null object that is not an array (JSON's "object"); no prototype check, like JSON.parse output. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
