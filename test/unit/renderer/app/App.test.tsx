// @vitest-environment jsdom
// What the app shows at start-up: loading, the sign-in screen (no session), a restored session, a
// keychain problem, safe mode. The session's start (Matrix client, crypto, IndexedDB) and the
// signed-in shell are replaced by module mocks; the platform is a typed fake.
import { act, cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../../src/renderer/app/App.tsx';
import { loadManagedSettings, ManagedSettingsContext } from '../../../../src/renderer/app/ManagedSettingsContext.ts';
import { PlatformContext } from '../../../../src/renderer/app/PlatformContext.ts';
import { readKeychainAtStartup, saveCredentials, type Session } from '../../../../src/renderer/matrix/session.ts';
import type * as SessionModule from '../../../../src/renderer/matrix/session.ts';
import type { Platform, SecretStorageInfo } from '../../../../src/renderer/platform/Platform.ts';
import { unmanagedSettings } from '../../../../src/shared/policy/managedSettings.ts';
import { fakePlatform } from '../../support/fakePlatform.ts';
import { renderIn, type TestLanguage } from '../../support/i18nWrapper.tsx';

const started = vi.hoisted(() => ({
  ready: null as Promise<void> | null,
  fromCache: false,
  count: 0,
  syncModes: [] as unknown[],
}));

vi.mock('../../../../src/renderer/matrix/session.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof SessionModule>();
  return {
    ...actual,
    // jsdom has no IndexedDB: nothing to forget here.
    forgetLocalData: () => Promise.resolve(),
    sessionStorageFor: () => Promise.resolve({ cryptoStoreKey: null }),
    startSession: (credentials: Session['credentials'], storage: { syncMode?: unknown }): Promise<Session> => {
      started.count += 1;
      started.syncModes.push(storage.syncMode);
      const session = {
        // Only handed to CallProvider, which uses it when a call is joined (none here).
        client: null,
        credentials,
        ready: started.ready ?? Promise.resolve(),
        startedFromCache: () => started.fromCache,
        stop: () => undefined,
      };
      // Only the members App and the mocked shell use.
      return Promise.resolve(session as unknown as Session);
    },
  };
});
vi.mock('../../../../src/renderer/app/shell/SignedInShell.tsx', async () => {
  const { useSession } = await import('../../../../src/renderer/app/SessionContext.ts');
  return {
    // Reads the session as the real shell does: from the context App provides.
    SignedInShell: function SignedInShell() {
      const session = useSession();
      return (
        <main aria-label="Signed-in shell">
          <h1>{session.credentials.userId}</h1>
        </main>
      );
    },
  };
});

const CREDENTIALS = {
  homeserverUrl: 'https://matrix.example.org',
  userId: '@marie:example.org',
  deviceId: 'DEVICE',
  accessToken: 'token',
};

/** A platform whose keychain holds a saved session (written by the app's own saveCredentials). */
async function withSession(platform: Platform): Promise<Platform> {
  await saveCredentials(platform, CREDENTIALS);
  return platform;
}

/** As main.tsx boots: machine policy read once, then provided at the root (with the keychain read at boot, if given). */
async function start(
  platform: Platform,
  language: TestLanguage = 'en',
  keychainAtStart?: ReturnType<typeof readKeychainAtStartup>,
) {
  const managed = await loadManagedSettings(platform, () => undefined);
  await renderIn(
    language,
    <PlatformContext.Provider value={platform}>
      <ManagedSettingsContext.Provider value={managed}>
        <App defaultHomeserver="https://matrix.example.org" keychainAtStart={keychainAtStart} />
      </ManagedSettingsContext.Provider>
    </PlatformContext.Provider>,
  );
}

beforeEach(() => {
  started.ready = null;
  started.fromCache = false;
  started.count = 0;
  started.syncModes = [];
});
afterEach(cleanup);

describe('App start-up', () => {
  it('shows the loading splash while the start-up checks run', async () => {
    const platform = fakePlatform();
    platform.secretStorage = () => new Promise<SecretStorageInfo>(() => undefined);
    await start(platform);
    expect(screen.getByRole('status').textContent).toBe('Starting Relais…');
    expect(screen.getByRole('main').getAttribute('aria-busy')).toBe('true');
  });

  it('with no session in the keychain, shows the sign-in screen', async () => {
    await start(fakePlatform());
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(screen.queryByRole('status', { name: 'Starting Relais…' })).toBeNull();
    expect(started.count).toBe(0);
  });

  it('in French: the loading splash, then the sign-in screen', async () => {
    await start(fakePlatform(), 'fr');
    expect(screen.getByRole('status').textContent).toBe('Démarrage de Relais…');
    expect(await screen.findByRole('heading', { name: 'Connexion' })).toBeTruthy();
  });

  it('restores a saved session: loading until the client is ready, then the signed-in shell', async () => {
    let open: () => void = () => undefined;
    started.ready = new Promise<void>((resolve) => {
      open = resolve;
    });
    await start(await withSession(fakePlatform()));
    await vi.waitFor(() => {
      expect(started.count).toBe(1);
    });
    expect(screen.getByRole('status').textContent).toBe('Starting Relais…');
    await act(async () => {
      open();
      await Promise.resolve();
    });
    expect(await screen.findByRole('main', { name: 'Signed-in shell' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: '@marie:example.org' })).toBeTruthy();
  });

  it('a session restored from the cache shows at once, before the client is ready', async () => {
    started.ready = new Promise<void>(() => undefined);
    started.fromCache = true;
    await start(await withSession(fakePlatform()));
    expect(await screen.findByRole('main', { name: 'Signed-in shell' })).toBeTruthy();
  });

  it('the keychain read at boot (status, then session and store key together) is what the first restore uses', async () => {
    started.fromCache = true;
    const platform = await withSession(fakePlatform());
    let answer: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    const readSecret = platform.getSecret.bind(platform);
    const getSecret = vi.spyOn(platform, 'getSecret').mockImplementation(async (key) => {
      await answered;
      return readSecret(key);
    });
    const secretStorage = vi.spyOn(platform, 'secretStorage');
    const read = readKeychainAtStartup(platform);
    // Both secrets asked before either answers: one round trip after the status, not two.
    await vi.waitFor(() => {
      expect(getSecret).toHaveBeenCalledTimes(2);
    });
    answer();
    await start(platform, 'en', read);
    expect(await screen.findByRole('main', { name: 'Signed-in shell' })).toBeTruthy();
    expect(secretStorage).toHaveBeenCalledTimes(1);
    expect(getSecret).toHaveBeenCalledTimes(2);
    expect(started.count).toBe(1);
  });

  it('a locked keychain: explains, and Try again restores the session once it is unlocked', async () => {
    const user = userEvent.setup();
    await start(
      await withSession(
        fakePlatform({
          storage: { persistent: true, backend: 'test', problem: 'keychain-locked' },
          retried: { persistent: true, backend: 'test', problem: null },
        }),
      ),
    );
    const dialog = await screen.findByRole('alertdialog', { name: 'Your keychain is locked' });
    expect(dialog.textContent).toContain('Unlock it');
    expect(started.count).toBe(0);
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('main', { name: 'Signed-in shell' })).toBeTruthy();
  });

  it('an unavailable keychain, in French: signing in for this session only leads to the sign-in screen', async () => {
    const user = userEvent.setup();
    await start(fakePlatform({ storage: { persistent: true, backend: 'test', problem: 'keychain-unavailable' } }), 'fr');
    expect(await screen.findByRole('alertdialog', { name: 'Votre trousseau ne répond pas' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Me connecter pour cette session seulement' }));
    expect(await screen.findByRole('heading', { name: 'Connexion' })).toBeTruthy();
  });

  it('a broken machine policy: safe mode, and no session is started', async () => {
    await start(
      await withSession(
        fakePlatform({ managed: { ...unmanagedSettings(), mode: 'safe', userMessage: 'policy.json is invalid' } }),
      ),
    );
    const alert = await screen.findByRole('alert', { name: 'Relais cannot start normally' });
    expect(alert.textContent).toContain('policy.json is invalid');
    expect(started.count).toBe(0);
  });
});

describe('App and machine policy', () => {
  it('machine policy is read once, at boot: restoring a session and showing it ask for it no more', async () => {
    const platform = await withSession(
      fakePlatform({ managed: { ...unmanagedSettings(), settings: { ...unmanagedSettings().settings, syncMode: 'classic' } } }),
    );
    const read = vi.spyOn(platform, 'managedSettings');
    await start(platform);
    expect(await screen.findByRole('main', { name: 'Signed-in shell' })).toBeTruthy();
    expect(read).toHaveBeenCalledTimes(1);
    // The session starts with the sync mode the provided settings say, not one read again.
    expect(started.syncModes).toEqual(['classic']);
  });

  it('machine policy that cannot be read: safe mode with a plain explanation, in French too, and no session', async () => {
    const platform = await withSession(fakePlatform());
    platform.managedSettings = () => Promise.reject(new Error('malformed machine policy settings: mode: Invalid option'));
    await start(platform, 'fr');
    const alert = await screen.findByRole('alert', { name: 'Relais ne peut pas démarrer normalement' });
    expect(alert.textContent).toContain('n’a pas pu lire les réglages que votre organisation gère');
    expect(started.count).toBe(0);
  });
});
