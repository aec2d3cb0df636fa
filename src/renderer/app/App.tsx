import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SignedInShell } from '../features/rooms/SignedInShell.tsx';
import { SignInScreen } from '../features/signin/SignInScreen.tsx';
import { loadCredentials, saveCredentials, sessionStorageFor, signOut, startSession, type Session } from '../matrix/session.ts';
import type { Credentials } from '../matrix/signIn.ts';
import type { Platform } from '../platform/Platform.ts';
import { usePlatform } from './PlatformContext.ts';

type AppState = { kind: 'restoring' } | { kind: 'signed-out' } | { kind: 'signed-in'; session: Session; notice: string | null };

async function openSession(platform: Platform, credentials: Credentials): Promise<{ session: Session; persistent: boolean }> {
  const storage = await sessionStorageFor(platform);
  const session = startSession(credentials, storage);
  await session.ready;
  return { session, persistent: storage.cryptoStoreKey !== null };
}

export function App({ defaultHomeserver }: { defaultHomeserver: string }) {
  const platform = usePlatform();
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<AppState>({ kind: 'restoring' });

  useEffect(() => {
    document.documentElement.lang = i18n.language;
  }, [i18n.language]);

  useEffect(() => {
    // An object, not a boolean: the async body reads it after the cleanup may have set it.
    const run = { cancelled: false };
    void (async () => {
      const credentials = await loadCredentials(platform).catch(() => null);
      if (!credentials) {
        if (!run.cancelled) setState({ kind: 'signed-out' });
        return;
      }
      const { session } = await openSession(platform, credentials);
      if (run.cancelled) session.stop();
      else setState({ kind: 'signed-in', session, notice: null });
    })().catch(() => {
      if (!run.cancelled) setState({ kind: 'signed-out' });
    });
    return () => {
      run.cancelled = true;
    };
  }, [platform]);

  const handleSignedIn = useCallback(
    async (credentials: Credentials) => {
      await saveCredentials(platform, credentials);
      const { session, persistent } = await openSession(platform, credentials);
      const notice = persistent || platform.kind === 'web' ? null : t('session.notPersistent');
      setState({ kind: 'signed-in', session, notice });
    },
    [platform, t],
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
      notice={state.notice}
      onSignOut={() => {
        void signOut(platform, state.session).finally(() => setState({ kind: 'signed-out' }));
      }}
    />
  );
}
