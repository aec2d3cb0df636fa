import { describe, expect, it } from 'vitest';
import {
  appserviceHsToken,
  ConfigError,
  loadSfuConfig,
  membershipToken,
  parseSfuConfig,
  transportBudget,
} from '../../../sfu/src/config.ts';
import { iceServersFor } from '../../../sfu/src/iceServers.ts';
import { createHmac } from 'node:crypto';

const homeserver = {
  serverName: 'example.org',
  baseUrl: 'https://matrix.example.org/',
  membershipCheck: { accessToken: 'syt_admin' },
};
const minimal = { rtc: { announcedIp: '203.0.113.7' }, homeservers: [homeserver] };

describe('SFU config', () => {
  it('fills defaults: port, rtc range, one worker per core, synapse-admin membership check', () => {
    const config = parseSfuConfig(minimal);
    expect(config.listen).toEqual({ host: '0.0.0.0', port: 4443 });
    expect(config.rtc).toMatchObject({ listenIp: '0.0.0.0', announcedIp: '203.0.113.7', minPort: 40000, maxPort: 49999 });
    expect(config.workers.count).toBeGreaterThanOrEqual(1);
    // A call fills a router with 20 peers before it spreads to another worker.
    expect(config.workers.peersPerRouter).toBe(20);
    // One node, no Redis: multi-node is off unless configured.
    expect(config.cluster).toBeUndefined();
    expect(parseSfuConfig({ ...minimal, cluster: { redis: 'redis://10.0.0.2:6379' } }).cluster).toEqual({
      redis: 'redis://10.0.0.2:6379',
      pipeListenIp: '127.0.0.1',
      heartbeatMs: 1000,
      nodeTtlMs: 3000,
    });
    expect(config.homeservers[0]).toMatchObject({
      baseUrl: 'https://matrix.example.org',
      membershipCheck: { method: 'synapse-admin' },
    });
    expect(config.iceServers).toEqual([]);
  });

  it.each([
    ['no homeserver', { rtc: minimal.rtc, homeservers: [] }, 'homeservers'],
    ['a wildcard listen address without an announced one', { homeservers: [homeserver] }, 'announcedIp is required'],
    [
      'an inverted port range',
      { ...minimal, rtc: { ...minimal.rtc, minPort: 50000, maxPort: 40000 } },
      'minPort must not exceed',
    ],
    ['an unknown key (a typo)', { ...minimal, listn: {} }, 'listn'],
    [
      'a homeserver URL that is not http(s)',
      { ...minimal, homeservers: [{ ...homeserver, baseUrl: 'ftp://x' }] },
      'homeservers.0.baseUrl',
    ],
    [
      'both a token and a token file',
      { ...minimal, homeservers: [{ ...homeserver, membershipCheck: { accessToken: 'a', accessTokenFile: '/x' } }] },
      'exactly one of accessToken or accessTokenFile',
    ],
    ['no membership token', { ...minimal, homeservers: [{ ...homeserver, membershipCheck: {} }] }, 'exactly one'],
    ['zero workers', { ...minimal, workers: { count: 0 } }, 'workers.count'],
    ['zero peers per router', { ...minimal, workers: { peersPerRouter: 0 } }, 'workers.peersPerRouter'],
    ['a cluster without a redis:// URL', { ...minimal, cluster: { redis: 'http://redis' } }, 'cluster.redis'],
    [
      'a node TTL shorter than its heartbeat',
      { ...minimal, cluster: { redis: 'redis://r', heartbeatMs: 2000, nodeTtlMs: 1000 } },
      'nodeTtlMs',
    ],
  ])('refuses %s, saying where', (_what, input, expected) => {
    expect(() => parseSfuConfig(input)).toThrow(ConfigError);
    expect(() => parseSfuConfig(input)).toThrow(expected);
  });

  it('reads the file named by RELAIS_SFU_CONFIG, with environment overrides', () => {
    const files: Record<string, string> = { '/etc/relais/sfu.json': JSON.stringify(minimal) };
    const config = loadSfuConfig({
      env: {
        RELAIS_SFU_CONFIG: '/etc/relais/sfu.json',
        RELAIS_SFU_LISTEN_PORT: '9443',
        RELAIS_SFU_ANNOUNCED_IP: '198.51.100.2',
        RELAIS_SFU_WORKERS: '3',
        MEDIASOUP_WORKER_BIN: '/opt/worker',
      },
      readFile: (path) => files[path] ?? '',
    });
    expect(config.listen.port).toBe(9443);
    expect(config.rtc.announcedIp).toBe('198.51.100.2');
    expect(config.workers).toMatchObject({ count: 3, binary: '/opt/worker' });
  });

  it('explains an unreadable file, invalid JSON and a bad number in the environment', () => {
    const missing = () => {
      throw new Error('ENOENT');
    };
    expect(() => loadSfuConfig({ file: '/nope.json', env: {}, readFile: missing })).toThrow(
      'Cannot read the SFU configuration /nope.json: ENOENT',
    );
    expect(() => loadSfuConfig({ file: '/bad.json', env: {}, readFile: () => '{' })).toThrow(ConfigError);
    expect(() => loadSfuConfig({ file: '/a.json', env: {}, readFile: () => '[1]' })).toThrow('must hold a JSON object');
    expect(() =>
      loadSfuConfig({ file: '/a.json', env: { RELAIS_SFU_LISTEN_PORT: 'http' }, readFile: () => JSON.stringify(minimal) }),
    ).toThrow('RELAIS_SFU_LISTEN_PORT must be an integer');
  });

  it('accepts the example shipped in sfu/config.example.json', () => {
    const config = loadSfuConfig({ file: 'sfu/config.example.json', env: {} });
    expect(config.homeservers[0]?.membershipCheck).toEqual({ method: 'appservice', hsTokenFile: '/etc/relais/sfu-hs-token' });
    expect(config.appservice.listen).toEqual({ host: '10.0.0.5', port: 4444 });
  });

  it('method appservice: exactly one hs_token source and no access token; hs_token read from its file', () => {
    const withCheck = (membershipCheck: Record<string, unknown>) => ({
      ...minimal,
      homeservers: [{ ...homeserver, membershipCheck }],
    });
    expect(() => parseSfuConfig(withCheck({ method: 'appservice' }))).toThrow('exactly one of hsToken or hsTokenFile');
    expect(() => parseSfuConfig(withCheck({ method: 'appservice', hsToken: 'h'.repeat(32), accessToken: 'x' }))).toThrow(
      'needs no access token',
    );
    const config = parseSfuConfig(withCheck({ method: 'appservice', hsTokenFile: '/run/secrets/hs' }));
    expect(appserviceHsToken(config.homeservers[0]!, () => 'hs-token-from-file\n')).toBe('hs-token-from-file');
  });

  it('limits: documented defaults, and a transport budget no larger than the RTC port range', () => {
    const config = parseSfuConfig({ ...minimal, rtc: { ...minimal.rtc, minPort: 40000, maxPort: 40099 } });
    expect(config.limits).toMatchObject({
      maxPeersPerUser: 4,
      maxTransportsPerPeer: 4,
      maxProducersPerPeer: 8,
      joinTimeoutMs: 10_000,
      maxMessageBytes: 65_536,
      maxUnauthenticatedSocketsPerAddress: 16,
    });
    expect(transportBudget(config)).toBe(100);
    expect(transportBudget(parseSfuConfig({ ...minimal, limits: { maxTransports: 10 } }))).toBe(10);
    expect(config.appservice).toMatchObject({ membershipProofWaitMs: 5000 });
  });

  it('subscription sizes: the defaults the app also falls back to; set by the operator; nonsense refused', () => {
    expect(parseSfuConfig(minimal).subscription).toEqual({ lastN: 4, audioAllUpTo: 20, loudestK: 6 });
    expect(parseSfuConfig({ ...minimal, subscription: { lastN: 9, loudestK: 3 } }).subscription).toEqual({
      lastN: 9,
      audioAllUpTo: 20,
      loudestK: 3,
    });
    expect(() => parseSfuConfig({ ...minimal, subscription: { loudestK: 0 } })).toThrow(/loudestK/);
    expect(() => parseSfuConfig({ ...minimal, subscription: { lastN: 2.5 } })).toThrow(/lastN/);
    expect(() => parseSfuConfig({ ...minimal, subscription: { lastSpeakers: 2 } })).toThrow(/lastSpeakers/);
  });

  it('reads the membership token from its file, trimmed', () => {
    const config = parseSfuConfig({
      ...minimal,
      homeservers: [{ ...homeserver, membershipCheck: { accessTokenFile: '/run/secrets/t' } }],
    });
    expect(membershipToken(config.homeservers[0]!, () => 'syt_secret\n')).toBe('syt_secret');
    expect(membershipToken(parseSfuConfig(minimal).homeservers[0]!)).toBe('syt_admin');
  });
});

describe('ICE servers handed to clients', () => {
  it('passes static servers as configured and derives per-user TURN credentials from a shared secret', () => {
    const config = parseSfuConfig({
      ...minimal,
      iceServers: [
        { urls: 'stun:turn.example.org:3478' },
        { urls: ['turn:turn.example.org:3478?transport=udp'], sharedSecret: 'a-long-shared-secret', credentialTtlSeconds: 600 },
      ],
    });
    const now = 1_700_000_000_000;
    const servers = iceServersFor(config.iceServers, '@alice:example.org', now);
    expect(servers[0]).toEqual({ urls: 'stun:turn.example.org:3478' });
    const username = `${now / 1000 + 600}:@alice:example.org`;
    expect(servers[1]).toEqual({
      urls: ['turn:turn.example.org:3478?transport=udp'],
      username,
      credential: createHmac('sha1', 'a-long-shared-secret').update(username).digest('base64'),
    });
    expect(JSON.stringify(servers)).not.toContain('a-long-shared-secret');
  });

  it('offers no plain RTP transports unless a load test asks for them', () => {
    expect(parseSfuConfig(minimal).loadTest).toEqual({ plainTransports: false });
    expect(parseSfuConfig({ ...minimal, loadTest: { plainTransports: true } }).loadTest.plainTransports).toBe(true);
    expect(() => parseSfuConfig({ ...minimal, loadTest: { plainTransport: true } })).toThrow(ConfigError);
  });
});
