import { describe, expect, it } from 'vitest';
import { parseSfuConfig, type HomeserverConfig } from '../../../sfu/src/config.ts';
import { createMatrixAuthenticator, serverNameOf } from '../../../sfu/src/matrixAuth.ts';

const ALICE = '@alice:example.org';
const ROOM = '!call:example.org';

interface Seen {
  url: string;
  authorization: string | null;
}

/** A stand-in homeserver: routes by path, records what the SFU asked. */
function fakeHomeserver(routes: Record<string, () => Response | Promise<Response>>) {
  const seen: Seen[] = [];
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    seen.push({ url: url.href, authorization: new Headers(init?.headers).get('authorization') });
    const route = routes[url.pathname];
    return route ? route() : Response.json({ errcode: 'M_UNRECOGNIZED' }, { status: 404 });
  }) as typeof fetch;
  return { fetchImpl, seen };
}

const json =
  (body: unknown, status = 200) =>
  () =>
    Response.json(body, { status });
const USERINFO = '/_matrix/federation/v1/openid/userinfo';
const ADMIN_MEMBERS = `/_synapse/admin/v1/rooms/${encodeURIComponent(ROOM)}/members`;
const MEMBER_STATE = `/_matrix/client/v3/rooms/${encodeURIComponent(ROOM)}/state/m.room.member/${encodeURIComponent(ALICE)}`;

function authenticator(
  routes: Record<string, () => Response | Promise<Response>>,
  method: 'synapse-admin' | 'room-state' = 'synapse-admin',
  timeoutMs = 2000,
) {
  const config = parseSfuConfig({
    rtc: { announcedIp: '192.0.2.1' },
    homeservers: [
      { serverName: 'example.org', baseUrl: 'https://hs.example.org', membershipCheck: { method, accessToken: 'svc-token' } },
    ],
  });
  const homeserver = fakeHomeserver(routes);
  const { authenticate } = createMatrixAuthenticator({
    homeservers: config.homeservers,
    fetch: homeserver.fetchImpl,
    membershipToken: (hs: HomeserverConfig) => hs.membershipCheck.accessToken ?? '',
    timeoutMs,
  });
  return { authenticate, seen: homeserver.seen };
}

const token = (server = 'example.org') => ({
  access_token: 'oidc/+token',
  token_type: 'Bearer',
  matrix_server_name: server,
  expires_in: 3600,
});
const request = (overrides: Partial<{ userId: string; roomId: string; server: string }> = {}) => ({
  openIdToken: token(overrides.server),
  userId: overrides.userId ?? ALICE,
  roomId: overrides.roomId ?? ROOM,
});

describe('Matrix auth: OpenID token, then room membership', () => {
  it('lets a joined member in, asking the homeserver with the token and the admin credential', async () => {
    const { authenticate, seen } = authenticator({
      [USERINFO]: json({ sub: ALICE }),
      [ADMIN_MEMBERS]: json({ members: ['@bob:example.org', ALICE], total: 2 }),
    });
    await expect(authenticate(request())).resolves.toEqual({ userId: ALICE, serverName: 'example.org' });
    expect(seen[0]).toEqual({ url: `https://hs.example.org${USERINFO}?access_token=oidc%2F%2Btoken`, authorization: null });
    expect(seen[1]).toEqual({ url: `https://hs.example.org${ADMIN_MEMBERS}`, authorization: 'Bearer svc-token' });
  });

  it('refuses users of a homeserver not configured, without asking anyone', async () => {
    const { authenticate, seen } = authenticator({});
    await expect(authenticate(request({ userId: '@mallory:evil.example', server: 'evil.example' }))).rejects.toMatchObject({
      code: 'auth-homeserver-not-allowed',
    });
    expect(seen).toEqual([]);
  });

  it('refuses a token issued by another server than the user’s', async () => {
    const { authenticate, seen } = authenticator({});
    await expect(authenticate(request({ server: 'evil.example' }))).rejects.toMatchObject({ code: 'auth-user-mismatch' });
    expect(seen).toEqual([]);
  });

  it('refuses an unknown or expired token', async () => {
    const { authenticate } = authenticator({
      [USERINFO]: json({ errcode: 'M_UNKNOWN_TOKEN', error: 'Access Token unknown or expired' }, 401),
    });
    await expect(authenticate(request())).rejects.toMatchObject({ code: 'auth-invalid-token' });
  });

  it('refuses a valid token that belongs to someone else', async () => {
    const { authenticate, seen } = authenticator({ [USERINFO]: json({ sub: '@bob:example.org' }) });
    await expect(authenticate(request())).rejects.toMatchObject({
      code: 'auth-user-mismatch',
      message: expect.stringContaining('@bob:example.org') as string,
    });
    expect(seen).toHaveLength(1);
  });

  it('refuses a user who is not joined, and a room the homeserver does not know', async () => {
    const notJoined = authenticator({
      [USERINFO]: json({ sub: ALICE }),
      [ADMIN_MEMBERS]: json({ members: ['@bob:example.org'], total: 1 }),
    });
    await expect(notJoined.authenticate(request())).rejects.toMatchObject({ code: 'auth-not-member' });
    const unknownRoom = authenticator({
      [USERINFO]: json({ sub: ALICE }),
      [ADMIN_MEMBERS]: json({ errcode: 'M_NOT_FOUND' }, 404),
    });
    await expect(unknownRoom.authenticate(request())).rejects.toMatchObject({ code: 'auth-not-member' });
  });

  it('reports a refused membership credential as a server problem, not the user’s', async () => {
    const { authenticate } = authenticator({
      [USERINFO]: json({ sub: ALICE }),
      [ADMIN_MEMBERS]: json({ errcode: 'M_FORBIDDEN' }, 403),
    });
    await expect(authenticate(request())).rejects.toMatchObject({
      code: 'internal',
      message: expect.stringContaining('HTTP 403') as string,
    });
  });

  it('says the homeserver is unreachable when it fails, errors or is too slow', async () => {
    const down = authenticator({
      [USERINFO]: () => {
        throw new TypeError('fetch failed');
      },
    });
    await expect(down.authenticate(request())).rejects.toMatchObject({ code: 'auth-homeserver-unreachable' });
    const broken = authenticator({ [USERINFO]: json({ error: 'oops' }, 502) });
    await expect(broken.authenticate(request())).rejects.toMatchObject({ code: 'auth-homeserver-unreachable' });
    const garbled = authenticator({ [USERINFO]: () => new Response('<html>', { status: 200 }) });
    await expect(garbled.authenticate(request())).rejects.toMatchObject({ code: 'auth-homeserver-unreachable' });
  });

  it('gives up on a homeserver that never answers, after the configured timeout', async () => {
    const config = parseSfuConfig({
      rtc: { announcedIp: '192.0.2.1' },
      homeservers: [{ serverName: 'example.org', baseUrl: 'https://hs.example.org', membershipCheck: { accessToken: 't' } }],
    });
    const hanging = ((_input: unknown, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('timed out', 'TimeoutError')));
      })) as typeof fetch;
    const { authenticate } = createMatrixAuthenticator({
      homeservers: config.homeservers,
      fetch: hanging,
      membershipToken: () => 't',
      timeoutMs: 50,
    });
    await expect(authenticate(request())).rejects.toMatchObject({ code: 'auth-homeserver-unreachable' });
  });

  describe('with a service account reading room state (room-state)', () => {
    it('admits membership "join" only', async () => {
      const joined = authenticator(
        { [USERINFO]: json({ sub: ALICE }), [MEMBER_STATE]: json({ membership: 'join' }) },
        'room-state',
      );
      await expect(joined.authenticate(request())).resolves.toMatchObject({ userId: ALICE });
      expect(joined.seen[1]?.authorization).toBe('Bearer svc-token');
      for (const membership of ['invite', 'leave', 'ban', 'knock']) {
        const other = authenticator({ [USERINFO]: json({ sub: ALICE }), [MEMBER_STATE]: json({ membership }) }, 'room-state');
        await expect(other.authenticate(request())).rejects.toMatchObject({ code: 'auth-not-member' });
      }
    });

    it('refuses when the user never was in the room, or when the service account is not in it', async () => {
      const never = authenticator(
        { [USERINFO]: json({ sub: ALICE }), [MEMBER_STATE]: json({ errcode: 'M_NOT_FOUND' }, 404) },
        'room-state',
      );
      await expect(never.authenticate(request())).rejects.toMatchObject({ code: 'auth-not-member' });
      const blind = authenticator(
        { [USERINFO]: json({ sub: ALICE }), [MEMBER_STATE]: json({ errcode: 'M_FORBIDDEN' }, 403) },
        'room-state',
      );
      await expect(blind.authenticate(request())).rejects.toMatchObject({
        code: 'auth-not-member',
        message: expect.stringContaining('service account') as string,
      });
    });
  });

  it('reads the server name of a user id, port included', () => {
    expect(serverNameOf('@alice:example.org')).toBe('example.org');
    expect(serverNameOf('@alice:localhost:8448')).toBe('localhost:8448');
  });
});
