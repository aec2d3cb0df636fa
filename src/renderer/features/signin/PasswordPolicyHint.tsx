import { useTranslation } from 'react-i18next';
import { passwordRules, type PasswordPolicy } from '../../matrix/tchap/passwordPolicy.ts';
import { passwordPolicyLines } from './passwordPolicyText.ts';

/** The server's password rules, as a list the password field points to with aria-describedby. */
export function PasswordPolicyHint({ id, policy }: { id: string; policy: PasswordPolicy }) {
  const { t } = useTranslation();
  const lines = passwordPolicyLines(passwordRules(policy), t);
  return (
    <div id={id} className="password-policy">
      <p>{t('tchap.passwordPolicy.title')}</p>
      <ul>
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </div>
  );
}
