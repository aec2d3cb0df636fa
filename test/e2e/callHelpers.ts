// Helpers for the call specs: a Chromium with fake camera and microphone, and a way to read the
// page's WebRTC statistics without any test hook in the app: an init script records every
// RTCPeerConnection the page creates (mediasoup-client makes one per transport), and getStats is
// read from those.
import { expect, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../playwright.config.ts';

export const CALL_LAUNCH_OPTIONS = {
  executablePath: CHROMIUM_PATH,
  args: [
    ...CHROMIUM_ARGS,
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    '--autoplay-policy=no-user-gesture-required',
  ],
};

export const RECORD_PEER_CONNECTIONS = `(() => {
  const Native = window.RTCPeerConnection;
  const connections = [];
  Object.defineProperty(window, '__recordedPeerConnections', { value: connections });
  window.RTCPeerConnection = class extends Native {
    constructor(...args) {
      super(...args);
      connections.push(this);
    }
  };
})();`;

/** The browser objects read inside page.evaluate, typed minimally (the Node-side tsconfig has no DOM). */
export interface StatsPeer {
  connectionState: string;
  getStats(): Promise<{
    forEach(
      cb: (s: {
        type: string;
        kind?: string;
        id?: string;
        packetsReceived?: number;
        framesDecoded?: number;
        frameWidth?: number;
        address?: string;
        port?: number;
      }) => void,
    ): void;
  }>;
}

/** Records the page's WebSockets, so a test can cut the call's signaling connection as a network loss would. */
export const RECORD_WEBSOCKETS = `(() => {
  const Native = window.WebSocket;
  const sockets = [];
  Object.defineProperty(window, '__recordedSockets', { value: sockets });
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      sockets.push(this);
    }
  };
})();`;

export interface InboundTotals {
  audioPackets: number;
  videoPackets: number;
  framesDecoded: number;
  /** Remote candidate addresses actually used (host:port), to check media goes only to the SFU. */
  remoteAddresses: string[];
}

export async function inboundTotals(page: Page): Promise<InboundTotals> {
  return page.evaluate(async () => {
    const connections = (globalThis as unknown as { __recordedPeerConnections: StatsPeer[] }).__recordedPeerConnections;
    const totals = { audioPackets: 0, videoPackets: 0, framesDecoded: 0, remoteAddresses: [] as string[] };
    for (const pc of connections) {
      if (pc.connectionState === 'closed') continue;
      const report = await pc.getStats();
      report.forEach(
        (s: {
          type: string;
          kind?: string;
          packetsReceived?: number;
          framesDecoded?: number;
          address?: string;
          port?: number;
        }) => {
          if (s.type === 'inbound-rtp' && s.kind === 'audio') totals.audioPackets += s.packetsReceived ?? 0;
          if (s.type === 'inbound-rtp' && s.kind === 'video') {
            totals.videoPackets += s.packetsReceived ?? 0;
            totals.framesDecoded += s.framesDecoded ?? 0;
          }
          if (s.type === 'remote-candidate' && s.address) totals.remoteAddresses.push(`${s.address}:${s.port ?? 0}`);
        },
      );
    }
    return totals;
  });
}

export interface InboundVideoStream {
  id: string;
  packets: number;
  framesDecoded: number;
  /** Width of the last decoded frame (0 before the first). */
  frameWidth: number;
}

/** Each received video stream (inbound-rtp, one per consumer): packets, decoded frames, last frame width. */
export async function inboundVideoStreams(page: Page): Promise<InboundVideoStream[]> {
  return page.evaluate(async () => {
    const connections = (globalThis as unknown as { __recordedPeerConnections: StatsPeer[] }).__recordedPeerConnections;
    const streams: { id: string; packets: number; framesDecoded: number; frameWidth: number }[] = [];
    for (const pc of connections) {
      if (pc.connectionState === 'closed') continue;
      const report = await pc.getStats();
      report.forEach(
        (s: {
          type: string;
          kind?: string;
          id?: string;
          packetsReceived?: number;
          framesDecoded?: number;
          frameWidth?: number;
        }) => {
          if (s.type === 'inbound-rtp' && s.kind === 'video')
            streams.push({
              id: s.id ?? '',
              packets: s.packetsReceived ?? 0,
              framesDecoded: s.framesDecoded ?? 0,
              frameWidth: s.frameWidth ?? 0,
            });
        },
      );
    }
    return streams;
  });
}

/** Waits until audio packets and decoded video frames are both rising. */
export async function expectMediaFlowing(page: Page, timeoutMs = 30_000): Promise<InboundTotals> {
  const deadline = Date.now() + timeoutMs;
  let before = await inboundTotals(page);
  while (Date.now() < deadline) {
    await page.waitForTimeout(1_000);
    const after = await inboundTotals(page);
    if (after.audioPackets > before.audioPackets && after.framesDecoded > before.framesDecoded && before.framesDecoded > 0)
      return after;
    before = after;
  }
  throw new Error(`media is not flowing: ${JSON.stringify(before)}`);
}

export interface MatrixApi {
  token: string;
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
}

/** A separate API session (its own device) for checks the test makes on the homeserver. */
export async function matrixApi(homeserver: string, user: { username: string; password: string }): Promise<MatrixApi> {
  const login = await fetch(`${homeserver}/_matrix/client/v3/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      type: 'm.login.password',
      identifier: { type: 'm.id.user', user: user.username },
      password: user.password,
    }),
  });
  const { access_token: token } = (await login.json()) as { access_token: string };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${homeserver}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    token,
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body),
    put: (path, body) => call('PUT', path, body),
  };
}

export interface StateEvent {
  type: string;
  state_key: string;
  content: Record<string, unknown>;
}

/** Call memberships in the room by state key (empty content means the device left). */
export async function callMemberships(api: MatrixApi, roomId: string): Promise<StateEvent[]> {
  const state = await api.get<StateEvent[]>(`/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/state`);
  return state.filter((e) => e.type === 'org.matrix.msc3401.call.member');
}

export function roomIdOf(page: Page): string {
  const match = /#\/room\/([^/]+)$/.exec(page.url());
  if (!match?.[1]) throw new Error(`no room open: ${page.url()}`);
  return decodeURIComponent(match[1]);
}

/**
 * A client that does not use the call's encryption: every encoded transform the app attaches is
 * ignored, so what it sends goes out as encoded and what it receives goes to the decoder as it
 * arrived from the SFU. It stands for anyone who gets the media without the keys (the SFU itself,
 * or whoever can read its traffic).
 */
export const IGNORE_ENCODED_TRANSFORMS = `(() => {
  for (const proto of [RTCRtpSender.prototype, RTCRtpReceiver.prototype]) {
    Object.defineProperty(proto, 'transform', { configurable: true, get() { return null; }, set() {} });
  }
})();`;

/**
 * What a tile's video shows now: a 24×24 grey-level thumbnail (0–255), or null when the tile has no
 * playing video. Compared between two people's views of the same sender, it tells a picture from
 * the noise a decoder makes of ciphertext.
 */
export async function tileThumbnail(page: Page, tileName: string): Promise<number[] | null> {
  return page.evaluate((name) => {
    // The browser objects used here, typed minimally (the Node-side tsconfig has no DOM).
    interface Canvas {
      width: number;
      height: number;
      getContext(kind: '2d'): {
        drawImage(source: unknown, x: number, y: number, w: number, h: number): void;
        getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> };
      } | null;
    }
    interface Element {
      getAttribute(name: string): string | null;
      querySelector(selector: string): (Element & { videoWidth?: number }) | null;
    }
    const doc = (
      globalThis as unknown as {
        document: { querySelectorAll(selector: string): Iterable<Element>; createElement(tag: 'canvas'): Canvas };
      }
    ).document;
    const tile = [...doc.querySelectorAll('[role="group"]')].find((g) => g.getAttribute('aria-label') === name);
    const video = tile?.querySelector('video');
    if (!video || !video.videoWidth) return null;
    const canvas = doc.createElement('canvas');
    canvas.width = 24;
    canvas.height = 24;
    const g = canvas.getContext('2d');
    if (!g) return null;
    g.drawImage(video, 0, 0, 24, 24);
    const { data } = g.getImageData(0, 0, 24, 24);
    const grey: number[] = [];
    for (let i = 0; i < data.length; i += 4) grey.push(((data[i] ?? 0) + (data[i + 1] ?? 0) + (data[i + 2] ?? 0)) / 3);
    return grey;
  }, tileName);
}

/** Mean absolute difference of two thumbnails (0 identical … 255 opposite). */
export function thumbnailDistance(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
  return sum / a.length;
}

/** Creates a room from the UI and invites these Matrix IDs through the Invite dialog. */
export async function createRoomAndInvite(page: Page, name: string, invitees: string[]): Promise<void> {
  await page.getByRole('button', { name: 'New room' }).click();
  const dialog = page.getByRole('dialog', { name: 'New room' });
  await dialog.getByRole('textbox', { name: 'Room name' }).fill(name);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
  for (const userId of invitees) {
    await page.getByRole('button', { name: 'Invite' }).click();
    const invite = page.getByRole('dialog', { name: 'Invite someone' });
    await invite.getByRole('combobox', { name: 'Name or Matrix ID' }).fill(userId);
    await invite.getByRole('button', { name: 'Invite' }).click();
    await expect(invite).toBeHidden();
  }
}

/** Opens an invitation from the room list and accepts it. */
export async function acceptInvite(page: Page, roomName: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Rooms' }).getByRole('link', { name: roomName }).click();
  await page.getByRole('button', { name: 'Accept' }).click();
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();
}
