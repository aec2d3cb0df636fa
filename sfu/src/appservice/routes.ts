// The application-service API the homeserver calls (Matrix AS API v1): it pushes every event of every
// room (our registration's non-exclusive `!.*` room namespace) as transactions. Only the homeserver
// knows the hs_token, so a request without it is refused before its body is read. The SFU owns no
// users or aliases: user and room queries answer 404 M_NOT_FOUND.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { PushedEvent } from '../membership/view.ts';

export interface AppServiceHomeserver {
  serverName: string;
  hsToken: string;
}

export interface AppServiceRoutesDeps {
  homeservers: readonly AppServiceHomeserver[];
  /** Receives each new transaction's events, in order. */
  onEvents: (serverName: string, events: PushedEvent[]) => void;
  /** Largest transaction body accepted (Synapse sends at most 100 events and 100 EDUs per transaction). */
  maxBodyBytes: number;
}

const PREFIX = '/_matrix/app/v1/';
/** Transaction ids remembered per homeserver, so a retried transaction is applied once. */
const REMEMBERED_TRANSACTIONS = 1000;

const eventSchema = z.object({
  type: z.string(),
  room_id: z.string(),
  sender: z.string(),
  state_key: z.string().optional(),
  content: z.record(z.string(), z.unknown()).optional(),
});
const transactionSchema = z.object({ events: z.array(z.unknown()).default([]) });

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

export type AppServiceHandler = (request: IncomingMessage, response: ServerResponse) => boolean;

/** Returns a handler that answers AS requests (and returns true), or returns false for other paths. */
export function createAppServiceRoutes(deps: AppServiceRoutesDeps): AppServiceHandler {
  // Compared as fixed-length digests in constant time: no timing hint about the token.
  const tokens = deps.homeservers.map((homeserver) => ({
    serverName: homeserver.serverName,
    digest: digest(homeserver.hsToken),
  }));
  const seen = new Map<string, Set<string>>();

  function authenticate(request: IncomingMessage): string | null {
    const header = request.headers.authorization ?? '';
    if (!header.startsWith('Bearer ')) return null;
    const presented = digest(header.slice('Bearer '.length));
    let match: string | null = null;
    for (const token of tokens) if (timingSafeEqual(presented, token.digest)) match = token.serverName;
    return match;
  }

  function alreadyApplied(serverName: string, txnId: string): boolean {
    let ids = seen.get(serverName);
    if (!ids) {
      ids = new Set();
      seen.set(serverName, ids);
    }
    if (ids.has(txnId)) return true;
    ids.add(txnId);
    if (ids.size > REMEMBERED_TRANSACTIONS) ids.delete(ids.values().next().value as string);
    return false;
  }

  return (request, response) => {
    const url = request.url ?? '/';
    const pathname = url.split('?')[0] ?? '/';
    if (!pathname.startsWith(PREFIX)) return false;
    const route = pathname.slice(PREFIX.length);
    const serverName = authenticate(request);
    if (!serverName) {
      request.resume();
      answer(response, 401, { errcode: 'M_FORBIDDEN', error: 'Bad or missing hs_token' });
      return true;
    }
    const transaction = /^transactions\/([^/]+)$/.exec(route);
    if (request.method === 'PUT' && transaction) {
      const txnId = decodeURIComponent(transaction[1] ?? '');
      readBody(request, deps.maxBodyBytes).then(
        (body) => {
          const parsed = transactionSchema.safeParse(body);
          if (!parsed.success) return answer(response, 400, { errcode: 'M_BAD_JSON', error: 'Not a transaction' });
          if (!alreadyApplied(serverName, txnId)) {
            const events: PushedEvent[] = [];
            for (const raw of parsed.data.events) {
              const event = eventSchema.safeParse(raw);
              if (event.success) events.push(event.data);
            }
            deps.onEvents(serverName, events);
          }
          answer(response, 200, {});
        },
        (error: unknown) => answer(response, 413, { errcode: 'M_TOO_LARGE', error: String(error) }),
      );
      return true;
    }
    if (request.method === 'POST' && route === 'ping') {
      request.resume();
      answer(response, 200, {});
      return true;
    }
    request.resume();
    answer(response, 404, { errcode: 'M_NOT_FOUND', error: 'This application service owns no users or rooms' });
    return true;
  };
}

function answer(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent) return;
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

function readBody(request: IncomingMessage, maxBytes: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        request.destroy();
        reject(new Error(`transaction larger than ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown);
      } catch {
        resolve(null);
      }
    });
    request.on('error', reject);
  });
}
