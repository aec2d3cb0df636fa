// A stand-in for the two Tchap-only behaviours a stock Synapse does not have, put in front of a real
// Synapse for the E2E tests:
//   - the identity "info" endpoint that maps an e-mail address to its homeserver
//     (GET /_matrix/identity/api/v1/info?medium=email&address=…  →  {"hs": "…"}), and
//   - account validity (synapse-email-account-validity): an expired account still logs in, then every
//     authenticated request gets 403 ORG_MATRIX_EXPIRED_ACCOUNT, except asking for the renewal e-mail
//     (POST /_matrix/client/unstable/account_validity/send_mail) and logging out.
// Everything else is forwarded untouched to the real Synapse. The web build runs on another origin,
// so the stub answers CORS preflights and sends CORS headers itself.
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface TchapStubOptions {
  /** Base URL of the real homeserver, e.g. http://127.0.0.1:18110. */
  upstream: string;
  /** Lower-case e-mail address → server name the info endpoint answers. Other addresses get {}. */
  directory: Readonly<Record<string, string>>;
  /** Matrix IDs whose accounts are expired from the start. */
  expiredUsers?: readonly string[];
}

export interface TchapStub {
  /** Base URL, usable both as an info server and as the homeserver's address. */
  url: string;
  port: number;
  /** Addresses the info endpoint was asked about, in order. */
  readonly infoRequests: string[];
  /** Matrix IDs that asked for a renewal e-mail, in order. */
  readonly renewalMails: string[];
  /** The account's validity is renewed (as the link in the e-mail would do). */
  renew(userId: string): void;
  close(): Promise<void>;
}

const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, HEAD, POST, PUT, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'X-Requested-With, Content-Type, Authorization, Date',
};

const SEND_MAIL_PATH = '/_matrix/client/unstable/account_validity/send_mail';

export async function startTchapStub(options: TchapStubOptions): Promise<TchapStub> {
  const upstream = new URL(options.upstream);
  const expired = new Set(options.expiredUsers ?? []);
  // Access token → Matrix ID, learnt from the login answers that pass through.
  const tokenOwners = new Map<string, string>();
  const infoRequests: string[] = [];
  const renewalMails: string[] = [];

  function sendJson(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { ...CORS_HEADERS, 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  }

  function forward(req: IncomingMessage, res: ServerResponse, body: Buffer, onLogin: ((answer: Buffer) => void) | null): void {
    const headers = { ...req.headers, host: upstream.host };
    const proxied = request(
      {
        protocol: upstream.protocol,
        hostname: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers,
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const payload = Buffer.concat(chunks);
          if (onLogin && answer.statusCode === 200) onLogin(payload);
          res.writeHead(answer.statusCode ?? 502, answer.headers).end(payload);
        });
      },
    );
    proxied.on('error', () => sendJson(res, 502, { errcode: 'M_UNKNOWN', error: 'upstream unreachable' }));
    proxied.end(body);
  }

  function handle(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://stub');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS_HEADERS).end();
      return;
    }
    if (url.pathname === '/_matrix/identity/api/v1/info' && req.method === 'GET') {
      const address = (url.searchParams.get('address') ?? '').toLowerCase();
      infoRequests.push(address);
      const hs = url.searchParams.get('medium') === 'email' ? options.directory[address] : undefined;
      sendJson(res, 200, hs ? { hs } : {});
      return;
    }
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const owner = token ? tokenOwners.get(token) : undefined;
    if (owner && expired.has(owner)) {
      if (url.pathname === SEND_MAIL_PATH && req.method === 'POST') {
        renewalMails.push(owner);
        sendJson(res, 200, {});
        return;
      }
      if (!/^\/_matrix\/client\/[^/]+\/logout(\/all)?$/.test(url.pathname)) {
        sendJson(res, 403, { errcode: 'ORG_MATRIX_EXPIRED_ACCOUNT', error: 'User account has expired' });
        return;
      }
    }
    const isLogin = req.method === 'POST' && /^\/_matrix\/client\/[^/]+\/login$/.test(url.pathname);
    forward(
      req,
      res,
      body,
      isLogin
        ? (answer) => {
            const parsed = JSON.parse(answer.toString('utf8')) as { user_id?: string; access_token?: string };
            if (parsed.user_id && parsed.access_token) tokenOwners.set(parsed.access_token, parsed.user_id);
          }
        : null,
    );
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(req, res, Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('tchap stub: no address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    infoRequests,
    renewalMails,
    renew: (userId) => void expired.delete(userId),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
