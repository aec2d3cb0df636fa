// A signed-in Matrix session: the client with Rust crypto, its sync, and the credentials kept
// through the platform (the OS keychain on the desktop, memory in a browser tab).
import { MATRIX_SESSION_SECRET_KEY } from '../../shared/sessionKeys.ts';
import { ClientEvent, createClient, MatrixScheduler, SyncState, type MatrixClient } from 'matrix-js-sdk';
import type { Platform, SecretStorageInfo } from '../platform/Platform.ts';
import { rendererLogger } from '../platform/log.ts';
import { deriveLocalKey, localDbName, LOCAL_DB_PREFIX, openEncryptedDb, type EncryptedDb } from '../storage/encryptedDb.ts';
import { CachedSyncStore } from './cache/cachedSyncStore.ts';
import { roomListFromCache } from './cache/cachedRoomList.ts';
import { slidingToClassic } from './cache/slidingToClassic.ts';
import type { RoomSummary } from './roomList.ts';
import { createReachability, monitorConnectivity, type ConnectivityMonitor } from './connectivity.ts';
import { createMatrixOutbox, sendWhenRoomsArrive, type BlobStore } from './outbox/matrixOutbox.ts';
import type { UploadTracker } from './outbox/uploadTracker.ts';
import type { Outbox } from './outbox/outboxRunner.ts';
import { startMessageIndexer, type MessageSearch } from './search/messageIndexer.ts';
import { DraftStore } from './drafts/draftStore.ts';
import { ensureCrossSigning, PasswordRequiredError, SecretStorageKeyCache } from './secureBackup.ts';
import type { Credentials } from './signIn.ts';
import { oidcClientOptions, scheduleRefreshBeforeExpiry } from './oidc/sessionTokens.ts';
import { prefetchPushRules } from './sync/prefetchPushRules.ts';
import { startSync } from './sync/startSync.ts';
import type { SyncModeSetting } from './sync/syncMode.ts';
import { markStartup } from '../platform/startupMarks.ts';

const log = rendererLogger('session');

const SESSION_SECRET_KEY = MATRIX_SESSION_SECRET_KEY;
const CRYPTO_KEY_SECRET_KEY = 'crypto-store-key';
/** A server that does not answer /versions must not hold the cached room list back. */
const VERSIONS_TIMEOUT_MS = 5_000;
/** Cross-signing waits for the first sync answer, but no longer than this (offline, a slow server). */
const CROSS_SIGNING_DEFER_MAX_MS = 3_000;
/** How long sign-out waits for each step (server, crypto store) before going on without it. */
const SIGN_OUT_STEP_TIMEOUT_MS = 4_000;

export interface Session {
  readonly client: MatrixClient;
  /** As signed in; an OIDC session's tokens change at each refresh (the keychain has the latest). */
  readonly credentials: Credentials;
  /** Resolves once encryption and the local cache are open and sync has been started. */
  readonly ready: Promise<void>;
  /** Keys created while setting up recovery, held in memory for the SDK's callbacks only. */
  readonly keyCache: SecretStorageKeyCache;
  /** Settles once cross-signing was set up at start, or found to need the user's password. */
  readonly crossSigning: Promise<'ready' | 'needs-password' | 'failed'>;
  /** Messages, edits, reactions, deletions and files waiting to be sent, kept across restarts. */
  readonly outbox: Outbox;
  readonly blobs: BlobStore;
  /** Files being uploaded by the outbox: their progress, and Cancel. */
  readonly uploads: UploadTracker;
  readonly connectivity: ConnectivityMonitor;
  /** Messages seen on this device, searchable offline. */
  readonly search: MessageSearch;
  /** What was being written in each room (text, reply, edit), kept across room switches and restarts. */
  readonly drafts: DraftStore;
  /** True when the room list came from the last session's cache. */
  startedFromCache(): boolean;
  /** The last session's room list, shown until the client has started (empty without a cache). */
  readonly cachedRooms: readonly RoomSummary[];
  stop(): void;
}

export interface SessionStorage {
  /** Encrypts the local crypto store; null when secrets cannot outlive this run (then the store is in memory). */
  cryptoStoreKey: Uint8Array | null;
  /** Sliding or classic sync (machine policy `syncMode`); `auto` when absent. See sync/startSync.ts. */
  syncMode?: SyncModeSetting;
}

export async function startSession(credentials: Credentials, storage: SessionStorage, platform: Platform): Promise<Session> {
  const keyCache = new SecretStorageKeyCache();
  const reachability = createReachability();
  markStartup('store-key');
  const localDb = storage.cryptoStoreKey ? await openLocalDb(credentials, storage.cryptoStoreKey) : null;
  markStartup('local-db');
  const store = localDb ? new CachedSyncStore(localDb) : null;
  // Read before encryption starts (which takes seconds), so the room list can show at once.
  await store?.startup();
  markStartup('cache-read');
  const cached = store?.cachedSync();
  const cachedRooms = cached ? roomListFromCache(cached, credentials.userId) : [];
  markStartup('cached-list');
  // Native OIDC: the SDK refreshes the tokens, and each new pair goes to the keychain at once.
  const tokens = { credentials };
  const client = createClient({
    baseUrl: credentials.homeserverUrl,
    userId: credentials.userId,
    deviceId: credentials.deviceId,
    accessToken: credentials.accessToken,
    ...oidcClientOptions(tokens, (next) => saveCredentials(platform, next)),
    timelineSupport: true,
    // Calls go through Relais's SFU (src/renderer/calls), never matrix-js-sdk's legacy 1:1 VoIP: no TURN
    // credentials polled from the homeserver, no request competing with the first sync for it.
    disableVoip: true,
    ...(store ? { store } : {}),
    // The outbox owns retries (durable, with fixed transaction ids): the SDK must not retry behind it.
    scheduler: new MatrixScheduler(
      () => -1,
      () => null,
    ),
    fetchFn: (input, init) => {
      const result = fetchWithVersionsTimeout(input, init);
      // Every answer (or network failure) says whether the homeserver is reachable, whatever the
      // sync protocol: sliding sync does not report its failures as sync states.
      result.then(
        () => reachability.report(true),
        (error: unknown) => {
          if (!(error instanceof DOMException && error.name === 'AbortError')) reachability.report(false);
        },
      );
      return result;
    },
    cryptoCallbacks: {
      getSecretStorageKey: ({ keys }) => Promise.resolve(keyCache.lookup(Object.keys(keys))),
      cacheSecretStorageKey: (keyId, _info, key) => keyCache.remember(keyId, key),
    },
  });
  scheduleRefreshBeforeExpiry(client, credentials.accessTokenExpiresAt);
  const { outbox, blobs, uploads } = createMatrixOutbox(client, localDb);
  const connectivity = monitorConnectivity(client, platform, reachability);
  const search = startMessageIndexer(client, localDb);
  const drafts = new DraftStore(localDb, log.swallow('saving a draft'));
  outbox.setNetworkAvailable(connectivity.current() !== 'offline');
  const stopFollowing = connectivity.subscribe((c) => outbox.setNetworkAvailable(c !== 'offline'));
  const stopWatchingRooms = sendWhenRoomsArrive(client, outbox);
  const saveCache = () => {
    void store?.save(true);
    void drafts.flush();
  };
  window.addEventListener('pagehide', saveCache);

  // Which sync to use depends on /versions, and the SDK's first sync request waits for the push rules:
  // ask for both while encryption opens rather than after (the SDK keeps /versions' answer; see
  // prefetchPushRules for the rules). A failure here is only a later retry there.
  void client.getVersions().catch(log.swallow('asking the homeserver for its versions early', 'debug'));
  prefetchPushRules(client);
  const ready = (async () => {
    await client.initRustCrypto(
      storage.cryptoStoreKey
        ? { useIndexedDB: true, storageKey: storage.cryptoStoreKey, cryptoDatabasePrefix: cryptoPrefix(credentials) }
        : { useIndexedDB: false },
    );
    // Not awaited: with a cache, the room list shows from it while the network is tried.
    // Sliding sync when the server offers it, classic /sync otherwise (issue 8; see sync/startSync.ts).
    void startSync(client, {
      setting: storage.syncMode,
      onSlidingResponse: (response) => store?.accumulateSliding(slidingToClassic(response, credentials.userId)),
    }).catch(log.swallow('starting sync', 'error'));
    await outbox.start();
  })();
  // After the first sync answer: setting up cross-signing (key generation, uploads) would otherwise
  // compete with it for the CPU and the server, and the room list matters first.
  const crossSigning = ready.then(
    () =>
      firstSyncOrTimeout(client, CROSS_SIGNING_DEFER_MAX_MS)
        .then(() => ensureCrossSigning(client))
        .then(
          () => 'ready' as const,
          (error: unknown) => (error instanceof PasswordRequiredError ? ('needs-password' as const) : ('failed' as const)),
        ),
    () => 'failed' as const,
  );
  // A room opened at start-up reads its draft once: with a cached room list that can be a moment after
  // this returns, so the drafts (one small read) are in memory first.
  await drafts.ready;
  markStartup('session');
  return {
    client,
    credentials,
    ready,
    keyCache,
    crossSigning,
    outbox,
    blobs,
    uploads,
    connectivity,
    search,
    drafts,
    startedFromCache: () => store?.hasCachedState() ?? false,
    cachedRooms,
    stop: () => {
      keyCache.clear();
      window.removeEventListener('pagehide', saveCache);
      stopFollowing();
      stopWatchingRooms();
      search.stop();
      store?.close();
      outbox.stop();
      connectivity.stop();
      client.stopClient();
      // Last writes first; then the database is closed so sign-out can delete it.
      void Promise.allSettled([store?.save(true), search.flush(), drafts.flush()]).then(() => localDb?.close());
    },
  };
}

/** Resolves at the first sync answer (classic or sliding), or after `ms`, whichever comes first. */
function firstSyncOrTimeout(client: MatrixClient, ms: number): Promise<void> {
  const state = client.getSyncState();
  if (state === SyncState.Prepared || state === SyncState.Syncing) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      client.off(ClientEvent.Sync, onSync);
      resolve();
    };
    const onSync = (next: SyncState) => {
      if (next === SyncState.Prepared || next === SyncState.Syncing) done();
    };
    const timer = setTimeout(done, ms);
    client.on(ClientEvent.Sync, onSync);
  });
}

async function openLocalDb(credentials: Credentials, storeKey: Uint8Array): Promise<EncryptedDb | null> {
  try {
    return await openEncryptedDb(localDbName(credentials.userId, credentials.deviceId), await deriveLocalKey(storeKey));
  } catch (error) {
    // No IndexedDB (private mode, disk full): the session works, without a cache or a durable outbox.
    log.swallow('opening the local encrypted database (this session has no cache and no durable outbox)')(error);
    return null;
  }
}

function fetchWithVersionsTimeout(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = input instanceof Request ? input.url : String(input);
  if (!url.includes('/_matrix/client/versions')) return fetch(input, init);
  const timeout = AbortSignal.timeout(VERSIONS_TIMEOUT_MS);
  return fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout });
}

function cryptoPrefix(credentials: Credentials): string {
  return `relais-crypto:${credentials.userId}:${credentials.deviceId}`;
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
    // Fall through: a corrupt entry means signing in again. The parser's message is not logged: it
    // quotes the entry, which holds the access token.
    log.warn('the saved session could not be read: signing in again');
  }
  await platform.deleteSecret(SESSION_SECRET_KEY);
  return null;
}

/** The local store key as the keychain holds it, read beside the session at start-up. */
export interface StoreKeyRead {
  persistent: boolean;
  existing: string | null;
}

/** The key that encrypts the local crypto store: created once, kept beside the session's secrets. */
export async function sessionStorageFor(platform: Platform, known?: StoreKeyRead): Promise<SessionStorage> {
  const persistent = known ? known.persistent : (await platform.secretStorage()).persistent;
  if (!persistent) return { cryptoStoreKey: null };
  const existing = known ? known.existing : await platform.getSecret(CRYPTO_KEY_SECRET_KEY);
  if (existing) return { cryptoStoreKey: base64ToBytes(existing) };
  const key = crypto.getRandomValues(new Uint8Array(32));
  await platform.setSecret(CRYPTO_KEY_SECRET_KEY, bytesToBase64(key));
  return { cryptoStoreKey: key };
}

/** What start-up needs from the keychain: its state, then the session and the store key, read together. */
export interface KeychainAtStartup {
  info: SecretStorageInfo;
  credentials: Credentials | null;
  storeKey: StoreKeyRead;
}

/**
 * Reads the keychain for start-up, in as few round trips as it allows: the app starts this as soon as
 * it boots, beside its settings, for every keychain round trip delays the room list. A keychain with a
 * problem (locked, refused) is not read further unless `evenWithProblem` (the user chose to go on).
 */
export async function readKeychainAtStartup(platform: Platform, evenWithProblem = false): Promise<KeychainAtStartup> {
  const info = await platform.secretStorage();
  if (!evenWithProblem && info.problem && info.problem !== 'no-keychain') {
    return { info, credentials: null, storeKey: { persistent: info.persistent, existing: null } };
  }
  const [credentials, existing] = await Promise.all([
    loadCredentials(platform),
    info.persistent ? platform.getSecret(CRYPTO_KEY_SECRET_KEY) : Promise.resolve(null),
  ]);
  return { info, credentials, storeKey: { persistent: info.persistent, existing } };
}

/**
 * Ends the session on the server (best effort) and forgets it locally, crypto store included.
 * Every step is bounded: a server that does not answer, or a crypto store whose connection is still
 * held by the stopped backend, must not keep the user waiting. What cannot be deleted now (a database
 * still open in this page) is deleted at the next start, before anything else; the caller reloads the
 * page afterwards so that happens at once.
 */
export async function signOut(platform: Platform, session: Session, options: { atServer?: boolean } = {}): Promise<void> {
  // A session shown from the cache may still be opening its crypto store: let it finish, or the store
  // would be created again after we delete it.
  await settleWithin(session.ready, SIGN_OUT_STEP_TIMEOUT_MS);
  session.stop();
  // The keychain entry goes first: if anything below fails or the app is killed, the next start finds
  // no session and removes what is left (see forgetLocalData in App's restore).
  await platform.deleteSecret(SESSION_SECRET_KEY);
  // An OIDC session's logout revokes its tokens at the issuer, which deletes the device. A session
  // the server already ended (atServer: false) has nothing left to revoke.
  if (options.atServer !== false) await settleWithin(session.client.logout(true), SIGN_OUT_STEP_TIMEOUT_MS);
  await settleWithin(
    session.client.clearStores({ cryptoDatabasePrefix: cryptoPrefix(session.credentials) }),
    SIGN_OUT_STEP_TIMEOUT_MS,
  );
  await forgetLocalData(platform);
  // Last: the runtime's own copies (HTTP cache, storages). The caller reloads the page right after.
  await settleWithin(platform.clearSessionData(), SIGN_OUT_STEP_TIMEOUT_MS);
}

/** Removes every local trace of a past session: the crypto store's key and its databases. */
export async function forgetLocalData(platform: Platform): Promise<void> {
  await platform.deleteSecret(CRYPTO_KEY_SECRET_KEY);
  const names = (await indexedDB.databases().catch(() => []))
    .map((db) => db.name)
    .filter(
      (name): name is string =>
        typeof name === 'string' && (name.startsWith('relais-crypto:') || name.startsWith(LOCAL_DB_PREFIX)),
    );
  await Promise.all(names.map((name) => settleWithin(deleteDatabase(name), SIGN_OUT_STEP_TIMEOUT_MS)));
}

/** Resolves when the deletion is done, or fails; stays pending while another connection holds the database. */
function deleteDatabase(name: string): Promise<void> {
  return new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = () => resolve();
  });
}

/** Waits for a step to succeed or fail, but no longer than `ms`. */
async function settleWithin(step: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    step.then(
      () => undefined,
      () => undefined,
    ),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}

function bytesToBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

function base64ToBytes(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}
