import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { usePlatform } from '../../app/PlatformContext.ts';
import { SignInError, signInWithPassword, type Credentials } from '../../matrix/signIn.ts';
import { LanguageSwitcher } from '../../ui/LanguageSwitcher.tsx';
import { Logo } from '../../ui/Logo.tsx';
import { TextField } from '../../ui/TextField.tsx';

export interface SignInScreenProps {
  defaultHomeserver: string;
  onSignedIn: (credentials: Credentials) => Promise<void>;
}

interface ErrorState {
  key: string;
  homeserver?: string;
}

export function SignInScreen({ defaultHomeserver, onSignedIn }: SignInScreenProps) {
  const { t } = useTranslation();
  const platform = usePlatform();
  const [homeserver, setHomeserver] = useState(defaultHomeserver);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorState | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);

  // Move focus to a new error so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  async function submit(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const credentials = await signInWithPassword({ homeserver, username, password });
      await onSignedIn(credentials);
    } catch (e) {
      setError(
        e instanceof SignInError
          ? { key: `signIn.errors.${e.problem}`, homeserver: e.detail.homeserver ?? homeserver }
          : { key: 'signIn.errors.unexpected' },
      );
      setBusy(false);
    }
  }

  return (
    <div className="signin-layout">
      <aside className="brand-panel">
        <div className="brand-lockup">
          <Logo size={48} />
          <span className="brand-name">{t('app.name')}</span>
        </div>
        <p className="brand-headline">{t('brand.headline')}</p>
        <ul className="brand-points">
          <li>{t('brand.points.e2ee')}</li>
          <li>{t('brand.points.sovereign')}</li>
          <li>{t('brand.points.offline')}</li>
        </ul>
      </aside>
      <main className="signin-main">
        <div className="signin-card">
          <div className="signin-top">
            <LanguageSwitcher />
          </div>
          <h1>{t('signIn.title')}</h1>
          <p className="muted">{t('signIn.subtitle')}</p>
          {error ? (
            <div className="alert alert-error" role="alert" tabIndex={-1} ref={errorRef}>
              {t(error.key, { homeserver: error.homeserver })}
            </div>
          ) : null}
          <form onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
            <TextField
              label={t('signIn.homeserver')}
              hint={t('signIn.homeserverHint')}
              name="homeserver"
              autoComplete="url"
              inputMode="url"
              spellCheck={false}
              autoCapitalize="none"
              value={homeserver}
              onChange={(e) => setHomeserver(e.target.value)}
              required
            />
            <TextField
              label={t('signIn.username')}
              hint={t('signIn.usernameHint')}
              name="username"
              autoComplete="username"
              spellCheck={false}
              autoCapitalize="none"
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              required
            />
            <TextField
              label={t('signIn.password')}
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
            />
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? t('signIn.submitting') : t('signIn.submit')}
            </button>
          </form>
          {platform.kind === 'web' ? <p className="muted small">{t('signIn.sessionOnlyWeb')}</p> : null}
        </div>
      </main>
    </div>
  );
}
