// Shown instead of the app when config.json is there but cannot be used: nothing connects to any
// server until an administrator fixes it, and the problems are listed for them.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { SignInLayout } from './SignInLayout.tsx';

export function ConfigProblemScreen({ problems }: { problems: readonly string[] }) {
  const { t, i18n } = useTranslation();
  // The app shell is not mounted here, so this screen keeps the page language right itself.
  useEffect(() => {
    document.documentElement.lang = i18n.language;
  }, [i18n.language]);
  return (
    <SignInLayout>
      <h1>{t('signIn.title')}</h1>
      <div className="alert alert-error" role="alert">
        <p>
          <strong>{t('signIn.config.title')}</strong>
        </p>
        <p>{t('signIn.config.body')}</p>
      </div>
      <ul className="config-problems" aria-label={t('signIn.config.details')}>
        {problems.map((problem) => (
          <li key={problem}>
            <code>{problem}</code>
          </li>
        ))}
      </ul>
    </SignInLayout>
  );
}
