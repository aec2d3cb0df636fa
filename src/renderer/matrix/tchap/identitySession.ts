// The identity server lookup of a signed-in session, in Tchap mode: one IdentityLookup per client
// (its identity-server token is kept for the session), at the address the homeserver's .well-known
// names, else the homeserver's own.
import type { MatrixClient } from 'matrix-js-sdk';
import { rendererLogger } from '../../platform/log.ts';
import { identityServerUrl, IdentityLookup, type LookupResult } from './identityLookup.ts';

const sessions = new WeakMap<MatrixClient, Promise<IdentityLookup>>();
const fetchFn = (input: string, init?: RequestInit) => fetch(input, init);

async function wellKnownOf(homeserverUrl: string): Promise<unknown> {
  try {
    const response = await fetchFn(`${homeserverUrl}/.well-known/matrix/client`, { headers: { Accept: 'application/json' } });
    return response.ok ? await response.json() : null;
  } catch {
    return null; // no .well-known: the homeserver's own host is the identity server
  }
}

async function create(client: MatrixClient): Promise<IdentityLookup> {
  const homeserverUrl = client.getHomeserverUrl().replace(/\/+$/, '');
  const baseUrl = identityServerUrl(await wellKnownOf(homeserverUrl), homeserverUrl);
  return new IdentityLookup({ baseUrl, openIdToken: () => client.getOpenIdToken(), fetch: fetchFn });
}

/** The Matrix ID bound to `email` on this session's identity server. */
export async function lookupEmailFor(client: MatrixClient, email: string): Promise<LookupResult> {
  let session = sessions.get(client);
  if (!session) {
    session = create(client);
    sessions.set(client, session);
  }
  const result = await (await session).lookupEmail(email);
  if (result.kind === 'unavailable') rendererLogger('tchap').warn('the identity server lookup failed');
  return result;
}
