// A stand-in for the Matrix Authentication Service, built on `oidc-provider`, so that native OIDC
// sign-in is tested against a real delegated Synapse (issue 21). It does what Synapse 1.160's
// `matrix_authentication_service` mode expects of MAS: discovery with account_management_uri,
// introspection at /oauth2/introspect (Bearer shared secret; answers username and expires_in), and
// users and devices provisioned through Synapse's /_synapse/mas/* endpoints before Synapse sees them.
// It also does what a client expects: dynamic registration, authorization code with PKCE, refresh
// tokens, revocation (which deletes the device on the homeserver), and a plain login page.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import Provider, { type InteractionDetails } from 'oidc-provider';

export interface OidcIssuerOptions {
  port: number;
  /** Shared with Synapse's matrix_authentication_service.secret. */
  secret?: string;
  /** Lifetime of access tokens, in seconds (short ones exercise the client's refresh). */
  accessTokenTtlSeconds?: number;
}

export interface OidcIssuerHandle {
  readonly issuerUrl: string;
  readonly secret: string;
  /** The homeserver whose /_synapse/mas/* endpoints provision users and devices (set once it runs). */
  attachHomeserver(baseUrl: string): void;
  /** Creates an account at the issuer and provisions it on the homeserver. */
  createUser(localpart: string, password: string): Promise<void>;
  /** Access tokens issued from now on live this long. */
  setAccessTokenTtl(seconds: number): void;
  /** Refuses every later refresh for this user, as an administrator ending their sessions would. */
  revokeRefreshTokensOf(localpart: string): Promise<void>;
  /** Devices whose grant was revoked (sign-out), in order. */
  readonly deletedDevices: readonly string[];
  /** Refresh-token grants the issuer answered with new tokens. */
  refreshCount(): number;
  stop(): Promise<void>;
}

const MATRIX_API_SCOPE = 'urn:matrix:client:api:*';
const DEVICE_SCOPE_PREFIX = 'urn:matrix:client:device:';
/** The one resource server: the homeserver's client API. */
const MATRIX_RESOURCE = 'urn:matrix:client';

interface GrantRecord {
  localpart: string;
  deviceId: string;
}

export async function startOidcIssuer(options: OidcIssuerOptions): Promise<OidcIssuerHandle> {
  const issuerUrl = `http://127.0.0.1:${options.port}/`;
  const secret = options.secret ?? randomBytes(24).toString('hex');
  const passwords = new Map<string, string>();
  const grants = new Map<string, GrantRecord>();
  // Every device scope ever asked for: oidc-provider only grants scopes its resource server lists,
  // and the device part of a Matrix scope is chosen by the client. Grants keep them per session.
  const deviceScopes = new Set<string>();
  const deletedDevices: string[] = [];
  let accessTokenTtl = options.accessTokenTtlSeconds ?? 300;
  let homeserver: string | null = null;

  const mas = async (path: string, body: Record<string, unknown>): Promise<void> => {
    if (!homeserver) throw new Error('the test issuer has no homeserver attached yet');
    const response = await fetch(`${homeserver}/_synapse/mas/${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`/_synapse/mas/${path} answered ${response.status}: ${await response.text()}`);
  };

  const provider = new Provider(issuerUrl, {
    clients: [],
    cookies: { keys: [randomBytes(16).toString('hex')] },
    pkce: { required: () => true },
    clientBasedCORS: () => true,
    scopes: ['openid', MATRIX_API_SCOPE],
    responseTypes: ['code'],
    discovery: {
      account_management_uri: `${issuerUrl}account`,
      account_management_actions_supported: ['org.matrix.profile', 'org.matrix.sessions_list'],
      prompt_values_supported: ['consent', 'login'],
      // The Matrix spec asks for both response modes; oidc-provider serves them but lists only some.
      response_modes_supported: ['query', 'fragment'],
    },
    features: {
      devInteractions: { enabled: false },
      registration: { enabled: true, initialAccessToken: false },
      // A client revokes only its own tokens.
      revocation: { enabled: true, allowedPolicy: (_ctx, client, token) => client.clientId === token.clientId },
      // Synapse's introspection is served below, authenticated by the shared secret.
      introspection: { enabled: false },
      userinfo: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => MATRIX_RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: [MATRIX_API_SCOPE, ...deviceScopes].join(' '),
          accessTokenTTL: accessTokenTtl,
          accessTokenFormat: 'opaque',
        }),
      },
    },
    ttl: { AccessToken: () => accessTokenTtl, RefreshToken: 24 * 3600, Interaction: 600, Session: 3600, Grant: 24 * 3600 },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, id) => (passwords.has(id) ? { accountId: id, claims: () => ({ sub: id }) } : undefined),
    // Matrix clients do not ask for offline_access; they always get a refresh token.
    issueRefreshToken: () => true,
    // Revoking either token ends the session (as MAS does): a client revokes both at once, and
    // whichever arrives first takes the other with it.
    revokeGrantPolicy: () => true,
  });
  provider.on('grant.revoked', (_ctx, grantId) => {
    const record = grants.get(grantId);
    if (!record) return;
    grants.delete(grantId);
    deletedDevices.push(record.deviceId);
    void mas('delete_device', { localpart: record.localpart, device_id: record.deviceId }).catch((error: unknown) =>
      console.error('test issuer: deleting the device failed', error),
    );
  });
  let refreshes = 0;
  provider.on('grant.success', (ctx) => {
    if (ctx.oidc.params?.grant_type === 'refresh_token') refreshes += 1;
  });
  const providerCallback = provider.callback();

  const server: Server = createServer((req, res) => {
    void route(req, res).catch((error: unknown) => {
      console.error('test issuer:', error);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end('internal error');
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', issuerUrl);
    // The web build calls registration, token and revocation from its own origin.
    const origin = req.headers.origin;
    if (origin) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Authorization, Accept');
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    if (url.pathname === '/oauth2/introspect' && req.method === 'POST') return introspect(req, res);
    if (url.pathname === '/account') return sendPage(res, 'Your account', '<p>Account management of the test issuer.</p>');
    const interaction = /^\/interaction\/([\w-]+)(\/login)?$/.exec(url.pathname);
    if (interaction) return interact(req, res, interaction[2] === '/login');
    providerCallback(req, res);
  }

  async function introspect(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.headers.authorization !== `Bearer ${secret}`) {
      res.writeHead(401, { 'Content-Type': 'application/json' }).end('{"error":"invalid_client"}');
      return;
    }
    const token = new URLSearchParams(await readBody(req)).get('token') ?? '';
    const found = await provider.AccessToken.find(token);
    const now = Math.floor(Date.now() / 1000);
    const answer =
      found && found.exp > now
        ? {
            active: true,
            scope: found.scope ?? '',
            username: found.accountId,
            sub: found.accountId,
            client_id: found.clientId,
            exp: found.exp,
            expires_in: found.exp - now,
          }
        : { active: false };
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer));
  }

  async function interact(req: IncomingMessage, res: ServerResponse, submitted: boolean): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name === 'login') {
      if (!submitted) return sendLoginPage(res, details.uid, null);
      const form = new URLSearchParams(await readBody(req));
      const username = form.get('username')?.trim() ?? '';
      if (!username || passwords.get(username) !== form.get('password')) {
        return sendLoginPage(res, details.uid, 'Wrong username or password.');
      }
      await provider.interactionFinished(req, res, { login: { accountId: username } }, { mergeWithLastSubmission: false });
      return;
    }
    // Consent is implied (the organisation's own client): grant what was asked, provision the device.
    await provider.interactionFinished(
      req,
      res,
      { consent: { grantId: await grantFor(details) } },
      { mergeWithLastSubmission: true },
    );
  }

  async function grantFor(details: InteractionDetails): Promise<string> {
    const accountId = details.session?.accountId;
    const clientId = typeof details.params.client_id === 'string' ? details.params.client_id : '';
    if (!accountId) throw new Error('consent without a signed-in account');
    const requested = typeof details.params.scope === 'string' ? details.params.scope.split(' ') : [];
    const devices = requested.filter((scope) => scope.startsWith(DEVICE_SCOPE_PREFIX));
    if (devices.length !== 1 || !requested.includes(MATRIX_API_SCOPE))
      throw new Error(`unexpected scope: ${requested.join(' ')}`);
    const deviceScope = devices[0] as string;
    deviceScopes.add(deviceScope);
    const deviceId = deviceScope.slice(DEVICE_SCOPE_PREFIX.length);
    await mas('upsert_device', { localpart: accountId, device_id: deviceId, display_name: 'Relais' });
    const grant = new provider.Grant({ accountId, clientId });
    grant.addResourceScope(MATRIX_RESOURCE, `${MATRIX_API_SCOPE} ${deviceScope}`);
    const missingOidc = details.prompt.details.missingOIDCScope ?? [];
    if (missingOidc.length > 0) grant.addOIDCScope(missingOidc.join(' '));
    const grantId = await grant.save();
    grants.set(grantId, { localpart: accountId, deviceId });
    return grantId;
  }

  function sendLoginPage(res: ServerResponse, uid: string, problem: string | null): void {
    const alert = problem ? `<p role="alert">${problem}</p>` : '';
    sendPage(
      res,
      'Sign in to the test issuer',
      `${alert}<form method="post" action="/interaction/${uid}/login">
<p><label for="username">Username</label> <input id="username" name="username" autocomplete="username" required></p>
<p><label for="password">Password</label> <input id="password" name="password" type="password" autocomplete="current-password" required></p>
<p><button type="submit">Continue</button></p></form>`,
    );
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });

  return {
    issuerUrl,
    secret,
    deletedDevices,
    refreshCount: () => refreshes,
    attachHomeserver(baseUrl) {
      homeserver = baseUrl.replace(/\/+$/, '');
    },
    async createUser(localpart, password) {
      await mas('provision_user', { localpart, set_displayname: localpart });
      passwords.set(localpart, password);
    },
    setAccessTokenTtl(seconds) {
      accessTokenTtl = seconds;
    },
    async revokeRefreshTokensOf(localpart) {
      for (const [grantId, record] of grants) {
        if (record.localpart === localpart) await provider.RefreshToken.revokeByGrantId(grantId);
      }
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function sendPage(res: ServerResponse, title: string, body: string): void {
  res
    .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
    .end(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`,
    );
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}
