// Types shared by the policy loader (main process), the pure evaluation and its consumers.
import type { PolicyDocument } from './schema.ts';

/** Where a value (or a problem) comes from, in terms an administrator can act on. */
export interface ValueOrigin {
  /** File path, registry value ("HKLM\Software\Policies\Relais\calls\sfuUrl") or plist path. */
  source: string;
  line?: number;
  column?: number;
}

export type PolicyProblemKind =
  | 'unreadable' // the file or registry key exists but cannot be read
  | 'syntax' // not valid JSON (or a registry value holding JSON that is not valid)
  | 'version' // policyVersion missing or not supported by this build
  | 'schema'; // wrong type, unknown key, value out of range, contradictory keys

export interface PolicyProblem {
  kind: PolicyProblemKind;
  source: string;
  line?: number;
  column?: number;
  /** Dotted key path inside the policy, e.g. "calls.iceServers.0.urls". */
  keyPath?: string;
  message: string;
}

/**
 * One policy source after reading, before validation. Sources are evaluated in precedence order,
 * lowest first: a later source overrides an earlier one.
 */
export interface PolicySourceDocument {
  source: string;
  data: unknown;
  /** Where a key path is written in this source; falls back to the nearest parent. */
  locate(path: readonly (string | number)[]): ValueOrigin;
  /**
   * The registry has no natural place for a version: the ADMX template is the contract, so a
   * missing policyVersion there means the current one. Files must say which version they target.
   */
  versionImplied?: boolean;
  /** Problems found while reading that do not stop validation of the rest (a repeated key, say). */
  problems?: readonly PolicyProblem[];
}

export type PolicySourceRead = { ok: true; document: PolicySourceDocument } | { ok: false; problems: PolicyProblem[] };

interface LoadedCommon {
  /** Every place looked at, in precedence order (lowest first), whether or not it existed. */
  searched: readonly string[];
  /** Sources that exist and were read, in precedence order (lowest first). */
  sources: readonly string[];
  /** Things an administrator may want to know that do not invalidate the policy. */
  notices: readonly string[];
}

export type LoadedPolicy =
  /** No machine policy anywhere: an unmanaged install, where the user decides. */
  | (LoadedCommon & { status: 'none' })
  | (LoadedCommon & {
      status: 'valid';
      document: PolicyDocument;
      /** Origin of every value written, keyed by dotted path ("calls.sfuUrl", "defaults.logLevel"). */
      origins: Readonly<Record<string, ValueOrigin>>;
    })
  /** Policy exists but cannot be trusted: the app runs in safe mode and connects nowhere. */
  | (LoadedCommon & { status: 'invalid'; problems: readonly PolicyProblem[] });

export function describeOrigin(origin: ValueOrigin): string {
  if (origin.line === undefined) return origin.source;
  return origin.column === undefined ? `${origin.source}:${origin.line}` : `${origin.source}:${origin.line}:${origin.column}`;
}
