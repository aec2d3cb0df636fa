// Keeps a native OIDC session's tokens: matrix-js-sdk refreshes them (before a request once the
// access token is near its expiry, and on a 401), and each new pair replaces the old one in the
// keychain at once: with rotating refresh tokens, the old one is dead as soon as the issuer answers.
import type { AccessTokens, ICreateClientOpts, MatrixClient } from 'matrix-js-sdk';
import { rendererLogger } from '../../platform/log.ts';
import type { Credentials } from '../signIn.ts';
import { refreshDueAt } from './refreshSchedule.ts';

const log = rendererLogger('session');

export type SaveCredentials = (credentials: Credentials) => Promise<void>;

/** Whether these credentials come from native OIDC, and so can be refreshed and revoked there. */
export function isOidcSession(credentials: Credentials): boolean {
  return Boolean(credentials.refreshToken && credentials.oauthClientId);
}

/**
 * The createClient options of an OIDC session: its refresh token and client ID, and what to do with
 * each refreshed pair. `current` holds the credentials as they are now (the caller's object is updated).
 */
export function oidcClientOptions(
  current: { credentials: Credentials },
  save: SaveCredentials,
): Pick<ICreateClientOpts, 'refreshToken' | 'oauthClientId' | 'onTokenRefresh'> {
  const { refreshToken, oauthClientId } = current.credentials;
  if (!refreshToken || !oauthClientId) return {};
  return {
    refreshToken,
    oauthClientId,
    onTokenRefresh: (tokens: AccessTokens) => {
      const next: Credentials = {
        ...current.credentials,
        accessToken: tokens.accessToken,
        refreshToken: tokens.refreshToken ?? current.credentials.refreshToken,
        accessTokenExpiresAt: tokens.expiry?.getTime(),
      };
      current.credentials = next;
      log.info('the access token was refreshed');
      void save(next).catch(log.swallow('keeping the refreshed tokens in the keychain', 'error'));
    },
  };
}

/** The part of matrix-js-sdk 43's token manager this reads: the expiry it refreshes ahead of. */
interface TokenManagerView {
  latestTokenRefreshExpiry?: Date;
}

/**
 * Tells the SDK when to refresh before its next request. It learns an expiry only from refreshes it
 * made itself, so a session restored from the keychain (or just signed in) would otherwise go on
 * with its token until the homeserver refuses it. The SDK keeps no public setter for this: the field
 * is read defensively, and without it the session still refreshes, on the 401.
 */
export function scheduleRefreshBeforeExpiry(client: MatrixClient, expiresAt: number | undefined, now = Date.now()): boolean {
  const due = refreshDueAt(expiresAt, now);
  if (due === null) return false;
  const http: unknown = client.http;
  const manager = typeof http === 'object' && http !== null ? (http as { tokenManager?: unknown }).tokenManager : undefined;
  if (typeof manager !== 'object' || manager === null || !('latestTokenRefreshExpiry' in manager)) return false;
  (manager as TokenManagerView).latestTokenRefreshExpiry = new Date(due);
  return true;
}
