// A signed-in Matrix session: the client, its sync, and the credentials kept through the platform.
import { ClientEvent, createClient, SyncState, type MatrixClient } from 'matrix-js-sdk';
import type { Platform } from '../platform/Platform.ts';
import type { Credentials } from './signIn.ts';

const SESSION_SECRET_KEY = 'matrix-session';

export type ConnectionStatus = 'connecting' | 'online' | 'offline';

export interface Session {
  readonly client: MatrixClient;
  readonly credentials: Credentials;
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
  stop(): void;
}

export function startSession(credentials: Credentials): Session {
  const client = createClient({
    baseUrl: credentials.homeserverUrl,
    userId: credentials.userId,
    deviceId: credentials.deviceId,
    accessToken: credentials.accessToken,
    timelineSupport: true,
  });
  void client.startClient({ initialSyncLimit: 8, lazyLoadMembers: true });
  return {
    client,
    credentials,
    onStatus(listener) {
      const handler = (state: SyncState) => listener(statusFromSync(state));
      client.on(ClientEvent.Sync, handler);
      return () => client.off(ClientEvent.Sync, handler);
    },
    stop: () => client.stopClient(),
  };
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

/** Ends the session on the server (best effort) and forgets it locally. */
export async function signOut(platform: Platform, session: Session): Promise<void> {
  session.stop();
  try {
    await session.client.logout(true);
  } catch {
    // Offline or token already revoked: the local session is forgotten either way.
  }
  await platform.deleteSecret(SESSION_SECRET_KEY);
}
