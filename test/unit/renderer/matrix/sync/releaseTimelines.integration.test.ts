// Issue 22, bounded memory: a room left behind gives back its history and keeps what its list row
// shows; reopened, its history comes back in order, to the very first event. Against a real Synapse,
// with the engine as the app runs it (sliding sync).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { EventTimeline } from 'matrix-js-sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ENV_CACHE_ROOT } from '../../../../env/chroot.ts';
import { startSynapse, type RegisteredUser, type SynapseHandle } from '../../../../env/synapse.ts';
import { createRoom, freeSynapsePort, invite, join } from '../../../support/matrixFixtures.ts';
import { summarizeRoom } from '../../../../../src/renderer/matrix/roomList.ts';
import { releaseTimeline } from '../../../../../src/renderer/matrix/sync/releaseTimelines.ts';
import { slidingSyncOf } from '../../../../../src/renderer/matrix/sync/startSync.ts';
import { RELEASE_DELAY_MS } from '../../../../../src/renderer/matrix/sync/timelineRelease.ts';
import { roomUnreadCounts } from '../../../../../src/renderer/matrix/unreadCounts.ts';
import { sendText, serverLabels, signIn, timelineLabels, waitFor, type SignedIn } from '../../../support/engineFixtures.ts';

const provisioned = existsSync(path.join(ENV_CACHE_ROOT, 'current', '.relais-ready'));
/** What the subscription resends on opening, less one (slidingSyncSetup.ts). */
const MAX_KEPT = 29;

describe.skipIf(!provisioned)('releasing the timeline of a room left behind (real Synapse, sliding sync)', () => {
  let synapse: SynapseHandle;
  let alice: RegisteredUser;
  let peggy: RegisteredUser;
  let longRoom: string;
  let otherRoom: string;
  const sessions: SignedIn[] = [];

  beforeAll(async () => {
    synapse = await startSynapse({ port: await freeSynapsePort() });
    alice = await synapse.registerUser('alice', 'alice-release-password');
    peggy = await synapse.registerUser('peggy', 'peggy-release-password');
    longRoom = await createRoom(synapse, alice, 'Long room');
    await invite(synapse, alice, longRoom, peggy.userId);
    await join(synapse, peggy, longRoom);
    for (let i = 1; i <= 45; i++) await sendText(synapse, alice, longRoom, `message ${i}`);
    otherRoom = await createRoom(synapse, alice, 'Other room');
    await invite(synapse, alice, otherRoom, peggy.userId);
    await join(synapse, peggy, otherRoom);
  }, 180_000);

  afterEach(() => {
    for (const session of sessions.splice(0)) session.client.stopClient();
  });

  afterAll(async () => {
    await (synapse as SynapseHandle | undefined)?.stop();
  }, 60_000);

  /** Opens the room as the app does (subscribes it) and waits for its answer. */
  async function open({ client, responses }: SignedIn, roomId: string): Promise<void> {
    const before = responses.length;
    slidingSyncOf(client)?.setOpenRoom(roomId);
    await waitFor('the open room’s answer', () => responses.slice(before).some((r) => roomId in r.rooms));
  }

  /** Signs in, opens the long room, scrolls back through all of it and reads it. */
  async function readWholeLongRoom(): Promise<SignedIn> {
    const session = await signIn(synapse, peggy, 'sliding');
    sessions.push(session);
    await open(session, longRoom);
    const room = session.client.getRoom(longRoom);
    if (!room) throw new Error('no room');
    while (room.getLiveTimeline().getPaginationToken(EventTimeline.BACKWARDS) !== null) await session.client.scrollback(room, 50);
    const last = room.getLiveTimeline().getEvents().at(-1);
    if (!last) throw new Error('no events');
    await session.client.sendReadReceipt(last);
    return session;
  }

  it('left and released: the last message only, the same preview and counts; reopened: the whole history again', async () => {
    const session = await readWholeLongRoom();
    const { client } = session;
    const room = client.getRoom(longRoom);
    if (!room) throw new Error('no room');
    const history = await serverLabels(synapse, alice, longRoom);
    expect(timelineLabels(client, longRoom)).toEqual(history);
    const row = summarizeRoom(room, new Set(), (r) => roomUnreadCounts(client, r));

    await open(session, otherRoom);
    expect(releaseTimeline(client, room, MAX_KEPT)).toBe(true);
    expect(
      room
        .getLiveTimeline()
        .getEvents()
        .map((e) => e.getContent<{ body?: string }>().body),
    ).toEqual(['message 45']);
    expect(summarizeRoom(room, new Set(), (r) => roomUnreadCounts(client, r))).toEqual(row);
    expect(row?.preview).toBe('alice: message 45');
    expect(row?.unread).toBe(0);

    // A new message while it is not open: listed and counted as before.
    await sendText(synapse, alice, longRoom, 'after the release');
    await waitFor('the new message', () => timelineLabels(client, longRoom).includes('after the release'));
    expect(timelineLabels(client, longRoom)).toEqual(['message 45', 'after the release']);
    expect(summarizeRoom(room, new Set(), (r) => roomUnreadCounts(client, r))).toMatchObject({
      preview: 'alice: after the release',
      unread: 1,
    });

    // Reopened: its latest events, in order, then everything before them by scrolling back.
    await open(session, longRoom);
    const now = await serverLabels(synapse, alice, longRoom);
    const shown = timelineLabels(client, longRoom);
    expect(shown.length).toBeGreaterThanOrEqual(20);
    expect(shown).toEqual(now.slice(-shown.length));
    while (room.getLiveTimeline().getPaginationToken(EventTimeline.BACKWARDS) !== null) await client.scrollback(room, 50);
    expect(timelineLabels(client, longRoom)).toEqual(now);
  }, 60_000);

  it('the room left is released by itself some seconds later; the open one and a room reopened in time are not', async () => {
    const session = await readWholeLongRoom();
    const { client } = session;
    const whole = timelineLabels(client, longRoom).length;
    await open(session, otherRoom);
    // Back and forth: the server may have nothing new to say, so no answer is waited for.
    slidingSyncOf(client)?.setOpenRoom(longRoom);
    await new Promise((resolve) => setTimeout(resolve, RELEASE_DELAY_MS / 2));
    slidingSyncOf(client)?.setOpenRoom(otherRoom);
    await new Promise((resolve) => setTimeout(resolve, RELEASE_DELAY_MS / 2));
    expect(timelineLabels(client, longRoom)).toHaveLength(whole);
    await waitFor('the release', () => timelineLabels(client, longRoom).length < whole, RELEASE_DELAY_MS);
    expect(client.getRoom(longRoom)?.getLiveTimeline().getEvents()).toHaveLength(1);
  }, 60_000);
});
