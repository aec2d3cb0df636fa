import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SignedInShell } from '../features/rooms/SignedInShell.tsx';
import { SignInScreen } from '../features/signin/SignInScreen.tsx';
import { loadCredentials, saveCredentials, signOut, startSession, type Session } from '../matrix/session.ts';
import type { Credentials } from '../matrix/signIn.ts';
import { usePlatform } from './PlatformContext.ts';

type AppState = { kind: 'restoring' } | { kind: 'signed-out' } | { kind: 'signed-in'; session: Session };

export function App({ defaultHomeserver }: { defaultHomeserver: string }) {
  const platform = usePlatform();
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<AppState>({ kind: 'restoring' });

  useEffect(() => {
    document.documentElement.lang = i18n.language;
  }, [i18n.language]);

  useEffect(() => {
    let cancelled = false;
    void loadCredentials(platform)
      .catch(() => null)
      .then((credentials) => {
        if (cancelled) return;
        setState(credentials ? { kind: 'signed-in', session: startSession(credentials) } : { kind: 'signed-out' });
      });
    return () => {
      cancelled = true;
    };
  }, [platform]);

  const handleSignedIn = useCallback(
    async (credentials: Credentials) => {
      await saveCredentials(platform, credentials);
      setState({ kind: 'signed-in', session: startSession(credentials) });
    },
    [platform],
  );

  if (state.kind === 'restoring') {
    return (
      <main className="splash" aria-busy="true">
        <p role="status">{t('app.loading')}</p>
      </main>
    );
  }
  if (state.kind === 'signed-out') return <SignInScreen defaultHomeserver={defaultHomeserver} onSignedIn={handleSignedIn} />;
  return (
    <SignedInShell
      session={state.session}
      onSignOut={() => {
        void signOut(platform, state.session).finally(() => setState({ kind: 'signed-out' }));
      }}
    />
  );
}
