import { describe, expect, it, vi } from 'vitest';
import { passwordPolicyLines } from '../../../../../src/renderer/features/signin/passwordPolicyText.ts';
import { initI18n } from '../../../../../src/renderer/i18n/i18n.ts';
import {
  fetchPasswordPolicy,
  parsePasswordPolicy,
  passwordRules,
} from '../../../../../src/renderer/matrix/tchap/passwordPolicy.ts';

const TCHAP_POLICY = {
  'm.minimum_length': 12,
  'm.require_digit': true,
  'm.require_symbol': true,
  'm.require_lowercase': true,
  'm.require_uppercase': true,
};

describe('parsePasswordPolicy', () => {
  it('reads the m.* rules', () => {
    expect(parsePasswordPolicy(TCHAP_POLICY)).toEqual({
      minimumLength: 12,
      requireDigit: true,
      requireSymbol: true,
      requireLowercase: true,
      requireUppercase: true,
    });
  });

  it('no rules (Synapse without a policy answers {}) or nonsense gives null', () => {
    expect(parsePasswordPolicy({})).toBeNull();
    expect(parsePasswordPolicy({ 'm.minimum_length': 0, 'm.require_digit': false })).toBeNull();
    expect(parsePasswordPolicy({ 'm.minimum_length': '12', 'm.require_digit': 'yes' })).toBeNull();
    expect(parsePasswordPolicy(null)).toBeNull();
    expect(parsePasswordPolicy([TCHAP_POLICY])).toBeNull();
  });
});

describe('password policy formatting', () => {
  it('lists the rules length first, then character classes', () => {
    const policy = parsePasswordPolicy(TCHAP_POLICY);
    expect(policy && passwordRules(policy)).toEqual([
      { rule: 'minimumLength', count: 12 },
      { rule: 'lowercase' },
      { rule: 'uppercase' },
      { rule: 'digit' },
      { rule: 'symbol' },
    ]);
  });

  it('words them in English and French, with plurals', async () => {
    const policy = parsePasswordPolicy(TCHAP_POLICY);
    if (!policy) throw new Error('expected a policy');
    const en = await initI18n(['en-GB']);
    expect(passwordPolicyLines(passwordRules(policy), en.t)).toEqual([
      'at least 12 characters',
      'a lowercase letter',
      'an uppercase letter',
      'a digit',
      'a symbol, such as ! or %',
    ]);
    const fr = await initI18n(['fr-FR']);
    expect(passwordPolicyLines([{ rule: 'minimumLength', count: 1 }, { rule: 'digit' }], fr.t)).toEqual([
      'au moins 1 caractère',
      'un chiffre',
    ]);
  });
});

describe('fetchPasswordPolicy', () => {
  it('asks the r0 endpoint and never fails', async () => {
    const ok = vi.fn(() => Promise.resolve(new Response(JSON.stringify(TCHAP_POLICY), { status: 200 })));
    expect(await fetchPasswordPolicy('https://matrix.example.org', ok, 1_000)).toMatchObject({ minimumLength: 12 });
    expect(ok).toHaveBeenCalledWith('https://matrix.example.org/_matrix/client/r0/password_policy', expect.anything());
    const missing = () => Promise.resolve(new Response('{"errcode":"M_UNRECOGNIZED"}', { status: 404 }));
    expect(await fetchPasswordPolicy('https://matrix.example.org', missing, 1_000)).toBeNull();
    const down = () => Promise.reject(new TypeError('fetch failed'));
    expect(await fetchPasswordPolicy('https://matrix.example.org', down, 1_000)).toBeNull();
  });
});
