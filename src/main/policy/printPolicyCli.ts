// `relais --print-policy` (and `--print-policy-schema`): answer and exit before any window opens.
// main.ts calls this first with process.argv and exits with the code when it returns non-null.
import { policyJsonSchema } from './jsonSchema.ts';
import { printPolicy } from './printPolicy.ts';
import type { LoadedPolicy } from '../../shared/policy/types.ts';

export const PRINT_POLICY_FLAG = '--print-policy';
export const PRINT_POLICY_SCHEMA_FLAG = '--print-policy-schema';

export interface PrintPolicyDeps {
  loadPolicy(): LoadedPolicy;
  now?: () => Date;
}

export interface CliResult {
  exitCode: number;
  output: string;
}

/** null when neither flag is present. Exit code 1 when the policy is invalid, so scripts can check it. */
export function runPrintPolicy(argv: readonly string[], deps: PrintPolicyDeps): CliResult | null {
  if (argv.includes(PRINT_POLICY_SCHEMA_FLAG)) {
    return { exitCode: 0, output: `${JSON.stringify(policyJsonSchema(), null, 2)}\n` };
  }
  if (!argv.includes(PRINT_POLICY_FLAG)) return null;
  const loaded = deps.loadPolicy();
  return { exitCode: loaded.status === 'invalid' ? 1 : 0, output: printPolicy(loaded, deps.now?.() ?? new Date()) };
}
