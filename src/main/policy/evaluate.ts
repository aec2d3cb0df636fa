// Turns the sources the loader read into one verdict. Each source is validated on its own first, so
// a problem points at the file or registry value that holds it; the merged result is validated
// again for rules that span sources. Any problem anywhere makes the whole policy invalid: running
// with "the parts that were fine" would run with settings nobody wrote.
import type { z } from 'zod';
import { isPlainObject, mergePolicySources, originAt, type PlainObject } from '../../shared/policy/merge.ts';
import { POLICY_VERSION, policyDocumentSchema, type PolicyDocument } from '../../shared/policy/schema.ts';
import { USER_SETTABLE_KEYS } from '../../shared/policy/settings.ts';
import { objectKeys, schemaAt } from '../../shared/policy/schemaWalk.ts';
import {
  describeOrigin,
  type LoadedPolicy,
  type PolicyProblem,
  type PolicySourceDocument,
  type PolicySourceRead,
  type ValueOrigin,
} from '../../shared/policy/types.ts';

type Issue = z.core.$ZodIssue;

function didYouMean(parentPath: readonly PropertyKey[], key: string): string {
  const parent = schemaAt(
    policyDocumentSchema,
    parentPath.map((segment) => String(segment)),
  );
  const known = parent ? objectKeys(parent) : [];
  const match = known.find((candidate) => candidate.toLowerCase() === key.toLowerCase());
  return match === undefined ? '' : ` (did you mean "${match}"?)`;
}

function issueMessage(issue: Issue): string {
  if (issue.code === 'invalid_key') {
    const inner = issue.issues[0]?.message ?? issue.message;
    return `invalid key "${String(issue.path.at(-1))}": ${inner}`;
  }
  if (issue.code === 'invalid_union') {
    // Prefer the branch that got the right type but a wrong value: its message is the useful one.
    const specific = issue.errors.flat().find((inner) => inner.code !== 'invalid_type');
    return specific?.message ?? issue.message;
  }
  return issue.message;
}

function pathOf(issuePath: readonly PropertyKey[]): (string | number)[] {
  return issuePath.map((segment) => (typeof segment === 'number' ? segment : String(segment)));
}

function problemAt(
  kind: PolicyProblem['kind'],
  origin: ValueOrigin,
  path: readonly (string | number)[],
  message: string,
): PolicyProblem {
  const problem: PolicyProblem = { kind, source: origin.source, message };
  if (origin.line !== undefined) problem.line = origin.line;
  if (origin.column !== undefined) problem.column = origin.column;
  if (path.length > 0) problem.keyPath = path.join('.');
  return problem;
}

/** One problem per zod issue; an unknown-keys issue becomes one problem per key, at that key. */
export function issuesToProblems(
  issues: readonly Issue[],
  locate: (path: readonly (string | number)[]) => ValueOrigin,
): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  for (const issue of issues) {
    const path = pathOf(issue.path);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const keyPath = [...path, key];
        problems.push(problemAt('schema', locate(keyPath), keyPath, `unknown key "${key}"${didYouMean(path, key)}`));
      }
    } else {
      problems.push(problemAt('schema', locate(path), path, issueMessage(issue)));
    }
  }
  return problems;
}

/** Top to bottom within a source, as an administrator fixes them (zod reports in its own order). */
function inReadingOrder(problems: PolicyProblem[]): PolicyProblem[] {
  const rank = (problem: PolicyProblem): number => (problem.line ?? 0) * 1e6 + (problem.column ?? 0);
  return problems
    .map((problem, index) => ({ problem, index }))
    .sort((a, b) => rank(a.problem) - rank(b.problem) || a.index - b.index)
    .map(({ problem }) => problem);
}

function validateSource(document: PolicySourceDocument): { problems: PolicyProblem[]; data?: PlainObject } {
  const problems = [...(document.problems ?? [])];
  const { data } = document;
  if (!isPlainObject(data)) {
    problems.push(problemAt('schema', document.locate([]), [], 'must be an object ({ ... }) with "policyVersion": 1'));
    return { problems };
  }
  let versioned = data;
  if (data.policyVersion === undefined) {
    if (document.versionImplied === true) {
      versioned = { ...data, policyVersion: POLICY_VERSION };
    } else {
      problems.push(problemAt('version', document.locate([]), [], `"policyVersion": ${POLICY_VERSION} is missing`));
      return { problems };
    }
  } else if (data.policyVersion !== POLICY_VERSION) {
    // A newer document's other keys would only produce noise: report the version alone.
    const message = `policyVersion ${JSON.stringify(data.policyVersion)} is not supported by this version of Relais (it supports ${POLICY_VERSION})`;
    problems.push(problemAt('version', document.locate(['policyVersion']), ['policyVersion'], message));
    return { problems };
  }
  const result = policyDocumentSchema.safeParse(versioned);
  if (!result.success) problems.push(...issuesToProblems(result.error.issues, (path) => document.locate(path)));
  return problems.length === 0 ? { problems, data: versioned } : { problems: inReadingOrder(problems) };
}

function shadowedDefaults(document: PolicyDocument, origins: Readonly<Record<string, ValueOrigin>>): string[] {
  const notices: string[] = [];
  for (const key of USER_SETTABLE_KEYS) {
    const mandatory = origins[key];
    const recommended = origins[`defaults.${key}`];
    if (mandatory && recommended) {
      notices.push(
        `defaults.${key} (${describeOrigin(recommended)}) has no effect: ${key} is mandatory (${describeOrigin(mandatory)})`,
      );
    }
  }
  if (document.homeservers !== undefined && origins.allowCustomHomeserver === undefined) {
    notices.push(
      'homeservers is mandatory, so users cannot choose another homeserver (allowCustomHomeserver is treated as false)',
    );
  }
  return notices;
}

export interface EvaluationContext {
  searched: readonly string[];
  notices?: readonly string[];
}

/** Sources in precedence order, lowest first. */
export function evaluatePolicy(reads: readonly PolicySourceRead[], context: EvaluationContext): LoadedPolicy {
  const problems: PolicyProblem[] = [];
  const valid: { data: PlainObject; locate: PolicySourceDocument['locate'] }[] = [];
  const sources: string[] = [];
  for (const read of reads) {
    if (!read.ok) {
      problems.push(...read.problems);
      for (const problem of read.problems) if (!sources.includes(problem.source)) sources.push(problem.source);
      continue;
    }
    sources.push(read.document.source);
    const checked = validateSource(read.document);
    problems.push(...checked.problems);
    if (checked.data) valid.push({ data: checked.data, locate: (path) => read.document.locate(path) });
  }
  const common = { searched: context.searched, sources, notices: [...(context.notices ?? [])] };
  if (problems.length > 0) return { ...common, status: 'invalid', problems };
  if (valid.length === 0) return { ...common, status: 'none' };

  const { merged, origins } = mergePolicySources(valid);
  const result = policyDocumentSchema.safeParse({ ...merged, policyVersion: POLICY_VERSION });
  if (!result.success) {
    const fallback = { source: sources.join(' + ') };
    const crossSource = issuesToProblems(result.error.issues, (path) => originAt(origins, path) ?? fallback);
    return { ...common, status: 'invalid', problems: crossSource };
  }
  return {
    ...common,
    status: 'valid',
    document: result.data,
    origins,
    notices: [...common.notices, ...shadowedDefaults(result.data, origins)],
  };
}
