// Relais's Matrix engine run in Node against a real Synapse: a fresh sign-in (new device), the same
// sync start-up as the app (startSync: sliding sync or classic /sync), and what the timeline presents
// (buildTimeline), so tests can assert the exact order a user would see.
import { ClientEvent, createClient, SyncState, type MatrixClient, type Store } from 'matrix-js-sdk';
import type { MSC3575SlidingSyncResponse } from 'matrix-js-sdk/lib/sliding-sync.js';
import type { RegisteredUser, SynapseHandle } from '../../env/synapse.ts';
import { matrix } from './matrixFixtures.ts';
import { startSync } from '../../../src/renderer/matrix/sync/startSync.ts';
import { buildTimeline } from '../../../src/renderer/matrix/timeline.ts';

export type Mode = 'sliding' | 'classic';

let txn = 0;

export async function sendText(synapse: SynapseHandle, user: RegisteredUser, roomId: string, body: string): Promise<string> {
  const path = `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/m.room.message/order-${process.pid}-${txn++}`;
  const { event_id } = (await matrix(synapse, user, 'PUT', path, { msgtype: 'm.text', body })) as { event_id: string };
  return event_id;
}

/** Holds the sliding sync requests while closed, as a slow network would: events pile up on the server. */
export class SyncGate {
  private opened: Promise<void> = Promise.resolve();
  private release: (() => void) | null = null;
  private held: (() => void) | null = null;

  close(): void {
    this.opened = new Promise((resolve) => (this.release = resolve));
  }

  open(): void {
    this.release?.();
    this.release = null;
  }

  /** Resolves once a request is waiting at the closed gate (the previous answer has been processed). */
  holding(): Promise<void> {
    return new Promise((resolve) => (this.held = resolve));
  }

  fetch: typeof fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url.includes('simplified_msc3575/sync') && this.release) {
      this.held?.();
      this.held = null;
      await this.opened;
    }
    return fetch(input, init);
  };
}

export interface SignedIn {
  client: MatrixClient;
  responses: MSC3575SlidingSyncResponse[];
}

/** Signs in as on a new device and starts sync the way the app does; resolves at the first answer. */
export async function signIn(
  synapse: SynapseHandle,
  user: RegisteredUser,
  mode: Mode,
  options: {
    gate?: SyncGate;
    /** Every request goes through it (to make some fail); not with `gate`. */
    fetch?: typeof fetch;
    store?: Store;
    onSlidingResponse?: (response: MSC3575SlidingSyncResponse) => void;
  } = {},
): Promise<SignedIn> {
  const login = (await (
    await fetch(`${synapse.baseUrl}/_matrix/client/v3/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'm.login.password',
        identifier: { type: 'm.id.user', user: user.username },
        password: user.password,
      }),
    })
  ).json()) as { access_token: string; device_id: string };
  const client = createClient({
    baseUrl: synapse.baseUrl,
    userId: user.userId,
    deviceId: login.device_id,
    accessToken: login.access_token,
    timelineSupport: true,
    ...(options.store ? { store: options.store } : {}),
    ...(options.gate ? { fetchFn: options.gate.fetch } : options.fetch ? { fetchFn: options.fetch } : {}),
  });
  const responses: MSC3575SlidingSyncResponse[] = [];
  const prepared = new Promise<void>((resolve) =>
    client.on(ClientEvent.Sync, (state: SyncState) => {
      if (state === SyncState.Prepared) resolve();
    }),
  );
  await startSync(client, {
    setting: mode === 'classic' ? 'classic' : 'sliding',
    log: () => undefined,
    onSlidingResponse: (response) => {
      responses.push(response);
      options.onSlidingResponse?.(response);
    },
  });
  await prepared;
  return { client, responses };
}

/**
 * What the room's timeline shows, one label per row: the message body, or `membership:name` for a
 * membership change (`join:alice`, `invite:peggy`).
 */
export function timelineLabels(client: MatrixClient, roomId: string): string[] {
  const room = client.getRoom(roomId);
  return room ? buildTimeline(room, client.getSafeUserId()).map((item) => item.body) : [];
}

export async function waitFor(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The room's whole history as the server orders it (oldest first), in the same labels. */
export async function serverLabels(synapse: SynapseHandle, user: RegisteredUser, roomId: string): Promise<string[]> {
  const path = `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/messages?dir=b&limit=1000`;
  const { chunk } = (await matrix(synapse, user, 'GET', path)) as { chunk: ServerEvent[] };
  return chunk.reverse().flatMap((event) => {
    if (event.type === 'm.room.message') return [String(event.content.body)];
    if (event.type !== 'm.room.member') return [];
    const previous = event.unsigned?.prev_content?.membership;
    if (event.content.membership === previous) return [];
    const name = typeof event.content.displayname === 'string' ? event.content.displayname : (event.state_key ?? '');
    return [`${String(event.content.membership)}:${name}`];
  });
}

interface ServerEvent {
  type: string;
  state_key?: string;
  content: Record<string, unknown>;
  unsigned?: { prev_content?: { membership?: unknown } };
}
