// The OpenID token a call presents to the SFU, kept while it is valid. The homeserver issues tokens
// for an hour; asking for a new one at every (re)join puts a homeserver round trip on the critical
// path of recovering a call (after a worker crash both sides re-join at once) and defeats the SFU's
// cache of verified tokens, so each re-join would cost the homeserver a second request too.
import type { OpenIdToken } from '../../shared/call/index.ts';

/** A token is not reused this close to its expiry: the SFU must still be able to verify it. */
export const OPENID_REUSE_MARGIN_MS = 60_000;

export interface OpenIdTokenSource {
  /** A valid token: the kept one, or a new one from the homeserver. */
  get(): Promise<OpenIdToken>;
  /** The SFU refused the kept token (expired or revoked early): the next `get` asks for a new one. */
  forget(): void;
}

export function reusableOpenIdToken(fetchToken: () => Promise<OpenIdToken>, now: () => number = Date.now): OpenIdTokenSource {
  let kept: { token: OpenIdToken; expiresAt: number } | null = null;
  let pending: Promise<OpenIdToken> | null = null;
  return {
    get() {
      if (kept && kept.expiresAt - now() > OPENID_REUSE_MARGIN_MS) return Promise.resolve(kept.token);
      // Two joins at once (a re-join racing a probe) share one request.
      pending ??= fetchToken()
        .then((token) => {
          const lifetimeMs = (token.expires_in ?? 0) * 1000;
          kept = lifetimeMs > 0 ? { token, expiresAt: now() + lifetimeMs } : null;
          return token;
        })
        .finally(() => {
          pending = null;
        });
      return pending;
    },
    forget() {
      kept = null;
    },
  };
}
