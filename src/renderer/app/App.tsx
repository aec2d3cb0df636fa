import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SignedInShell } from '../features/rooms/SignedInShell.tsx';
import { CallProvider } from '../features/call/CallProvider.tsx';
import { KeychainProblemScreen } from '../features/signin/KeychainProblemScreen.tsx';
import { SignInScreen } from '../features/signin/SignInScreen.tsx';
import { SafeModeScreen } from '../features/signin/SafeModeScreen.tsx';
import {
  forgetLocalData,
  loadCredentials,
  saveCredentials,
  sessionStorageFor,
  signOut,
  startSession,
  type Session,
} from '../matrix/session.ts';
import type { Credentials } from '../matrix/signIn.ts';
import type { KeychainProblem, Platform } from '../platform/Platform.ts';
import { usePlatform } from './PlatformContext.ts';
import { ManagedSettingsContext, NO_MANAGED_SETTINGS } from './ManagedSettingsContext.ts';
import type { ManagedSettings } from '../platform/Platform.ts';

type AppState =
  | { kind: 'restoring' }
  | { kind: 'safe-mode'; message: string }
  | { kind: 'keychain-problem'; problem: Exclude<KeychainProblem, 'no-keychain'> }
  | { kind: 'signed-out' }
  | { kind: 'signed-in'; session: Session; notice: string | null };

async function openSession(platform: Platform, credentials: Credentials): Promise<{ session: Session; persistent: boolean }> {
  const storage = await sessionStorageFor(platform);
  const session = startSession(credentials, storage);
  await session.ready;
  return { session, persistent: storage.cryptoStoreKey !== null };
}

/** Decides what the app shows at start-up: a restored session, a keychain problem, or sign-in. */
async function restore(platform: Platform, ignoreKeychainProblem: boolean): Promise<AppState> {
  const managed = await platform.managedSettings();
  // A broken machine policy: explain, and connect nowhere (main blocks the network as well).
  if (managed.mode === 'safe') return { kind: 'safe-mode', message: managed.userMessage ?? '' };
  const storage = await platform.secretStorage();
  if (!ignoreKeychainProblem && storage.problem && storage.problem !== 'no-keychain') {
    return { kind: 'keychain-problem', problem: storage.problem };
  }
  const credentials = await loadCredentials(platform);
  if (!credentials) {
    // No session in the keychain: whatever else this profile holds belongs to no one now.
    await forgetLocalData(platform);
    return { kind: 'signed-out' };
  }
  const { session } = await openSession(platform, credentials);
  return { kind: 'signed-in', session, notice: null };
}

export function App({ defaultHomeserver }: { defaultHomeserver: string }) {
  const platform = usePlatform();
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<AppState>({ kind: 'restoring' });
  const [managed, setManaged] = useState<ManagedSettings>(NO_MANAGED_SETTINGS);
  useEffect(() => {
    void platform.managedSettings().then(setManaged, () => undefined);
  }, [platform]);

  useEffect(() => {
    document.documentElement.lang = i18n.language;
  }, [i18n.language]);

  const startUp = useCallback(
    async (ignoreKeychainProblem: boolean) => {
      setState(await restore(platform, ignoreKeychainProblem).catch((): AppState => ({ kind: 'signed-out' })));
    },
    [platform],
  );

  useEffect(() => {
    let current = true;
    void restore(platform, false)
      .catch((): AppState => ({ kind: 'signed-out' }))
      .then((next) => {
        if (current) setState(next);
        else if (next.kind === 'signed-in') next.session.stop();
      });
    return () => {
      current = false;
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

  switch (state.kind) {
    case 'restoring':
      return (
        <main className="splash" aria-busy="true">
          <p role="status">{t('app.loading')}</p>
        </main>
      );
    case 'safe-mode':
      return <SafeModeScreen message={state.message} />;
    case 'keychain-problem':
      return (
        <KeychainProblemScreen
          problem={state.problem}
          onRetry={async () => {
            await platform.retrySecretStorage();
            await startUp(false);
          }}
          onContinueWithout={() => setState({ kind: 'signed-out' })}
        />
      );
    case 'signed-out':
      return <SignInScreen defaultHomeserver={defaultHomeserver} onSignedIn={handleSignedIn} />;
    case 'signed-in':
      return (
        <ManagedSettingsContext.Provider value={managed}>
          <CallProvider client={state.session.client}>
            <SignedInShell
              session={state.session}
              notice={state.notice}
              onSignOut={() => {
                void signOut(platform, state.session).finally(() => setState({ kind: 'signed-out' }));
              }}
            />
          </CallProvider>
        </ManagedSettingsContext.Provider>
      );
  }
}
