// When to refresh an access token from a native OIDC issuer: ahead of its expiry, so that no request
// goes out with a token the homeserver is about to refuse, but not so early that short-lived tokens
// are refreshed on every request. A quarter of the time left, at most a minute ahead.

/** Never refresh more than this before the expiry the issuer gave. */
export const MAX_REFRESH_MARGIN_MS = 60_000;

/**
 * The moment (ms since the epoch) from which the session should refresh before its next request.
 * `expiresAt` is what the keychain holds; null when the issuer gave no lifetime (then only a refusal
 * by the homeserver, a 401, makes the session refresh).
 */
export function refreshDueAt(expiresAt: number | null | undefined, now: number): number | null {
  if (typeof expiresAt !== 'number' || !Number.isFinite(expiresAt)) return null;
  const left = expiresAt - now;
  if (left <= 0) return now; // already expired (after a restart or an offline period): at once
  return expiresAt - Math.min(MAX_REFRESH_MARGIN_MS, Math.floor(left / 4));
}
