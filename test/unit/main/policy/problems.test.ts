import { describe, expect, it } from 'vitest';
import { describeProblemForUser, formatProblemsForLog } from '../../../../src/main/policy/problems.ts';
import type { PolicyProblem } from '../../../../src/shared/policy/types.ts';

const syntax: PolicyProblem = {
  kind: 'syntax',
  source: '/etc/relais/policy.json',
  line: 3,
  column: 5,
  message: "not valid JSON: Expected ',' or '}'",
};
const schema: PolicyProblem = {
  kind: 'schema',
  source: 'HKLM\\Software\\Policies\\Relais\\calls\\sfuUrl',
  keyPath: 'calls.sfuUrl',
  message: 'must start with https:// or wss://',
};
const unreadable: PolicyProblem = {
  kind: 'unreadable',
  source: '/etc/relais/policy.d/10.json',
  message: 'cannot be read: permission denied',
};
const version: PolicyProblem = {
  kind: 'version',
  source: '/etc/relais/policy.json',
  line: 2,
  message: 'policyVersion 2 is not supported',
};

describe('describeProblemForUser', () => {
  it('says in plain English what happens and what to tell IT', () => {
    expect(describeProblemForUser([syntax], 'en')).toBe(
      "Your organisation's settings for Relais are damaged, so Relais will not connect to any server until IT fixes them. " +
        'Tell your IT department: “Relais policy problem in /etc/relais/policy.json, line 3”',
    );
  });

  it('says it in French too', () => {
    expect(describeProblemForUser([syntax], 'fr')).toBe(
      'Les réglages de votre organisation pour Relais sont endommagés\u00a0: Relais ne se connectera à aucun serveur tant que votre service ' +
        'informatique ne les aura pas corrigés. Indiquez à votre service informatique\u00a0: «\u00a0Problème de politique Relais dans /etc/relais/policy.json, ligne 3\u00a0»',
    );
  });

  it('lists each place once, at most three, and counts the problems', () => {
    const many = [
      syntax,
      { ...syntax, column: 9 },
      schema,
      unreadable,
      { ...unreadable, source: '/etc/relais/policy.d/20.json' },
    ];
    expect(describeProblemForUser(many, 'en')).toMatch(
      /“Relais policy: 5 problems in \/etc\/relais\/policy.json, line 3; HKLM\\Software\\Policies\\Relais\\calls\\sfuUrl; \/etc\/relais\/policy.d\/10.json; and 1 more”$/,
    );
    expect(describeProblemForUser(many, 'fr')).toMatch(
      /«\u00a0Politique Relais\u00a0: 5 problèmes dans .*\u202f; et 1 autre\u00a0»$/,
    );
  });

  it('words unreadable and too-new policies differently, and uses no jargon', () => {
    expect(describeProblemForUser([unreadable], 'en')).toMatch(/^Your organisation's settings for Relais cannot be read, so/);
    expect(describeProblemForUser([version], 'en')).toMatch(
      /^Your organisation's settings for Relais were made for a newer version of Relais, so/,
    );
    expect(describeProblemForUser([unreadable], 'fr')).toMatch(/^Les réglages de votre organisation pour Relais sont illisibles/);
    for (const text of [describeProblemForUser([syntax, schema], 'en'), describeProblemForUser([syntax, schema], 'fr')]) {
      expect(text).not.toMatch(/JSON|schema|zod|REG_|policyVersion|Expected/);
    }
  });
});

describe('formatProblemsForLog', () => {
  it('gives the administrator file, line, column, key and message, one per line', () => {
    expect(formatProblemsForLog([syntax, schema])).toBe(
      [
        'Machine policy is invalid (2 problems); Relais runs in safe mode and connects to no server.',
        "  /etc/relais/policy.json:3:5 (syntax): not valid JSON: Expected ',' or '}'",
        '  HKLM\\Software\\Policies\\Relais\\calls\\sfuUrl [calls.sfuUrl] (schema): must start with https:// or wss://',
      ].join('\n'),
    );
    expect(formatProblemsForLog([unreadable]).split('\n')[0]).toMatch(/\(1 problem\)/);
  });
});
