// Finding the Matrix account behind an e-mail address the way Tchap does, through the identity server
// of one's own homeserver (Identity Service API v2):
//   1. an OpenID token from the homeserver (/user/{userId}/openid/request_token), traded for an
//      identity-server token (POST /_matrix/identity/v2/account/register);
//   2. the server's pepper and algorithms (GET /_matrix/identity/v2/hash_details);
//   3. POST /_matrix/identity/v2/lookup with the sha256 hash of "<address> email <pepper>".
// Pure of React and of matrix-js-sdk: the homeserver's part comes in as a function, fetch is injected.
import { lookupHash } from './identityHash.ts';

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** What /user/{userId}/openid/request_token answers; account/register takes it as it is. */
export interface OpenIdToken {
  access_token: string;
  token_type: string;
  matrix_server_name: string;
  expires_in: number;
}

export type LookupResult = { kind: 'found'; userId: string } | { kind: 'not-found' } | { kind: 'unavailable' };

export interface IdentityLookupOptions {
  /** Base URL of the identity server, e.g. https://matrix.agent.tchap.gouv.fr. */
  baseUrl: string;
  openIdToken: () => Promise<OpenIdToken>;
  fetch: Fetch;
  timeoutMs?: number;
}

class IdentityHttpError extends Error {
  readonly status: number;
  readonly errcode: string | undefined;

  constructor(status: number, errcode: string | undefined) {
    super(`identity server answered ${status} ${errcode ?? ''}`);
    this.status = status;
    this.errcode = errcode;
    this.name = 'IdentityHttpError';
  }
}

/**
 * The identity server of one session. Its token is kept between lookups (registering costs two round
 * trips and an OpenID token) and renewed once when the server no longer accepts it.
 */
export class IdentityLookup {
  private token: Promise<string> | null = null;
  private readonly base: string;
  private readonly options: IdentityLookupOptions;

  constructor(options: IdentityLookupOptions) {
    this.options = options;
    this.base = options.baseUrl.replace(/\/+$/, '');
  }

  /** The Matrix ID bound to `email`, or why there is none. Never throws. */
  async lookupEmail(email: string): Promise<LookupResult> {
    try {
      return await this.withToken((token) => this.lookupOnce(email, token));
    } catch {
      return { kind: 'unavailable' };
    }
  }

  private async withToken<T>(run: (token: string) => Promise<T>): Promise<T> {
    try {
      return await run(await this.currentToken());
    } catch (error) {
      // Tokens expire and servers restart: register again, once.
      if (!(error instanceof IdentityHttpError) || error.status !== 401) throw error;
      this.token = null;
      return run(await this.currentToken());
    }
  }

  private currentToken(): Promise<string> {
    this.token ??= this.register().catch((error: unknown) => {
      this.token = null; // a failed registration is not remembered: the next lookup tries again
      throw error;
    });
    return this.token;
  }

  private async register(): Promise<string> {
    const body = await this.call('/_matrix/identity/v2/account/register', null, {
      method: 'POST',
      body: JSON.stringify(await this.options.openIdToken()),
    });
    return readToken(body);
  }

  private async lookupOnce(email: string, token: string): Promise<LookupResult> {
    const details = readHashDetails(await this.call('/_matrix/identity/v2/hash_details', token, { method: 'GET' }));
    const hash = await lookupHash(email, 'email', details.pepper);
    const answer = await this.call('/_matrix/identity/v2/lookup', token, {
      method: 'POST',
      body: JSON.stringify({ addresses: [hash], algorithm: 'sha256', pepper: details.pepper }),
    });
    const userId = readMappings(answer)[hash];
    return userId ? { kind: 'found', userId } : { kind: 'not-found' };
  }

  private async call(path: string, token: string | null, init: RequestInit): Promise<unknown> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    if (token !== null) headers.Authorization = `Bearer ${token}`;
    const response = await this.options.fetch(`${this.base}${path}`, {
      ...init,
      headers,
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
    });
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) throw new IdentityHttpError(response.status, errcodeOf(body));
    return body;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function errcodeOf(body: unknown): string | undefined {
  return isRecord(body) && typeof body.errcode === 'string' ? body.errcode : undefined;
}

/** The spec names it `token`; servers from before v1.0 of the spec also answered `access_token`. */
export function readToken(body: unknown): string {
  const token = isRecord(body) ? (body.token ?? body.access_token) : undefined;
  if (typeof token !== 'string' || token === '') throw new Error('identity server: no token in account/register');
  return token;
}

export function readHashDetails(body: unknown): { pepper: string } {
  if (!isRecord(body) || typeof body.lookup_pepper !== 'string' || !Array.isArray(body.algorithms)) {
    throw new Error('identity server: malformed hash_details');
  }
  // Only the hashed lookup: sending addresses in clear ("none") is what v2 exists to avoid.
  if (!body.algorithms.includes('sha256')) throw new Error('identity server: sha256 lookup not offered');
  return { pepper: body.lookup_pepper };
}

export function readMappings(body: unknown): Record<string, string> {
  if (!isRecord(body) || !isRecord(body.mappings)) throw new Error('identity server: malformed lookup answer');
  const mappings: Record<string, string> = {};
  for (const [hash, userId] of Object.entries(body.mappings)) {
    if (typeof userId === 'string') mappings[hash] = userId;
  }
  return mappings;
}

/**
 * Where the identity server is: the homeserver's .well-known `m.identity_server`, else the homeserver
 * itself (Tchap runs its identity server on each homeserver's own host). Only https, or http on the
 * loopback for tests, is accepted from the document.
 */
export function identityServerUrl(wellKnown: unknown, homeserverUrl: string): string {
  const named =
    isRecord(wellKnown) && isRecord(wellKnown['m.identity_server']) ? wellKnown['m.identity_server'].base_url : undefined;
  if (typeof named === 'string') {
    try {
      const url = new URL(named);
      const loopback = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
      if (url.protocol === 'https:' || (url.protocol === 'http:' && loopback)) return named.replace(/\/+$/, '');
    } catch {
      // not a URL: fall back to the homeserver
    }
  }
  return homeserverUrl.replace(/\/+$/, '');
}
