// A signed-in Matrix session: the client with Rust crypto, its sync, and the credentials kept
// through the platform (the OS keychain on the desktop, memory in a browser tab).
import { ClientEvent, createClient, SyncState, type MatrixClient } from 'matrix-js-sdk';
import type { Platform } from '../platform/Platform.ts';
import { ensureCrossSigning, PasswordRequiredError, SecretStorageKeyCache } from './secureBackup.ts';
import type { Credentials } from './signIn.ts';
import { startSync } from './sync/startSync.ts';
import type { SyncModeSetting } from './sync/syncMode.ts';

const SESSION_SECRET_KEY = 'matrix-session';
const CRYPTO_KEY_SECRET_KEY = 'crypto-store-key';

export type ConnectionStatus = 'connecting' | 'online' | 'offline';

export interface Session {
  readonly client: MatrixClient;
  readonly credentials: Credentials;
  /** Resolves once encryption is set up and sync has started; rejects if crypto cannot start. */
  readonly ready: Promise<void>;
  /** Keys created while setting up recovery, held in memory for the SDK's callbacks only. */
  readonly keyCache: SecretStorageKeyCache;
  /** Settles once cross-signing was set up at start, or found to need the user's password. */
  readonly crossSigning: Promise<'ready' | 'needs-password' | 'failed'>;
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
  stop(): void;
}

export interface SessionStorage {
  /** Encrypts the local crypto store; null when secrets cannot outlive this run (then the store is in memory). */
  cryptoStoreKey: Uint8Array | null;
  /** Sliding or classic sync (machine policy `syncMode`); `auto` when absent. See sync/startSync.ts. */
  syncMode?: SyncModeSetting;
}

export function startSession(credentials: Credentials, storage: SessionStorage): Session {
  const keyCache = new SecretStorageKeyCache();
  const client = createClient({
    baseUrl: credentials.homeserverUrl,
    userId: credentials.userId,
    deviceId: credentials.deviceId,
    accessToken: credentials.accessToken,
    timelineSupport: true,
    cryptoCallbacks: {
      getSecretStorageKey: ({ keys }) => Promise.resolve(keyCache.lookup(Object.keys(keys))),
      cacheSecretStorageKey: (keyId, _info, key) => keyCache.remember(keyId, key),
    },
  });
  const ready = (async () => {
    await client.initRustCrypto(
      storage.cryptoStoreKey
        ? { useIndexedDB: true, storageKey: storage.cryptoStoreKey, cryptoDatabasePrefix: cryptoPrefix(credentials) }
        : { useIndexedDB: false },
    );
    // --- sync hook (issue 8): sliding sync when the server offers it, classic /sync otherwise ---
    await startSync(client, { setting: storage.syncMode });
  })();
  const crossSigning = ready.then(
    () =>
      ensureCrossSigning(client).then(
        () => 'ready' as const,
        (error: unknown) => (error instanceof PasswordRequiredError ? ('needs-password' as const) : ('failed' as const)),
      ),
    () => 'failed' as const,
  );
  return {
    client,
    credentials,
    ready,
    keyCache,
    crossSigning,
    onStatus(listener) {
      const handler = (state: SyncState) => listener(statusFromSync(state));
      client.on(ClientEvent.Sync, handler);
      return () => client.off(ClientEvent.Sync, handler);
    },
    stop: () => {
      keyCache.clear();
      client.stopClient();
    },
  };
}

function cryptoPrefix(credentials: Credentials): string {
  return `relais-crypto:${credentials.userId}:${credentials.deviceId}`;
}

export function statusFromSync(state: SyncState): ConnectionStatus {
  switch (state) {
    case SyncState.Prepared:
    case SyncState.Syncing:
    case SyncState.Catchup:
      return 'online';
    case SyncState.Error:
      return 'offline';
    default:
      return 'connecting';
  }
}

export async function saveCredentials(platform: Platform, credentials: Credentials): Promise<void> {
  await platform.setSecret(SESSION_SECRET_KEY, JSON.stringify(credentials));
}

export async function loadCredentials(platform: Platform): Promise<Credentials | null> {
  const raw = await platform.getSecret(SESSION_SECRET_KEY);
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<Credentials>;
    if (parsed.homeserverUrl && parsed.userId && parsed.deviceId && parsed.accessToken) return parsed as Credentials;
  } catch {
    // fall through: a corrupt entry means signing in again
  }
  await platform.deleteSecret(SESSION_SECRET_KEY);
  return null;
}

/** The key that encrypts the local crypto store: created once, kept beside the session's secrets. */
export async function sessionStorageFor(platform: Platform): Promise<SessionStorage> {
  const { persistent } = await platform.secretStorage();
  if (!persistent) return { cryptoStoreKey: null };
  const existing = await platform.getSecret(CRYPTO_KEY_SECRET_KEY);
  if (existing) return { cryptoStoreKey: base64ToBytes(existing) };
  const key = crypto.getRandomValues(new Uint8Array(32));
  await platform.setSecret(CRYPTO_KEY_SECRET_KEY, bytesToBase64(key));
  return { cryptoStoreKey: key };
}

/** Ends the session on the server (best effort) and forgets it locally, crypto store included. */
export async function signOut(platform: Platform, session: Session): Promise<void> {
  session.stop();
  try {
    await session.client.logout(true);
  } catch {
    // Offline or token already revoked: the local session is forgotten either way.
  }
  await session.client.clearStores({ cryptoDatabasePrefix: cryptoPrefix(session.credentials) }).catch(() => undefined);
  await platform.deleteSecret(SESSION_SECRET_KEY);
  await forgetLocalData(platform);
}

/** Removes every local trace of a past session: the crypto store's key and its databases. */
export async function forgetLocalData(platform: Platform): Promise<void> {
  await platform.deleteSecret(CRYPTO_KEY_SECRET_KEY);
  const databases = await indexedDB.databases().catch(() => []);
  await Promise.all(
    databases
      .map((db) => db.name)
      .filter((name): name is string => typeof name === 'string' && name.startsWith('relais-crypto:'))
      .map(
        (name) =>
          new Promise<void>((resolve) => {
            const request = indexedDB.deleteDatabase(name);
            // "blocked" only means another connection is still closing: wait for success, not forever.
            const timer = setTimeout(resolve, 5_000);
            request.onsuccess = request.onerror = () => {
              clearTimeout(timer);
              resolve();
            };
          }),
      ),
  );
}

function bytesToBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

function base64ToBytes(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}
