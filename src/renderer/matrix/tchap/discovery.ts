// Tchap sign-in starts from an e-mail address: a Tchap homeserver's identity "info" endpoint says
// which server holds that address, e.g. GET …/_matrix/identity/api/v1/info?medium=email&address=…
// → {"hs": "agent.tchap.gouv.fr"}. Every Tchap server answers for the whole directory, so we start
// with a random one (spreading the load, as Tchap's own clients do) and move on when one is down.
import { tchapHomeserverUrl } from './homeserverUrl.ts';
import { rendererLogger } from '../../platform/log.ts';

export type TchapDiscoveryProblem = 'invalid-email' | 'email-not-recognised' | 'no-info-server';

export class TchapDiscoveryError extends Error {
  readonly problem: TchapDiscoveryProblem;

  constructor(problem: TchapDiscoveryProblem) {
    super(problem);
    this.problem = problem;
    this.name = 'TchapDiscoveryError';
  }
}

export interface TchapHomeserver {
  /** The server name, as users see it in their Matrix ID. */
  serverName: string;
  /** Base URL of its client API. */
  baseUrl: string;
}

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export interface DiscoveryOptions {
  infoServers: readonly string[];
  homeserverUrlTemplate: string;
  fetch: Fetch;
  /** Per info server: a server that does not answer in time is skipped. */
  timeoutMs: number;
  /** In [0, 1); picks the first server to ask. Injected for tests. */
  random?: () => number;
}

// Deliberately loose: the info server has the last word. This only catches what cannot be an
// address, so a typo gets a useful message instead of a round trip.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/;

export function normaliseEmail(input: string): string | null {
  const email = input.trim().toLowerCase();
  return email.length <= 254 && EMAIL.test(email) ? email : null;
}

/** Every server once, starting at a random one and wrapping around. */
export function infoServerOrder(servers: readonly string[], random: () => number = Math.random): string[] {
  if (servers.length === 0) return [];
  const start = Math.min(servers.length - 1, Math.floor(random() * servers.length));
  return [...servers.slice(start), ...servers.slice(0, start)];
}

type Answer = { kind: 'found'; homeserver: TchapHomeserver } | { kind: 'not-recognised' } | { kind: 'failed' };

export async function discoverTchapHomeserver(emailInput: string, options: DiscoveryOptions): Promise<TchapHomeserver> {
  const email = normaliseEmail(emailInput);
  if (!email) throw new TchapDiscoveryError('invalid-email');
  for (const server of infoServerOrder(options.infoServers, options.random)) {
    const answer = await askInfoServer(server, email, options);
    if (answer.kind === 'found') return answer.homeserver;
    // The directory is shared: one server saying "unknown" is the answer, not an outage.
    if (answer.kind === 'not-recognised') throw new TchapDiscoveryError('email-not-recognised');
  }
  throw new TchapDiscoveryError('no-info-server');
}

async function askInfoServer(server: string, email: string, options: DiscoveryOptions): Promise<Answer> {
  const url = `${server.replace(/\/+$/, '')}/_matrix/identity/api/v1/info?medium=email&address=${encodeURIComponent(email)}`;
  let body: unknown;
  try {
    const response = await options.fetch(url, { signal: AbortSignal.timeout(options.timeoutMs) });
    if (!response.ok) return { kind: 'failed' };
    body = await response.json();
  } catch (error) {
    rendererLogger('tchap').swallow('asking a Tchap info server')(error);
    return { kind: 'failed' }; // down, timed out, or not JSON
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { kind: 'failed' };
  const hs: unknown = (body as { hs?: unknown }).hs;
  if (hs === undefined || hs === null || hs === '') return { kind: 'not-recognised' };
  if (typeof hs !== 'string') return { kind: 'failed' };
  const baseUrl = tchapHomeserverUrl(options.homeserverUrlTemplate, hs);
  // An answer we refuse to connect to is treated like a broken server: another may answer sanely.
  if (!baseUrl) return { kind: 'failed' };
  return { kind: 'found', homeserver: { serverName: hs.toLowerCase(), baseUrl } };
}
