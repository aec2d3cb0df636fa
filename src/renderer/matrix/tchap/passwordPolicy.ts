// The homeserver's password rules (GET /_matrix/client/r0/password_policy, served by Tchap and by
// Synapse when `password_config.policy` is on). Shown as a reminder next to the password field.
import { rendererLogger } from '../../platform/log.ts';

export interface PasswordPolicy {
  minimumLength: number | null;
  requireDigit: boolean;
  requireSymbol: boolean;
  requireLowercase: boolean;
  requireUppercase: boolean;
}

export type PasswordRule =
  | { rule: 'minimumLength'; count: number }
  | { rule: 'digit' }
  | { rule: 'symbol' }
  | { rule: 'lowercase' }
  | { rule: 'uppercase' };

/** The policy in a password_policy answer, or null when it sets no rule at all. */
export function parsePasswordPolicy(body: unknown): PasswordPolicy | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const fields = body as Record<string, unknown>;
  const length = fields['m.minimum_length'];
  const policy: PasswordPolicy = {
    minimumLength: typeof length === 'number' && Number.isInteger(length) && length > 0 ? length : null,
    requireDigit: fields['m.require_digit'] === true,
    requireSymbol: fields['m.require_symbol'] === true,
    requireLowercase: fields['m.require_lowercase'] === true,
    requireUppercase: fields['m.require_uppercase'] === true,
  };
  return passwordRules(policy).length > 0 ? policy : null;
}

/** The rules in the order people read them: length first, then character classes. */
export function passwordRules(policy: PasswordPolicy): PasswordRule[] {
  const rules: PasswordRule[] = [];
  if (policy.minimumLength !== null) rules.push({ rule: 'minimumLength', count: policy.minimumLength });
  if (policy.requireLowercase) rules.push({ rule: 'lowercase' });
  if (policy.requireUppercase) rules.push({ rule: 'uppercase' });
  if (policy.requireDigit) rules.push({ rule: 'digit' });
  if (policy.requireSymbol) rules.push({ rule: 'symbol' });
  return rules;
}

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** Never fails: a server without a policy (or unreachable) simply shows no rules. */
export async function fetchPasswordPolicy(baseUrl: string, fetchFn: Fetch, timeoutMs: number): Promise<PasswordPolicy | null> {
  try {
    const response = await fetchFn(`${baseUrl}/_matrix/client/r0/password_policy`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) return null;
    return parsePasswordPolicy(await response.json());
  } catch (error) {
    rendererLogger('tchap').swallow('reading the password policy', 'info')(error);
    return null;
  }
}
