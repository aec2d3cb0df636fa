// What the page load means for single sign-on. Before leaving for the identity provider we note,
// in this tab's sessionStorage, the homeserver we went to (only its URL: never a token). Coming back
// with a token and that note means "finish what we started"; a token without it came from a link
// someone else made, so the user confirms before being signed in to an account they did not choose.
import { takeLoginToken } from './ssoRedirect.ts';

export const PENDING_SSO_KEY = 'relais.sso.homeserver';

export type SsoStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export type SsoReturn =
  | { kind: 'none' }
  | { kind: 'token'; token: string; homeserver: string; solicited: boolean }
  | { kind: 'token-without-homeserver' }
  | { kind: 'cancelled'; homeserver: string };

export function rememberSsoHomeserver(storage: SsoStorage, homeserverUrl: string): void {
  storage.setItem(PENDING_SSO_KEY, homeserverUrl);
}

export function forgetSsoHomeserver(storage: SsoStorage): void {
  storage.removeItem(PENDING_SSO_KEY);
}

/**
 * Reads (and consumes) the SSO state of a page load. `fallbackHomeserver` is the homeserver the
 * sign-in screen would offer anyway (?hs= or the configured one).
 */
export function readSsoReturn(
  pageUrl: string,
  storage: SsoStorage,
  fallbackHomeserver: string,
): { result: SsoReturn; cleanUrl: string } {
  const { token, cleanUrl } = takeLoginToken(pageUrl);
  const pending = storage.getItem(PENDING_SSO_KEY);
  forgetSsoHomeserver(storage);
  if (token === null) {
    return { result: pending ? { kind: 'cancelled', homeserver: pending } : { kind: 'none' }, cleanUrl };
  }
  if (pending) return { result: { kind: 'token', token, homeserver: pending, solicited: true }, cleanUrl };
  if (fallbackHomeserver.trim()) {
    return { result: { kind: 'token', token, homeserver: fallbackHomeserver.trim(), solicited: false }, cleanUrl };
  }
  return { result: { kind: 'token-without-homeserver' }, cleanUrl };
}

/** The parts of `window` this needs, so that tests can hand in their own. */
export interface SsoPage {
  readonly location: { readonly href: string };
  readonly history: { readonly state: unknown; replaceState(data: unknown, unused: string, url: string): void };
  readonly sessionStorage: SsoStorage;
}

const NO_STORAGE: SsoStorage = { getItem: () => null, setItem: () => undefined, removeItem: () => undefined };

let consumed: SsoReturn | null = null;

/**
 * Once per page load: reads the SSO state from the page and its sessionStorage and removes the token
 * from the address bar. Later calls (React StrictMode renders twice) get the same answer until
 * settleSsoReturn().
 */
export function consumeSsoReturn(page: SsoPage, fallbackHomeserver: string): SsoReturn {
  if (consumed) return consumed;
  let storage: SsoStorage;
  try {
    storage = page.sessionStorage;
  } catch {
    storage = NO_STORAGE; // storage disabled by the browser: SSO still works, unsolicited-style
  }
  const { result, cleanUrl } = readSsoReturn(page.location.href, storage, fallbackHomeserver);
  if (cleanUrl !== page.location.href) page.history.replaceState(page.history.state, '', cleanUrl);
  consumed = result;
  return result;
}

/** Called once the screen holds the answer, so a later sign-in screen (after sign-out) starts clean. */
export function settleSsoReturn(): void {
  consumed = { kind: 'none' };
}
