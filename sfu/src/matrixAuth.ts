// Who may join a call: a user of an allowed homeserver, proven by a Matrix OpenID token, who is
// *joined* to the call's room. The OpenID check is the one Element Call's token service does
// (lk-jwt-service); it stops there, so anyone with an account could join any call whose room id
// they know. We also ask the user's own homeserver about room membership: it is authoritative for
// its users' membership, and it is necessarily in the room if the user is. With method `appservice`
// the answer comes from the membership view the homeserver keeps up to date by pushing events
// (membership/service.ts); the legacy methods ask at join time only.
import { z } from 'zod';
import { CallError, type OpenIdToken } from '../../src/shared/call/index.ts';
import type { HomeserverConfig } from './config.ts';
import type { MembershipService } from './membership/service.ts';
import type { OpenIdCache } from './openIdCache.ts';

export interface AuthRequest {
  openIdToken: OpenIdToken;
  userId: string;
  roomId: string;
}

export interface AuthenticatedUser {
  userId: string;
  serverName: string;
  /** The display name in the room state, when known (never the one the client sent). */
  displayName?: string;
}

export interface MatrixAuthDeps {
  homeservers: readonly HomeserverConfig[];
  /** Injected so unit tests can stand in for a homeserver. */
  fetch: typeof fetch;
  /** The membership-check credential of a homeserver (read from config or its file). */
  membershipToken: (homeserver: HomeserverConfig) => string;
  timeoutMs: number;
  /** Membership pushed by the homeservers that use method `appservice`. */
  membership?: MembershipService;
  openIdCache?: OpenIdCache;
}

export interface Authenticator {
  /** OpenID, then membership (waiting briefly for proof with `appservice`). Throws CallError. */
  authenticate: (request: AuthRequest) => Promise<AuthenticatedUser>;
  /** Still joined as far as the SFU can tell now (always true for the join-time-only methods). */
  stillJoined: (userId: string, roomId: string) => boolean;
}

export type Authenticate = Authenticator['authenticate'];

const userInfoSchema = z.object({ sub: z.string() });
const adminMembersSchema = z.object({ members: z.array(z.string()) });
const memberEventSchema = z.object({ membership: z.string() });

/** The server name of a Matrix user id: everything after the first colon (it may carry a port). */
export function serverNameOf(userId: string): string {
  return userId.slice(userId.indexOf(':') + 1);
}

export function createMatrixAuthenticator(deps: MatrixAuthDeps): Authenticator {
  const byName = new Map(deps.homeservers.map((homeserver) => [homeserver.serverName, homeserver]));

  async function get(
    url: string,
    what: string,
    serverName: string,
    accessToken?: string,
  ): Promise<{ status: number; body: unknown }> {
    let response: Response;
    try {
      response = await deps.fetch(url, {
        headers: accessToken ? { authorization: `Bearer ${accessToken}` } : {},
        signal: AbortSignal.timeout(deps.timeoutMs),
        redirect: 'error',
      });
    } catch (error) {
      throw new CallError(
        'auth-homeserver-unreachable',
        `${serverName} did not answer ${what}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (response.status >= 500)
      throw new CallError('auth-homeserver-unreachable', `${serverName} failed ${what} (HTTP ${response.status})`);
    const body: unknown = await response.json().catch(() => null);
    return { status: response.status, body };
  }

  async function verifyToken(homeserver: HomeserverConfig, token: OpenIdToken): Promise<string> {
    const url = `${homeserver.baseUrl}/_matrix/federation/v1/openid/userinfo?access_token=${encodeURIComponent(token.access_token)}`;
    const { status, body } = await get(url, 'the OpenID check', homeserver.serverName);
    // 401 M_UNKNOWN_TOKEN is what Synapse says for unknown and expired tokens alike.
    if (status !== 200)
      throw new CallError(
        'auth-invalid-token',
        `${homeserver.serverName} does not recognise this OpenID token (expired or invalid)`,
      );
    const info = userInfoSchema.safeParse(body);
    if (!info.success)
      throw new CallError(
        'auth-homeserver-unreachable',
        `${homeserver.serverName} answered the OpenID check with malformed data`,
      );
    return info.data.sub;
  }

  async function isJoined(homeserver: HomeserverConfig, roomId: string, userId: string): Promise<boolean> {
    const base = homeserver.clientApiUrl ?? homeserver.baseUrl;
    const token = deps.membershipToken(homeserver);
    const room = encodeURIComponent(roomId);
    if (homeserver.membershipCheck.method === 'synapse-admin') {
      // Lists the room's *joined* members as the homeserver sees them; 404 when it is not in the room.
      const { status, body } = await get(
        `${base}/_synapse/admin/v1/rooms/${room}/members`,
        'the membership check',
        homeserver.serverName,
        token,
      );
      if (status === 404 || status === 400) return false;
      if (status !== 200) throw misconfigured(homeserver, status);
      const parsed = adminMembersSchema.safeParse(body);
      if (!parsed.success)
        throw new CallError('internal', `${homeserver.serverName} answered the membership check with malformed data`);
      return parsed.data.members.includes(userId);
    }
    // room-state: the service account reads the user's m.room.member event. It only may while it is
    // in the room itself (403 otherwise): membership then cannot be confirmed, so the join is refused.
    const { status, body } = await get(
      `${base}/_matrix/client/v3/rooms/${room}/state/m.room.member/${encodeURIComponent(userId)}`,
      'the membership check',
      homeserver.serverName,
      token,
    );
    if (status === 404) return false;
    if (status === 403) {
      throw new CallError(
        'auth-not-member',
        `Membership in ${roomId} cannot be confirmed: the SFU's service account is not in that room`,
      );
    }
    if (status !== 200) throw misconfigured(homeserver, status);
    const event = memberEventSchema.safeParse(body);
    return event.success && event.data.membership === 'join';
  }

  function usesAppService(serverName: string): boolean {
    return byName.get(serverName)?.membershipCheck.method === 'appservice';
  }

  async function authenticate({ openIdToken, userId, roomId }: AuthRequest): Promise<AuthenticatedUser> {
    const serverName = serverNameOf(userId);
    const homeserver = byName.get(serverName);
    if (!homeserver) throw new CallError('auth-homeserver-not-allowed', `This SFU does not serve users of ${serverName}`);
    if (openIdToken.matrix_server_name !== serverName) {
      throw new CallError(
        'auth-user-mismatch',
        `The OpenID token comes from ${openIdToken.matrix_server_name}, not from ${serverName}`,
      );
    }
    const verify = () => verifyToken(homeserver, openIdToken);
    const sub = await (deps.openIdCache ? deps.openIdCache.resolve(serverName, openIdToken.access_token, verify) : verify());
    if (sub !== userId) throw new CallError('auth-user-mismatch', `The OpenID token belongs to ${sub}, not to ${userId}`);
    if (homeserver.membershipCheck.method === 'appservice') {
      if (!deps.membership) throw new CallError('internal', 'The appservice membership view is not running');
      return { userId, serverName, ...(await deps.membership.admit(roomId, userId)) };
    }
    if (!(await isJoined(homeserver, roomId, userId)))
      throw new CallError('auth-not-member', `${userId} is not a joined member of ${roomId}`);
    return { userId, serverName };
  }

  return {
    authenticate,
    stillJoined(userId, roomId) {
      const serverName = serverNameOf(userId);
      if (!usesAppService(serverName)) return true;
      return deps.membership?.isJoined(roomId, userId) ?? false;
    },
  };
}

function misconfigured(homeserver: HomeserverConfig, status: number): CallError {
  // The user cannot fix this: the SFU's credential for that homeserver is wrong or lacks rights.
  return new CallError('internal', `The SFU's membership credential for ${homeserver.serverName} was refused (HTTP ${status})`);
}
