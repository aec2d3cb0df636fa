// Sovereign by default: every request Relais makes while signing in, chatting, calling and joining a
// Teams meeting goes to the app's own origin, the configured homeserver, or the call server the
// configuration names. Nothing else (no CDN, font, telemetry, public STUN, Microsoft).
// - The web build (no machine policy): sign-in, chat, a Teams link and a call.
// - Under machine policy, through the desktop harness (the real main-process policy loader, IPC,
//   Teams join logic and egress filter): a Teams join in each mode is handed to main, never fetched
//   by the page; and a call whose SFU hands out ICE servers outside the allowlist gets none of them
//   (the renderer's ICE guard), yet media flows through the SFU.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { startSfu, type SfuHandle } from '../env/sfu.ts';
import {
  CALL_LAUNCH_OPTIONS,
  expectMediaFlowing,
  inboundTotals,
  matrixApi,
  type MatrixApi,
  RECORD_PEER_CONNECTIONS,
} from './callHelpers.ts';
import { createDesktopHarness, type DesktopHarness } from './desktopHarness.ts';
import { expect, test, type TestEnv } from './fixtures.ts';
import { submitSignIn } from './helpers.ts';
import { TEST_USERS } from './testUsers.ts';

test.use({ launchOptions: CALL_LAUNCH_OPTIONS });

const TENANT_GATEWAY = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const TENANT_BROWSER = 'c8a3e2b1-4d5f-4e6a-9b7c-0d1e2f3a4b5c';
const THREAD = '19:meeting_NjQ4ZTI1YzAtZDE2Ni00YjE4LWFjYWEtZmQ4YjYzYTI5ZjRj@thread.v2';
const GATEWAY_TEMPLATE = 'https://visio.example.gouv.fr/teams?thread={threadId}&tenant={tenantId}';
const MEET_LINK = 'https://teams.microsoft.com/meet/123456789012345?p=AbCdEf';

function teamsLink(tenant: string): string {
  const context = JSON.stringify({ Tid: tenant, Oid: '8d2e2a44-52f6-4e8c-a2c5-1c0b8e9c7f10' });
  return `https://teams.microsoft.com/l/meetup-join/${encodeURIComponent(THREAD)}/0?context=${encodeURIComponent(context)}`;
}

const NEEDS_SECRET_SERVICE = 'needs a Secret Service: run through `npm run test:e2e` (test/env/with-keyring.sh)';

/** Counts, by origin, every request and WebSocket that any page of the context opens (popups too). */
function recordEgress(context: BrowserContext, seen = new Map<string, number>()): Map<string, number> {
  const count = (raw: string): void => {
    const url = new URL(raw);
    if (url.protocol === 'data:' || url.protocol === 'blob:') return;
    seen.set(url.origin, (seen.get(url.origin) ?? 0) + 1);
  };
  context.on('request', (request) => count(request.url()));
  // WebSockets are not "requests" to Playwright: record their origins too.
  context.on('page', (page) => page.on('websocket', (socket) => count(socket.url())));
  return seen;
}

function outside(seen: ReadonlyMap<string, number>, allowed: readonly string[]): string[] {
  return [...seen.keys()].filter((origin) => !allowed.includes(origin));
}

test('sign-in, chat and a call make requests only to the app, the homeserver and its SFU', async ({ browser, env }) => {
  test.setTimeout(120_000);
  const sfuUrl = process.env.RELAIS_TEST_SFU_URL ?? '';
  const allowed = [new URL(env.webUrl).origin, new URL(env.homeserver).origin, new URL(sfuUrl).origin];
  const context = await browser.newContext({ locale: 'en-GB' });
  await context.addInitScript({ content: RECORD_PEER_CONNECTIONS });
  const seen = recordEgress(context);
  const page = await context.newPage();
  await page.goto(`${env.webUrl}?hs=${encodeURIComponent(env.homeserver)}`);
  await submitSignIn(page, TEST_USERS.heidi);
  await expect(page.getByRole('navigation', { name: 'Rooms' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'New room' }).click();
  await page.getByRole('dialog', { name: 'New room' }).getByRole('textbox', { name: 'Room name' }).fill('Egress check');
  await page.getByRole('dialog', { name: 'New room' }).getByRole('button', { name: 'Create' }).click();
  await page.getByRole('textbox', { name: 'Message' }).fill('Links are not previewed: https://example.org/article');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('log', { name: 'Egress check' }).getByText('Links are not previewed')).toBeVisible();
  // A Teams link is recognised offline (no policy here, so no way to join is offered): nothing is
  // fetched from Microsoft to show the card.
  await page.getByRole('textbox', { name: 'Message' }).fill(`Partner meeting: ${teamsLink(TENANT_GATEWAY)}`);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('group', { name: 'Legacy Teams meeting' })).toContainText('has not enabled');

  // A call: signaling goes to the SFU the homeserver's .well-known names; media to its address only.
  await page.getByRole('button', { name: 'Start call' }).click();
  await expect(page.getByRole('button', { name: 'Leave call' })).toBeVisible({ timeout: 30_000 });
  await expect.poll(async () => (await inboundTotals(page)).remoteAddresses.length, { timeout: 15_000 }).toBeGreaterThan(0);
  const mediaPeers = (await inboundTotals(page)).remoteAddresses;
  await page.getByRole('button', { name: 'Leave call' }).click();
  await page.waitForTimeout(1_000);
  await context.close();
  const sfuHost = new URL(sfuUrl).hostname;
  expect(mediaPeers.filter((address) => !address.startsWith(`${sfuHost}:`))).toEqual([]);
  expect(seen.get(new URL(sfuUrl).origin)).toBeGreaterThan(0);

  console.log(`web build, requests by origin: ${JSON.stringify(Object.fromEntries(seen))}`);
  expect(outside(seen, allowed)).toEqual([]);
  expect(seen.get(new URL(env.homeserver).origin)).toBeGreaterThan(5);
});

// --- Under machine policy (desktop harness) ---

interface DesktopSession {
  context: BrowserContext;
  page: Page;
  harness: DesktopHarness;
}

/**
 * A context running the renderer as the desktop app does, on a machine with this policy.json: its
 * requests pass main's egress filter (enforceEgress) and are recorded in `seen`.
 */
async function desktopSession(
  browser: Browser,
  env: TestEnv,
  folder: string,
  policy: unknown,
  seen: Map<string, number>,
  initScript?: string,
): Promise<DesktopSession> {
  const policyDir = path.join(folder, 'etc-relais');
  mkdirSync(policyDir, { recursive: true });
  writeFileSync(path.join(policyDir, 'policy.json'), JSON.stringify(policy));
  const harness = await createDesktopHarness({ appOrigin: env.webUrl, markerFile: path.join(folder, 'marker.json'), policyDir });
  const context = await browser.newContext({ locale: 'en-GB' });
  recordEgress(context, seen);
  if (initScript) await context.addInitScript({ content: initScript });
  await harness.attach(context, { enforceEgress: true });
  const page = await context.newPage();
  return { context, page, harness };
}

async function signIn(session: DesktopSession, env: TestEnv, user: { username: string; password: string }): Promise<void> {
  // The policy locks the homeserver: no ?hs= needed.
  await session.page.goto(env.webUrl);
  await submitSignIn(session.page, user);
  await expect(session.page.getByRole('navigation', { name: 'Rooms' })).toBeVisible({ timeout: 30_000 });
}

async function acceptInvite(page: Page, roomName: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Rooms' }).getByRole('link', { name: roomName }).click();
  await page.getByRole('button', { name: 'Accept' }).click();
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();
}

test('a Teams join under machine policy is handed to main: the page fetches nothing from Microsoft or the gateway', async ({
  browser,
  env,
}) => {
  test.skip(process.env.RELAIS_SECRET_SERVICE !== '1', NEEDS_SECRET_SERVICE);
  test.setTimeout(120_000);
  const root = mkdtempSync(path.join(tmpdir(), 'relais-egress-teams-'));
  // The partner's invitations come from another account, through the API (no second app window).
  const partner = await matrixApi(env.homeserver, TEST_USERS.victor);
  try {
    const policy = {
      policyVersion: 1,
      homeservers: [env.homeserver],
      teamsBridge: {
        enabled: true,
        sunset: '2099-12-31',
        modes: {
          [TENANT_GATEWAY]: { mode: 'gateway', webGatewayUrlTemplate: GATEWAY_TEMPLATE },
          [TENANT_BROWSER]: { mode: 'browser' },
          '*': { mode: 'isolated' },
        },
      },
    };
    const seen = new Map<string, number>();
    const { context, page, harness } = await desktopSession(browser, env, root, policy, seen);
    const pagesOpened: string[] = [];
    context.on('page', (opened) => pagesOpened.push(opened.url()));
    const gatewayUrl = `https://visio.example.gouv.fr/teams?thread=${encodeURIComponent(THREAD)}&tenant=${TENANT_GATEWAY}`;
    // The gateway is on main's allowlist (the policy names it), yet the page itself must not reach it.
    expect(harness.egress().decide(gatewayUrl).allowed).toBe(true);

    const roomName = `Partners ${Date.now()}`;
    const { room_id: roomId } = await partner.post<{ room_id: string }>('/_matrix/client/v3/createRoom', {
      name: roomName,
      preset: 'private_chat',
      invite: ['@heidi:localhost'],
    });
    await signIn({ context, page, harness }, env, TEST_USERS.heidi);
    await acceptInvite(page, roomName);
    // The invitations arrive once heidi is in the room as the homeserver sees it (the composer shows
    // while the join request is still in flight).
    await expect
      .poll(async () => {
        const members = await partner.get<{ joined: Record<string, unknown> }>(
          `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/joined_members`,
        );
        return Object.keys(members.joined);
      })
      .toContain('@heidi:localhost');
    for (const [i, tenant] of [TENANT_GATEWAY, TENANT_BROWSER].entries()) {
      await partner.put(`/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/m.room.message/egress-${Date.now()}-${i}`, {
        msgtype: 'm.text',
        body: `Invitation from the partner: ${teamsLink(tenant)}`,
      });
    }
    const log = page.getByRole('log', { name: roomName });
    await expect(log.getByRole('group', { name: 'Legacy Teams meeting' })).toHaveCount(2, { timeout: 30_000 });

    // Gateway: main opens the gateway's address in the OS browser.
    await log.getByRole('button', { name: 'Join via gateway' }).click();
    await expect.poll(() => harness.opened.external).toEqual([gatewayUrl]);
    // Browser: main hands the Teams link itself to the OS browser.
    await log.getByRole('button', { name: 'Open in browser' }).click();
    await expect.poll(() => harness.opened.external).toHaveLength(2);
    expect(harness.opened.external[1]).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
    expect(harness.opened.external[1]).toContain(TENANT_BROWSER);
    // Isolated, from an invitation pasted in the "Join a Teams meeting" dialog: main's isolated
    // window (its own partition and egress filter), not this page.
    await page.getByRole('button', { name: 'Join a Teams meeting' }).click();
    const dialog = page.getByRole('dialog', { name: 'Join a Teams meeting' });
    await dialog.getByRole('textbox', { name: 'Meeting link or invitation' }).fill(`Microsoft Teams meeting\n${MEET_LINK}`);
    await dialog.getByRole('button', { name: 'Check link' }).click();
    await dialog.getByRole('button', { name: 'Open in isolated window' }).click();
    await expect.poll(() => harness.opened.isolated).toEqual([MEET_LINK]);
    expect(harness.opened.external).toHaveLength(2);
    // Give anything the page might start after a join (a prefetch, a popup) time to show up.
    await page.waitForTimeout(1_500);
    await context.close();

    console.log(`Teams joins under policy, requests by origin: ${JSON.stringify(Object.fromEntries(seen))}`);
    console.log(
      `handed to main: external ${JSON.stringify(harness.opened.external)}, isolated ${JSON.stringify(harness.opened.isolated)}`,
    );
    expect(outside(seen, [new URL(env.webUrl).origin, new URL(env.homeserver).origin])).toEqual([]);
    expect(seen.get(new URL(env.homeserver).origin)).toBeGreaterThan(5);
    expect(pagesOpened).toEqual([]); // no popup: nothing Teams-related opened in the app's browser
    expect(harness.blocked).toEqual([]);
  } finally {
    await partner.post('/_matrix/client/v3/logout', {});
    rmSync(root, { recursive: true, force: true });
  }
});

/**
 * Records the ICE server URLs each RTCPeerConnection is asked for (`offered`: by the app's code, before
 * its ICE guard) and actually receives (`received`: what the browser's own RTCPeerConnection gets).
 * The guard replaces window.RTCPeerConnection at start-up; the setter wraps whatever it installs.
 */
const RECORD_ICE_CONFIGURATIONS = `(() => {
  const Native = window.RTCPeerConnection;
  const connections = [];
  const offered = [];
  const received = [];
  const urlsOf = (config) =>
    ((config && config.iceServers) || []).flatMap((server) => (typeof server.urls === 'string' ? [server.urls] : [...server.urls]));
  Object.defineProperty(window, '__recordedPeerConnections', { value: connections });
  Object.defineProperty(window, '__iceConfigurations', { value: { offered, received } });
  class Recorded extends Native {
    constructor(config, ...rest) {
      received.push(urlsOf(config));
      super(config, ...rest);
      connections.push(this);
    }
    setConfiguration(config) {
      received.push(urlsOf(config));
      return super.setConfiguration(config);
    }
  }
  let current = Recorded;
  Object.defineProperty(window, 'RTCPeerConnection', {
    configurable: true,
    get: () => current,
    set: (Installed) => {
      current = class extends Installed {
        constructor(config, ...rest) {
          offered.push(urlsOf(config));
          super(config, ...rest);
        }
        setConfiguration(config) {
          offered.push(urlsOf(config));
          return super.setConfiguration(config);
        }
      };
    },
  });
})();`;

interface IceConfigurations {
  offered: string[][];
  received: string[][];
}

function iceConfigurations(page: Page): Promise<IceConfigurations> {
  return page.evaluate(() => (globalThis as unknown as { __iceConfigurations: IceConfigurations }).__iceConfigurations);
}

const OUTSIDE_TURN = 'turn:turn.example.invalid:3478';
const OUTSIDE_STUN = 'stun:stun.example.invalid:3478';

test('under machine policy, ICE servers the SFU hands out outside the allowlist never reach WebRTC; media still flows', async ({
  browser,
  env,
}) => {
  test.skip(process.env.RELAIS_SECRET_SERVICE !== '1', NEEDS_SECRET_SERVICE);
  test.setTimeout(180_000);
  const root = mkdtempSync(path.join(tmpdir(), 'relais-egress-ice-'));
  let service: MatrixApi | null = null;
  let sfu: SfuHandle | null = null;
  try {
    // An SFU of our own (loopback, one worker) that hands every caller a TURN and a STUN server on a
    // host the policy does not name (.invalid never resolves). It confirms room membership with an
    // ordinary account's token (victor's, joined to the room below).
    service = await matrixApi(env.homeserver, TEST_USERS.victor);
    sfu = await startSfu({
      homeservers: [
        { serverName: 'localhost', baseUrl: env.homeserver, membershipToken: service.token, membershipMethod: 'room-state' },
      ],
      iceServers: [{ urls: [OUTSIDE_TURN, OUTSIDE_STUN], username: 'relais', credential: 'not-a-secret' }],
      workers: 1,
    });
    const policy = { policyVersion: 1, homeservers: [env.homeserver], calls: { sfuUrl: sfu.wsUrl } };
    const seen = new Map<string, number>();
    const heidi = await desktopSession(browser, env, path.join(root, 'heidi'), policy, seen, RECORD_ICE_CONFIGURATIONS);
    const victor = await desktopSession(browser, env, path.join(root, 'victor'), policy, seen, RECORD_ICE_CONFIGURATIONS);
    const filter = heidi.harness.egress();
    expect(filter.decide(sfu.wsUrl).allowed).toBe(true);
    expect(filter.decideIce(OUTSIDE_TURN).allowed).toBe(false);
    expect(filter.decideIce(OUTSIDE_STUN).allowed).toBe(false);

    await signIn(heidi, env, TEST_USERS.heidi);
    await signIn(victor, env, TEST_USERS.victor);
    const roomName = `Egress call ${Date.now()}`;
    await heidi.page.getByRole('button', { name: 'New room' }).click();
    const newRoom = heidi.page.getByRole('dialog', { name: 'New room' });
    await newRoom.getByRole('textbox', { name: 'Room name' }).fill(roomName);
    await newRoom.getByRole('button', { name: 'Create' }).click();
    await expect(heidi.page.getByRole('heading', { name: roomName })).toBeVisible();
    await heidi.page.getByRole('button', { name: 'Invite' }).click();
    const invite = heidi.page.getByRole('dialog', { name: 'Invite someone' });
    await invite.getByRole('combobox', { name: 'Name or Matrix ID' }).fill('@victor:localhost');
    await invite.getByRole('button', { name: 'Invite' }).click();
    await expect(invite).toBeHidden();
    await acceptInvite(victor.page, roomName);

    await heidi.page.getByRole('button', { name: 'Start call' }).click();
    await expect(heidi.page.getByRole('button', { name: 'Leave call' })).toBeVisible({ timeout: 30_000 });
    await expect(victor.page.getByText('In the call: heidi')).toBeVisible({ timeout: 30_000 });
    await victor.page.getByRole('button', { name: 'Join call' }).click();
    await expect(victor.page.getByRole('button', { name: 'Leave call' })).toBeVisible({ timeout: 30_000 });
    // Media both ways, through the SFU on loopback only (host candidates: no STUN, no TURN).
    const heidiMedia = await expectMediaFlowing(heidi.page);
    const victorMedia = await expectMediaFlowing(victor.page);
    const sfuHost = new URL(sfu.wsUrl).hostname;
    const iceHeidi = await iceConfigurations(heidi.page);
    const iceVictor = await iceConfigurations(victor.page);
    await heidi.page.getByRole('button', { name: 'Leave call' }).click();
    await victor.page.getByRole('button', { name: 'Leave call' }).click();
    await heidi.page.waitForTimeout(1_000);
    await heidi.context.close();
    await victor.context.close();

    console.log(`ICE under policy, requests by origin: ${JSON.stringify(Object.fromEntries(seen))}`);
    console.log(`ICE URLs offered by the app (before the guard): ${JSON.stringify([...iceHeidi.offered, ...iceVictor.offered])}`);
    console.log(`ICE URLs RTCPeerConnection received: ${JSON.stringify([...iceHeidi.received, ...iceVictor.received])}`);
    console.log(`media: heidi ${JSON.stringify(heidiMedia)}, victor ${JSON.stringify(victorMedia)}`);
    for (const ice of [iceHeidi, iceVictor]) {
      // The SFU's servers did reach the app's call code (so the guard had something to refuse)…
      expect(ice.offered.flat()).toContain(OUTSIDE_TURN);
      // …and none reached WebRTC: every URL a peer connection received is one the policy allows.
      const received = ice.received.flat();
      expect(ice.received.length).toBeGreaterThanOrEqual(2); // a send and a receive transport at least
      expect(received.filter((url) => !filter.decideIce(url).allowed)).toEqual([]);
      expect(received.filter((url) => url.includes('example.invalid'))).toEqual([]);
    }
    for (const media of [heidiMedia, victorMedia]) {
      expect(media.remoteAddresses.length).toBeGreaterThan(0);
      expect(media.remoteAddresses.filter((address) => !address.startsWith(`${sfuHost}:`))).toEqual([]);
    }
    const allowed = [new URL(env.webUrl).origin, new URL(env.homeserver).origin, new URL(sfu.wsUrl).origin];
    expect(outside(seen, allowed)).toEqual([]);
    expect(seen.get(new URL(sfu.wsUrl).origin)).toBeGreaterThanOrEqual(2);
    expect(heidi.harness.blocked).toEqual([]);
    expect(victor.harness.blocked).toEqual([]);
  } finally {
    await sfu?.stop();
    await service?.post('/_matrix/client/v3/logout', {});
    rmSync(root, { recursive: true, force: true });
  }
});
