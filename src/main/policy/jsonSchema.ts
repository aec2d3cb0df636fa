// The policy's JSON Schema, generated from the zod schema so the two cannot disagree. Administrators
// point their editor or CI at it (build/policy/relais-policy.schema.json is this, written out).
// Refinements (URL schemes, template placeholders, cross-key rules) are not expressible in JSON
// Schema: the `relais --print-policy` check remains the authority.
import { z } from 'zod';
import { POLICY_VERSION, policyDocumentSchema } from '../../shared/policy/schema.ts';

export const POLICY_SCHEMA_ID = `https://relais.invalid/schemas/policy-v${POLICY_VERSION}.json`;

export function policyJsonSchema(): Record<string, unknown> {
  return { ...z.toJSONSchema(policyDocumentSchema, { target: 'draft-2020-12' }), $id: POLICY_SCHEMA_ID };
}
