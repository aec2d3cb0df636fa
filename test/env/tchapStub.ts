// A stand-in for the two Tchap-only behaviours a stock Synapse does not have, put in front of a real
// Synapse for the E2E tests:
//   - the identity "info" endpoint that maps an e-mail address to its homeserver
//     (GET /_matrix/identity/api/v1/info?medium=email&address=…  →  {"hs": "…"}), and
//   - account validity (synapse-email-account-validity): an expired account still logs in, then every
//     authenticated request gets 403 ORG_MATRIX_EXPIRED_ACCOUNT, except asking for the renewal e-mail
//     (POST /_matrix/client/unstable/account_validity/send_mail) and logging out.
//   - an identity server (Identity Service API v2, only what Tchap's people search uses): there is no
//     identity server package for this machine (no Sydent), so the stub implements exactly
//     GET /_matrix/identity/v2/hash_details, POST /_matrix/identity/v2/lookup (sha256 only) and
//     POST /_matrix/identity/v2/account/register, which checks the OpenID token with the real Synapse
//     (/_matrix/federation/v1/openid/userinfo), as Sydent does. Its .well-known names it as
//     m.identity_server: in Tchap the identity server lives on the homeserver's own host.
// Everything else is forwarded untouched to the real Synapse. The web build runs on another origin,
// so the stub answers CORS preflights and sends CORS headers itself.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface TchapStubOptions {
  /** Base URL of the real homeserver, e.g. http://127.0.0.1:18110. */
  upstream: string;
  /** Lower-case e-mail address → server name the info endpoint answers. Other addresses get {}. */
  directory: Readonly<Record<string, string>>;
  /** Matrix IDs whose accounts are expired from the start. */
  expiredUsers?: readonly string[];
  /** Lower-case e-mail address → Matrix ID the identity server's lookup answers. */
  bindings?: Readonly<Record<string, string>>;
}

export interface TchapStub {
  /** Base URL, usable both as an info server and as the homeserver's address. */
  url: string;
  port: number;
  /** Addresses the info endpoint was asked about, in order. */
  readonly infoRequests: string[];
  /** Matrix IDs that asked for a renewal e-mail, in order. */
  readonly renewalMails: string[];
  /** Identity server requests (method and path), in order. */
  readonly identityRequests: string[];
  /** The account's validity is renewed (as the link in the e-mail would do). */
  renew(userId: string): void;
  close(): Promise<void>;
}

const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, HEAD, POST, PUT, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'X-Requested-With, Content-Type, Authorization, Date',
};

const IDENTITY_PREFIX = '/_matrix/identity/v2/';
const PEPPER = 'relais-test-pepper';

/** sha256("<address> <medium> <pepper>"), unpadded URL-safe base64, as the identity service API says. */
function lookupHash(address: string, medium: string, pepper: string): string {
  return createHash('sha256').update(`${address} ${medium} ${pepper}`).digest('base64url');
}

const SEND_MAIL_PATH = '/_matrix/client/unstable/account_validity/send_mail';

export async function startTchapStub(options: TchapStubOptions): Promise<TchapStub> {
  const upstream = new URL(options.upstream);
  const expired = new Set(options.expiredUsers ?? []);
  // Access token → Matrix ID, learnt from the login answers that pass through.
  const tokenOwners = new Map<string, string>();
  const infoRequests: string[] = [];
  const renewalMails: string[] = [];
  const identityRequests: string[] = [];
  // Identity-server token → Matrix ID, issued by account/register.
  const identityTokens = new Map<string, string>();
  const hashed = new Map(
    Object.entries(options.bindings ?? {}).map(([address, userId]) => [lookupHash(address, 'email', PEPPER), userId]),
  );

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

  /** Sydent's check of an OpenID token: ask the homeserver who it belongs to. */
  async function openIdOwner(accessToken: string): Promise<string | null> {
    const answer = await fetch(
      `${options.upstream}/_matrix/federation/v1/openid/userinfo?access_token=${encodeURIComponent(accessToken)}`,
    );
    if (!answer.ok) return null;
    const { sub } = (await answer.json()) as { sub?: string };
    return sub ?? null;
  }

  async function identity(req: IncomingMessage, res: ServerResponse, path: string, body: Buffer): Promise<void> {
    identityRequests.push(`${req.method ?? ''} ${path}`);
    if (path === 'account/register' && req.method === 'POST') {
      const { access_token: accessToken } = JSON.parse(body.toString('utf8') || '{}') as { access_token?: string };
      const owner = accessToken ? await openIdOwner(accessToken) : null;
      if (!owner) return sendJson(res, 401, { errcode: 'M_UNAUTHORIZED', error: 'OpenID token not valid' });
      const token = randomBytes(16).toString('hex');
      identityTokens.set(token, owner);
      return sendJson(res, 200, { token });
    }
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token || !identityTokens.has(token)) return sendJson(res, 401, { errcode: 'M_UNAUTHORIZED', error: 'no token' });
    if (path === 'hash_details' && req.method === 'GET') {
      return sendJson(res, 200, { algorithms: ['sha256'], lookup_pepper: PEPPER });
    }
    if (path === 'lookup' && req.method === 'POST') {
      const asked = JSON.parse(body.toString('utf8')) as { addresses?: string[]; algorithm?: string; pepper?: string };
      if (asked.pepper !== PEPPER) return sendJson(res, 400, { errcode: 'M_INVALID_PEPPER', error: 'wrong pepper' });
      if (asked.algorithm !== 'sha256') return sendJson(res, 400, { errcode: 'M_INVALID_PARAM', error: 'sha256 only' });
      const mappings: Record<string, string> = {};
      for (const address of asked.addresses ?? []) {
        const userId = hashed.get(address);
        if (userId) mappings[address] = userId;
      }
      return sendJson(res, 200, { mappings });
    }
    sendJson(res, 404, { errcode: 'M_UNRECOGNIZED', error: 'not in this stub' });
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
    if (url.pathname.startsWith(IDENTITY_PREFIX)) {
      void identity(req, res, url.pathname.slice(IDENTITY_PREFIX.length), body).catch(() =>
        sendJson(res, 500, { errcode: 'M_UNKNOWN', error: 'identity stub failed' }),
      );
      return;
    }
    if (url.pathname === '/.well-known/matrix/client' && req.method === 'GET') {
      const self = `http://${req.headers.host ?? ''}`;
      sendJson(res, 200, { 'm.homeserver': { base_url: self }, 'm.identity_server': { base_url: self } });
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
    identityRequests,
    renew: (userId) => void expired.delete(userId),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
