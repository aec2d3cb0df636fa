// What a page load means for native OIDC sign-in. Before leaving for the issuer we note, in this
// tab's sessionStorage, the sign-in we started: its `state`, the homeserver, the client and device
// IDs and the PKCE code verifier (useless without the code, and gone once read). Never a token.
// Coming back with a code and the same state finishes it; a code whose state we did not start is
// refused, so nobody can sign this app in to an account by sending a link.

export const PENDING_OIDC_KEY = 'relais.oidc.pending';

export interface PendingOidc {
  state: string;
  homeserverUrl: string;
  issuer: string;
  clientId: string;
  deviceId: string;
  codeVerifier: string;
  redirectUri: string;
}

export type OidcStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export type OidcReturn =
  | { kind: 'none' }
  | { kind: 'code'; code: string; pending: PendingOidc }
  /** The issuer said no (RFC 6749 error code), or the user went back without finishing. */
  | { kind: 'refused'; error: string; homeserverUrl: string }
  | { kind: 'cancelled'; homeserverUrl: string }
  /** A code or error whose state is not the sign-in this tab started. */
  | { kind: 'unsolicited' };

export function rememberPendingOidc(storage: OidcStorage, pending: PendingOidc): void {
  storage.setItem(PENDING_OIDC_KEY, JSON.stringify(pending));
}

export function forgetPendingOidc(storage: OidcStorage): void {
  storage.removeItem(PENDING_OIDC_KEY);
}

const PENDING_FIELDS = ['state', 'homeserverUrl', 'issuer', 'clientId', 'deviceId', 'codeVerifier', 'redirectUri'] as const;

function parsePending(raw: string | null): PendingOidc | null {
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return null;
    const record = value as Record<string, unknown>;
    if (!PENDING_FIELDS.every((field) => typeof record[field] === 'string' && record[field] !== '')) return null;
    return value as PendingOidc;
  } catch {
    return null;
  }
}

const RESPONSE_PARAMS = ['code', 'state', 'error', 'error_description', 'error_uri', 'iss', 'session_state'];

/**
 * Reads (and consumes) the OIDC state of a page load, and the URL to show instead: the code is a
 * credential for a minute, so it must not stay in the address bar, history or bookmarks.
 */
export function readOidcReturn(pageUrl: string, storage: OidcStorage): { result: OidcReturn; cleanUrl: string } {
  const url = new URL(pageUrl);
  const code = url.searchParams.get('code');
  const state = url.searchParams.get('state');
  const error = url.searchParams.get('error');
  const pending = parsePending(storage.getItem(PENDING_OIDC_KEY));
  forgetPendingOidc(storage);
  const answered = code !== null || error !== null;
  if (!answered) {
    return {
      result: pending ? { kind: 'cancelled', homeserverUrl: pending.homeserverUrl } : { kind: 'none' },
      cleanUrl: pageUrl,
    };
  }
  for (const name of RESPONSE_PARAMS) url.searchParams.delete(name);
  const cleanUrl = url.href;
  if (!pending || !state || state !== pending.state) return { result: { kind: 'unsolicited' }, cleanUrl };
  if (error !== null || !code) {
    return { result: { kind: 'refused', error: error ?? 'invalid_request', homeserverUrl: pending.homeserverUrl }, cleanUrl };
  }
  return { result: { kind: 'code', code, pending }, cleanUrl };
}

/** The parts of `window` this needs, so that tests can hand in their own. */
export interface OidcPage {
  readonly location: { readonly href: string };
  readonly history: { readonly state: unknown; replaceState(data: unknown, unused: string, url: string): void };
  readonly sessionStorage: OidcStorage;
}

let consumed: OidcReturn | null = null;

/**
 * Once per page load: reads the OIDC answer from the page and its sessionStorage, and removes it
 * from the address bar. Later calls (React StrictMode renders twice) get the same answer until
 * settleOidcReturn().
 */
export function consumeOidcReturn(page: OidcPage): OidcReturn {
  if (consumed) return consumed;
  let storage: OidcStorage;
  try {
    storage = page.sessionStorage;
  } catch {
    // Storage disabled by the browser: nothing was started here, so any answer is unsolicited.
    storage = { getItem: () => null, setItem: () => undefined, removeItem: () => undefined };
  }
  const { result, cleanUrl } = readOidcReturn(page.location.href, storage);
  if (cleanUrl !== page.location.href) page.history.replaceState(page.history.state, '', cleanUrl);
  consumed = result;
  return result;
}

/** Called once the screen holds the answer, so a later sign-in screen (after sign-out) starts clean. */
export function settleOidcReturn(): void {
  consumed = { kind: 'none' };
}
