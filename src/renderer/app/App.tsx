import { HttpApiEvent } from 'matrix-js-sdk';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SignedInShell } from './shell/SignedInShell.tsx';
import { CallProvider } from '../features/call/CallProvider.tsx';
import { KeychainProblemScreen } from '../features/signin/KeychainProblemScreen.tsx';
import { SignInScreen } from '../features/signin/SignInScreen.tsx';
import { SafeModeScreen } from '../features/signin/SafeModeScreen.tsx';
import {
  forgetLocalData,
  saveCredentials,
  readKeychainAtStartup,
  sessionStorageFor,
  type KeychainAtStartup,
  type StoreKeyRead,
  signOut,
  startSession,
  type Session,
} from '../matrix/session.ts';
import type { Credentials } from '../matrix/signIn.ts';
import { isOidcSession } from '../matrix/oidc/sessionTokens.ts';
import { leaveSignInNotice } from '../features/signin/signInNotice.ts';
import type { KeychainProblem, ManagedSettings, Platform } from '../platform/Platform.ts';
import { usePlatform } from './PlatformContext.ts';
import { SessionContext } from './SessionContext.ts';
import { useManagedSettings } from './ManagedSettingsContext.ts';
import { UserSettingsContext, useUserSettingsState } from './UserSettingsContext.ts';
import { useThemeClass } from './useThemeClass.ts';
import { useBranding } from './useBranding.ts';
import { markStartup } from '../platform/startupMarks.ts';

type AppState =
  | { kind: 'restoring' }
  /** message: main's explanation; null when the policy could not be read at all. */
  | { kind: 'safe-mode'; message: string | null }
  | { kind: 'keychain-problem'; problem: Exclude<KeychainProblem, 'no-keychain'> }
  | { kind: 'signed-out' }
  | { kind: 'signing-out' }
  | { kind: 'signed-in'; session: Session; notice: string | null };

/** Starts a session with its storage and the sync mode policy asks for; does not wait for it. */
async function beginSession(
  platform: Platform,
  managed: ManagedSettings,
  credentials: Credentials,
  storeKey?: StoreKeyRead,
): Promise<{ session: Session; persistent: boolean }> {
  const storage = await sessionStorageFor(platform, storeKey);
  const session = await startSession(credentials, { ...storage, syncMode: managed.settings.syncMode }, platform);
  return { session, persistent: storage.cryptoStoreKey !== null };
}

async function openSession(
  platform: Platform,
  managed: ManagedSettings,
  credentials: Credentials,
): Promise<{ session: Session; persistent: boolean }> {
  const opened = await beginSession(platform, managed, credentials);
  try {
    await opened.session.ready;
  } catch (error) {
    // Not shown, so not left running (sync, outbox, listeners).
    opened.session.stop();
    throw error;
  }
  return opened;
}

/**
 * Decides what the app shows at start-up: a restored session, a keychain problem, or sign-in.
 * `keychainRead`: the keychain as read when the app booted (main.tsx), if this is that first start.
 */
async function restore(
  platform: Platform,
  managed: ManagedSettings,
  ignoreKeychainProblem: boolean,
  keychainRead?: Promise<KeychainAtStartup>,
): Promise<AppState> {
  // A broken machine policy: explain, and connect nowhere (main blocks the network as well).
  if (managed.mode === 'safe') return { kind: 'safe-mode', message: managed.userMessage };
  markStartup('restore');
  const keychain = await (keychainRead ?? readKeychainAtStartup(platform, ignoreKeychainProblem));
  const { problem } = keychain.info;
  if (!ignoreKeychainProblem && problem && problem !== 'no-keychain') return { kind: 'keychain-problem', problem };
  const { credentials } = keychain;
  markStartup('credentials');
  if (!credentials) {
    // No session in the keychain: whatever else this profile holds belongs to no one now.
    await forgetLocalData(platform);
    return { kind: 'signed-out' };
  }
  const { session } = await beginSession(platform, managed, credentials, keychain.storeKey);
  // With the last session's cache, the app shows at once while encryption opens; without it, the
  // room list would be empty anyway, so wait for the client as a fresh sign-in does.
  if (!session.startedFromCache()) await session.ready;
  return { kind: 'signed-in', session, notice: null };
}

interface AppProps {
  defaultHomeserver: string;
  /** The keychain, read as the app booted (beside its settings): the first restore uses it. */
  keychainAtStart?: Promise<KeychainAtStartup>;
}

export function App({ defaultHomeserver, keychainAtStart }: AppProps) {
  const platform = usePlatform();
  const userSettings = useUserSettingsState(platform);
  useThemeClass(userSettings.settings.theme);
  useBranding(useManagedSettings().branding, userSettings.settings.theme);
  return (
    <UserSettingsContext.Provider value={userSettings}>
      <AppScreens defaultHomeserver={defaultHomeserver} keychainAtStart={keychainAtStart} />
    </UserSettingsContext.Provider>
  );
}

function AppScreens({ defaultHomeserver, keychainAtStart }: AppProps) {
  const platform = usePlatform();
  const { t, i18n } = useTranslation();
  const managed = useManagedSettings();
  const [state, setState] = useState<AppState>({ kind: 'restoring' });

  useEffect(() => {
    document.documentElement.lang = i18n.language;
  }, [i18n.language]);

  // A session shown from the cache before encryption opened: if encryption then fails, start over
  // exactly as a failed restore does.
  const shownSession = state.kind === 'signed-in' ? state.session : null;
  useEffect(() => {
    let current = true;
    shownSession?.ready.catch(() => {
      if (!current) return;
      shownSession.stop();
      setState({ kind: 'signed-out' });
    });
    return () => {
      current = false;
    };
  }, [shownSession]);

  // An OIDC session whose refresh the issuer refused (revoked, expired, signed out elsewhere): end it
  // here too, cleanly, and say why on the sign-in screen.
  useEffect(() => {
    if (!shownSession || !isOidcSession(shownSession.credentials)) return;
    const onLoggedOut = () => {
      setState({ kind: 'signing-out' });
      void signOut(platform, shownSession, { atServer: false }).finally(() => {
        leaveSignInNotice(window.sessionStorage, 'session-ended');
        window.location.reload();
      });
    };
    shownSession.client.on(HttpApiEvent.SessionLoggedOut, onLoggedOut);
    return () => {
      shownSession.client.off(HttpApiEvent.SessionLoggedOut, onLoggedOut);
    };
  }, [shownSession, platform]);

  const startUp = useCallback(
    async (ignoreKeychainProblem: boolean) => {
      setState(await restore(platform, managed, ignoreKeychainProblem).catch((): AppState => ({ kind: 'signed-out' })));
    },
    [platform, managed],
  );

  // The boot-time read stands for the keychain once: any later restore reads it afresh.
  const bootKeychainRead = useRef(keychainAtStart);
  useEffect(() => {
    let current = true;
    const keychainRead = bootKeychainRead.current;
    bootKeychainRead.current = undefined;
    void restore(platform, managed, false, keychainRead)
      .catch((): AppState => ({ kind: 'signed-out' }))
      .then((next) => {
        if (current) setState(next);
        else if (next.kind === 'signed-in') next.session.stop();
      });
    return () => {
      current = false;
    };
  }, [platform, managed]);

  const handleSignedIn = useCallback(
    async (credentials: Credentials) => {
      // The keychain write and the session's start do not depend on each other: together, the room list
      // does not wait for the write. A session whose credentials could not be kept is not shown (its
      // local data goes at the next start, which finds no session).
      const opening = openSession(platform, managed, credentials);
      opening.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
      try {
        await saveCredentials(platform, credentials);
      } catch (error) {
        // A session that failed to open has stopped itself (openSession).
        void opening.then(
          ({ session }) => session.stop(),
          () => undefined,
        );
        throw error;
      }
      const { session, persistent } = await opening;
      const notice = persistent || platform.kind === 'web' ? null : t('session.notPersistent');
      setState({ kind: 'signed-in', session, notice });
    },
    [platform, managed, t],
  );

  switch (state.kind) {
    case 'restoring':
      return (
        <main className="splash" aria-busy="true">
          <p role="status">{t('app.loading')}</p>
        </main>
      );
    case 'signing-out':
      return (
        <main className="splash" aria-busy="true">
          <p role="status">{t('session.signingOut')}</p>
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
        <SessionContext.Provider value={state.session}>
          <CallProvider>
            <SignedInShell
              notice={state.notice}
              onSignOut={() => {
                setState({ kind: 'signing-out' });
                // A fresh page afterwards: nothing of the old session (keys in the crypto module's memory,
                // open database connections) outlives it, and start-up removes whatever was still open.
                void signOut(platform, state.session).finally(() => window.location.reload());
              }}
            />
          </CallProvider>
        </SessionContext.Provider>
      );
  }
}
