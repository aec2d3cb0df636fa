// The SFU under abuse, with its default limits, against the real Synapse and the real worker, on
// loopback, with bounded loops: parallel transports and producers, invented devices, join floods,
// frame floods, oversized messages, socket floods and the port budget. Throughout, another room's
// call keeps working. Per-address limits are exercised with distinct client addresses reported by a
// trusted proxy (X-Forwarded-For from 127.0.0.1), as behind a real reverse proxy.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareSfuAppService, type SfuAppService } from '../../env/appservice.ts';
import { ENV_CACHE_ROOT } from '../../env/chroot.ts';
import { startSfu, type SfuHandle, type StartSfuOptions } from '../../env/sfu.ts';
import { startSynapse, type RegisteredUser, type SynapseHandle } from '../../env/synapse.ts';
import { connectCallClient, type TestCallClient } from './callClient.ts';
import { createRoom, freeSynapsePort, invite, join, openIdToken } from '../support/matrixFixtures.ts';

const provisioned = existsSync(path.join(ENV_CACHE_ROOT, 'current', '.relais-ready'));
type Name = 'owner' | 'mallory' | 'carol' | 'dave' | 'bob';

describe.skipIf(!provisioned)('SFU limits under abuse (default limits, real Synapse and worker)', () => {
  let synapse: SynapseHandle;
  let sfu: SfuHandle;
  let budgetSfu: SfuHandle;
  const users = {} as Record<Name, RegisteredUser>;
  let abuseRoom: string;
  let otherRoom: string;
  const clients: TestCallClient[] = [];
  let openIdRequests = 0;
  let nextAddress = 1;
  /** A fresh client address (documentation range), as a trusted proxy would report it. */
  const address = () => `198.51.100.${nextAddress++ % 250}`;

  const countingFetch: typeof fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.includes('/openid/userinfo')) openIdRequests++;
    return fetch(input, init);
  };

  function sfuOptions(appService: SfuAppService, synapsePort: number, extra: Partial<StartSfuOptions> = {}): StartSfuOptions {
    return {
      mode: 'in-process',
      port: appService.port,
      defaultLimits: true,
      fetch: countingFetch,
      homeservers: [{ serverName: 'localhost', baseUrl: `http://127.0.0.1:${synapsePort}`, hsToken: appService.hsToken }],
      extraConfig: { limits: { trustedProxies: ['127.0.0.1'] }, appservice: { membershipProofWaitMs: 1000 } },
      ...extra,
    };
  }

  beforeAll(async () => {
    const main = await prepareSfuAppService({ id: 'sfu-abuse' });
    const small = await prepareSfuAppService({ id: 'sfu-budget' });
    const synapsePort = await freeSynapsePort();
    sfu = await startSfu(sfuOptions(main, synapsePort));
    // 24 media ports: one user's cap (4 devices x 4 transports = 16) leaves room for the others.
    budgetSfu = await startSfu(sfuOptions(small, synapsePort, { rtcMinPort: 47_160, rtcMaxPort: 47_183 }));
    synapse = await startSynapse({ port: synapsePort, appServices: [main.registration, small.registration] });
    for (const name of ['owner', 'mallory', 'carol', 'dave', 'bob'] as const)
      users[name] = await synapse.registerUser(name, `${name}-abuse-password`);
    abuseRoom = await createRoom(synapse, users.owner, 'Abused call');
    otherRoom = await createRoom(synapse, users.owner, 'Unrelated call');
    for (const name of ['mallory', 'bob'] as const) {
      await invite(synapse, users.owner, abuseRoom, users[name].userId);
      await join(synapse, users[name], abuseRoom);
    }
    for (const name of ['carol', 'dave'] as const) {
      await invite(synapse, users.owner, otherRoom, users[name].userId);
      await join(synapse, users[name], otherRoom);
    }
    for (let i = 0; i < 100 && !sfu.server?.membership?.isJoined(otherRoom, users.dave.userId); i++)
      await new Promise((resolve) => setTimeout(resolve, 100));
  }, 120_000);

  afterAll(async () => {
    for (const client of clients) client.close();
    await (sfu as SfuHandle | undefined)?.stop();
    await (budgetSfu as SfuHandle | undefined)?.stop();
    await (synapse as SynapseHandle | undefined)?.stop();
  }, 60_000);

  async function connect(target = sfu, forwardedFor = address()) {
    const c = await connectCallClient(target.wsUrl, { forwardedFor });
    clients.push(c);
    return c;
  }

  async function joinAs(user: RegisteredUser, room: string, options: { target?: SfuHandle; deviceId?: string } = {}) {
    const c = await connect(options.target);
    const { rtpCapabilities } = await c.request('getRouterRtpCapabilities', {});
    const joined = await c.request('join', {
      openIdToken: await openIdToken(synapse, user),
      userId: user.userId,
      deviceId: options.deviceId ?? 'DEVICE',
      roomId: room,
      rtpCapabilities,
    });
    return { c, joined, rtpCapabilities };
  }

  const opus = (ssrc: number) => ({
    codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2 }],
    encodings: [{ ssrc }],
  });

  /** The unrelated room's call: carol sends a new stream, dave receives it. */
  let other: { carol: TestCallClient; dave: TestCallClient; send: string; recv: string } | null = null;
  let ssrc = 5000;
  async function expectOtherCallWorks(): Promise<number> {
    const started = performance.now();
    if (!other) {
      const carol = await joinAs(users.carol, otherRoom);
      const dave = await joinAs(users.dave, otherRoom);
      const send = await carol.c.request('createWebRtcTransport', { direction: 'send' });
      const recv = await dave.c.request('createWebRtcTransport', { direction: 'recv' });
      other = { carol: carol.c, dave: dave.c, send: send.transportId, recv: recv.transportId };
    }
    const { producerId } = await other.carol.request('produce', {
      transportId: other.send,
      kind: 'audio',
      rtpParameters: opus(ssrc++),
      source: 'microphone',
    });
    const consumer = await other.dave.request('consume', { transportId: other.recv, producerId });
    await other.dave.request('resumeConsumer', { consumerId: consumer.consumerId });
    await other.carol.request('closeProducer', { producerId });
    expect((await sfu.health()).status).toBe('ok');
    return Math.round(performance.now() - started);
  }

  const settle = async <T>(promises: Promise<T>[]) => {
    const results = await Promise.allSettled(promises);
    const codes = results.map((r) => (r.status === 'fulfilled' ? 'ok' : ((r.reason as { code?: string }).code ?? 'error')));
    const count: Record<string, number> = {};
    for (const code of codes) count[code] = (count[code] ?? 0) + 1;
    return count;
  };

  it('40 parallel createWebRtcTransport and 30 parallel produce from one peer: only the caps pass', async () => {
    await expectOtherCallWorks();
    const mallory = await joinAs(users.mallory, abuseRoom);
    const transports = await settle(
      Array.from({ length: 40 }, () => mallory.c.request('createWebRtcTransport', { direction: 'send' })),
    );
    console.log(`40 parallel createWebRtcTransport: ${JSON.stringify(transports)}`);
    expect(transports).toEqual({ ok: 4, 'limit-exceeded': 36 });
    const send = sfu.server!.calls.find(abuseRoom)!.peers.get(mallory.joined.peerId)!.transports.keys().next().value!;
    const produced = await settle(
      Array.from({ length: 30 }, (_, i) =>
        mallory.c.request('produce', { transportId: send, kind: 'audio', rtpParameters: opus(9000 + i), source: 'microphone' }),
      ),
    );
    console.log(`30 parallel produce: ${JSON.stringify(produced)}`);
    expect(produced).toEqual({ ok: 8, 'limit-exceeded': 22 });
    console.log(`other room's call: new stream produced and consumed in ${await expectOtherCallWorks()} ms`);
    mallory.c.close();
  });

  it('one OpenID token with 100 invented device ids: 4 devices at most, and the next real member gets in', async () => {
    const token = await openIdToken(synapse, users.mallory);
    const before = openIdRequests;
    const attempts = Array.from({ length: 100 }, async (_, i) => {
      const c = await connect();
      const { rtpCapabilities } = await c.request('getRouterRtpCapabilities', {});
      return c.request('join', {
        openIdToken: token,
        userId: users.mallory.userId,
        deviceId: `FAKE${i}`,
        roomId: abuseRoom,
        rtpCapabilities,
      });
    });
    const outcome = await settle(attempts);
    console.log(
      `100 joins, one token, invented devices: ${JSON.stringify(outcome)}; OpenID requests: ${openIdRequests - before}`,
    );
    expect(outcome.ok).toBe(4);
    expect((outcome['limit-exceeded'] ?? 0) + (outcome['rate-limited'] ?? 0)).toBe(96);
    expect(openIdRequests - before).toBeLessThanOrEqual(1);
    const bob = await joinAs(users.bob, abuseRoom);
    expect(bob.joined.peers.filter((peer) => peer.userId === users.mallory.userId)).toHaveLength(4);
    bob.c.close();
    for (const c of clients.splice(0)) if (c !== other?.carol && c !== other?.dave) c.close();
    await expectOtherCallWorks();
  });

  it('forged-join floods: backoff per address, and at most one homeserver request per forged token', async () => {
    const { rtpCapabilities } = await (await connect()).request('getRouterRtpCapabilities', {});
    const forged = (tokenText: string) => ({
      openIdToken: { access_token: tokenText, token_type: 'Bearer', matrix_server_name: 'localhost', expires_in: 3600 },
      userId: users.bob.userId,
      deviceId: 'X',
      roomId: abuseRoom,
      rtpCapabilities,
    });
    // 1) One address, 8 sockets, a new forged token each time, as fast as answers come, for 3 s.
    const flooder = address();
    const sockets = await Promise.all(Array.from({ length: 8 }, () => connect(sfu, flooder)));
    const before = openIdRequests;
    const codes: Record<string, number> = {};
    const until = Date.now() + 3000;
    await Promise.all(
      sockets.map(async (c, s) => {
        for (let i = 0; Date.now() < until && i < 10_000; i++) {
          const code = await c.request('join', forged(`forged-${s}-${i}`)).then(
            () => 'ok',
            (error: unknown) => (error as { code?: string }).code ?? 'error',
          );
          codes[code] = (codes[code] ?? 0) + 1;
          if (code === 'connection-closed') break;
        }
      }),
    );
    const fromOneAddress = openIdRequests - before;
    const attempts = Object.values(codes).reduce((a, b) => a + b, 0);
    console.log(
      `join flood, 1 address, 8 sockets, 3 s: ${attempts} attempts ${JSON.stringify(codes)}, OpenID requests ${fromOneAddress}`,
    );
    expect(codes.ok).toBeUndefined();
    expect(fromOneAddress).toBeLessThanOrEqual(12);
    // 2) The same forged token from 60 addresses: the homeserver is asked once. (First the global
    // join bucket refills: the floods above spent it, which is what it is for.)
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const sameBefore = openIdRequests;
    const many = await settle(
      Array.from({ length: 60 }, async () => (await connect()).request('join', forged('one-forged-token'))),
    );
    console.log(`one forged token from 60 addresses: ${JSON.stringify(many)}, OpenID requests ${openIdRequests - sameBefore}`);
    expect(many).toEqual({ 'auth-invalid-token': 60 });
    expect(openIdRequests - sameBefore).toBe(1);
    for (const c of clients.splice(0)) if (c !== other?.carol && c !== other?.dave) c.close();
    console.log(`other room's call after the floods: ${await expectOtherCallWorks()} ms`);
  });

  it('a frame flood closes that socket (4008), an oversized message closes with 1009, other calls unaffected', async () => {
    const c = await connect();
    let sent = 0;
    const state = { open: true };
    const closedAt = c.closed.then((closed) => {
      state.open = false;
      return closed;
    });
    for (; sent < 20_000 && state.open; sent++) {
      c.sendRaw(JSON.stringify({ id: sent, method: 'nonsense', data: {} }));
      if (sent % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    const closed = await closedAt;
    console.log(`frame flood: ${sent} frames sent, ${c.received()} answered, then closed ${closed.code} (${closed.reason})`);
    expect(c.received()).toBeLessThanOrEqual(230); // the burst (200) and what refills meanwhile (50/s)
    expect(closed.code).toBe(4008);

    const big = await connect();
    big.sendRaw(JSON.stringify({ id: 1, method: 'getRouterRtpCapabilities', data: { pad: 'x'.repeat(100 * 1024) } }));
    expect((await big.closed).code).toBe(1009);
    await expectOtherCallWorks();
  });

  it('unauthenticated sockets are capped per address and closed if they do not join', async () => {
    const flooder = address();
    const sockets = await Promise.all(Array.from({ length: 20 }, () => connect(sfu, flooder)));
    const closed = await Promise.all(
      sockets.map((c) => Promise.race([c.closed, new Promise<null>((resolve) => setTimeout(() => resolve(null), 500))])),
    );
    const refused = closed.filter((value) => value?.code === 4029).length;
    console.log(`20 idle sockets from one address: ${20 - refused} held, ${refused} refused (4029)`);
    expect(refused).toBe(4);
    for (const c of sockets) c.close();
    await expectOtherCallWorks();
  });

  it('the port budget: one user cannot take every media port; past the budget a typed server-busy', async () => {
    const taken: string[] = [];
    const outcome: Record<string, number> = {};
    for (let device = 0; device < 5; device++) {
      const joined = await joinAs(users.mallory, abuseRoom, { target: budgetSfu, deviceId: `M${device}` }).catch(
        (error: unknown) => error as { code: string },
      );
      if ('code' in joined) {
        outcome[joined.code] = (outcome[joined.code] ?? 0) + 1;
        continue;
      }
      const results = await settle(
        Array.from({ length: 6 }, () => joined.c.request('createWebRtcTransport', { direction: 'recv' })),
      );
      for (const [code, n] of Object.entries(results)) outcome[code] = (outcome[code] ?? 0) + n;
      taken.push(joined.joined.peerId);
    }
    console.log(`one user on a 24-port SFU: ${JSON.stringify(outcome)}`);
    expect(outcome.ok).toBe(16);
    expect(outcome['limit-exceeded']).toBe(9); // 2 extra per device, and the fifth device
    const carol = await joinAs(users.carol, otherRoom, { target: budgetSfu });
    const dave = await joinAs(users.dave, otherRoom, { target: budgetSfu });
    const others = await settle(
      [carol, dave].flatMap(({ c }) => [
        c.request('createWebRtcTransport', { direction: 'send' }),
        c.request('createWebRtcTransport', { direction: 'recv' }),
      ]),
    );
    expect(others).toEqual({ ok: 4 });
    const bob = await joinAs(users.bob, abuseRoom, { target: budgetSfu });
    const bobs = await settle(Array.from({ length: 4 }, () => bob.c.request('createWebRtcTransport', { direction: 'recv' })));
    expect(bobs).toEqual({ ok: 4 });
    // Every port is in use now: the next one is refused with a typed, retryable error.
    const owner = await joinAs(users.owner, abuseRoom, { target: budgetSfu });
    const busy = await owner.c.request('createWebRtcTransport', { direction: 'recv' }).catch((error: unknown) => error);
    console.log(
      `the others then: carol+dave ${JSON.stringify(others)}, bob ${JSON.stringify(bobs)}, next: ${JSON.stringify(busy)}; health ${JSON.stringify((await budgetSfu.health()).limits)}`,
    );
    expect(busy).toMatchObject({ code: 'server-busy', retryAfterMs: 5000 });
  });
});
