import type { TFunction } from 'i18next';
import type { PasswordRule } from '../../matrix/tchap/passwordPolicy.ts';

/** One sentence per rule, in the interface language ("at least 12 characters", "a digit"…). */
export function passwordPolicyLines(rules: readonly PasswordRule[], t: TFunction): string[] {
  return rules.map((rule) =>
    rule.rule === 'minimumLength'
      ? t('tchap.passwordPolicy.minimumLength', { count: rule.count })
      : t(`tchap.passwordPolicy.${rule.rule}`),
  );
}
