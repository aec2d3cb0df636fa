// Which ways of signing in a homeserver offers: native OIDC when it delegates authentication
// (GET /_matrix/client/v1/auth_metadata), otherwise what GET /_matrix/client/v3/login lists: the
// password form, single sign-on (with its identity providers, when it lists them), or both.
import type { ValidatedAuthMetadata } from 'matrix-js-sdk';
import { HomeserverError, resolveHomeserver } from '../../matrix/homeserver.ts';
import { fetchAuthMetadata } from '../../matrix/oidc/oidcSignIn.ts';
import { rendererLogger } from '../../platform/log.ts';

export interface IdentityProvider {
  id: string;
  name: string;
}

export interface LoginFlows {
  password: boolean;
  /** Null when the server offers no SSO; an empty list when it does without naming providers. */
  sso: IdentityProvider[] | null;
}

export function parseLoginFlows(body: unknown): LoginFlows {
  const flows: unknown = (body as { flows?: unknown } | null)?.flows;
  const result: LoginFlows = { password: false, sso: null };
  if (!Array.isArray(flows)) return result;
  for (const flow of flows as unknown[]) {
    if (typeof flow !== 'object' || flow === null) continue;
    const { type, identity_providers: providers } = flow as { type?: unknown; identity_providers?: unknown };
    if (type === 'm.login.password') result.password = true;
    if (type === 'm.login.sso') {
      result.sso = [...(result.sso ?? []), ...parseProviders(providers)];
    }
  }
  return result;
}

function parseProviders(providers: unknown): IdentityProvider[] {
  if (!Array.isArray(providers)) return [];
  const found: IdentityProvider[] = [];
  for (const provider of providers as unknown[]) {
    const { id, name } = (provider ?? {}) as { id?: unknown; name?: unknown };
    if (typeof id === 'string' && id && typeof name === 'string' && name.trim()) found.push({ id, name: name.trim() });
  }
  return found;
}

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export interface HomeserverFlows {
  homeserverUrl: string;
  flows: LoginFlows;
  /** The homeserver delegates sign-in to an OIDC issuer (native OIDC): then that is the way in. */
  oidc: ValidatedAuthMetadata | null;
}

/** Null when the server cannot be reached or read: the password form then stays as it is. */
export async function fetchLoginFlows(homeserverUrl: string, fetchFn: Fetch, timeoutMs: number): Promise<LoginFlows | null> {
  try {
    const response = await fetchFn(`${homeserverUrl}/_matrix/client/v3/login`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) return null;
    return parseLoginFlows(await response.json());
  } catch (error) {
    rendererLogger('signin').swallow('reading the sign-in methods', 'info')(error);
    return null;
  }
}

/** Resolves what the user typed, then asks for its flows. Null when either step fails. */
export async function discoverLoginFlows(
  homeserverInput: string,
  fetchFn: Fetch,
  timeoutMs: number,
): Promise<HomeserverFlows | null> {
  let homeserverUrl: string;
  try {
    homeserverUrl = await resolveHomeserver(homeserverInput, { fetch: fetchFn, timeoutMs });
  } catch (error) {
    if (error instanceof HomeserverError) return null;
    throw error;
  }
  const [flows, oidc] = await Promise.all([
    fetchLoginFlows(homeserverUrl, fetchFn, timeoutMs),
    fetchAuthMetadata(homeserverUrl, fetchFn, timeoutMs),
  ]);
  if (oidc) return { homeserverUrl, flows: flows ?? { password: false, sso: null }, oidc };
  return flows ? { homeserverUrl, flows, oidc: null } : null;
}
