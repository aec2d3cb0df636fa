// Issue 16, point 2: the order a room's timeline presents on a fresh sign-in, under sliding sync and
// classic /sync, against a real Synapse, for the account shapes that showed it wrong ("peggy joined"
// above "peggy was invited"; the newest message above "… joined"), plus what showed messages missing
// (a message sent while the invitation was being accepted; several messages in one sync answer).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ClientEvent, createClient, EventTimeline, SyncState } from 'matrix-js-sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ENV_CACHE_ROOT } from '../../../../env/chroot.ts';
import { startSynapse, type RegisteredUser, type SynapseHandle } from '../../../../env/synapse.ts';
import { createRoom, freeSynapsePort, invite, join } from '../../../support/matrixFixtures.ts';
import { CachedSyncStore } from '../../../../../src/renderer/matrix/cache/cachedSyncStore.ts';
import { slidingToClassic } from '../../../../../src/renderer/matrix/cache/slidingToClassic.ts';
import { slidingSyncOf, startSync } from '../../../../../src/renderer/matrix/sync/startSync.ts';
import { FakeEncryptedDb } from '../../../support/offlineFakes.ts';
import {
  sendText,
  serverLabels,
  signIn,
  SyncGate,
  timelineLabels,
  waitFor,
  type Mode,
  type SignedIn,
} from '../../../support/engineFixtures.ts';

const provisioned = existsSync(path.join(ENV_CACHE_ROOT, 'current', '.relais-ready'));
const MODES: Mode[] = ['sliding', 'classic'];

describe.skipIf(!provisioned)('timeline order on a fresh sign-in (real Synapse, the engine as the app runs it)', () => {
  let synapse: SynapseHandle;
  let alice: RegisteredUser;
  let peggy: RegisteredUser;
  /** Invite → join → message. */
  let joinedThenMessage: string;
  /** Invited; the inviter wrote; then joined: the room's last event is the join. */
  let wroteThenJoined: string;
  /** More events than the open room's first answer holds (30). */
  let longRoom: string;
  const sessions: SignedIn[] = [];

  beforeAll(async () => {
    synapse = await startSynapse({ port: await freeSynapsePort() });
    alice = await synapse.registerUser('alice', 'alice-order-password');
    peggy = await synapse.registerUser('peggy', 'peggy-order-password');

    joinedThenMessage = await createRoom(synapse, alice, 'Joined then message');
    await invite(synapse, alice, joinedThenMessage, peggy.userId);
    await join(synapse, peggy, joinedThenMessage);
    await sendText(synapse, alice, joinedThenMessage, 'hello');

    wroteThenJoined = await createRoom(synapse, alice, 'Wrote then joined');
    await invite(synapse, alice, wroteThenJoined, peggy.userId);
    await sendText(synapse, alice, wroteThenJoined, 'one');
    await sendText(synapse, alice, wroteThenJoined, 'two');
    await join(synapse, peggy, wroteThenJoined);

    longRoom = await createRoom(synapse, alice, 'Long room');
    await invite(synapse, alice, longRoom, peggy.userId);
    await join(synapse, peggy, longRoom);
    for (let i = 1; i <= 45; i++) await sendText(synapse, alice, longRoom, `message ${i}`);
  }, 180_000);

  afterEach(() => {
    for (const session of sessions.splice(0)) session.client.stopClient();
  });

  afterAll(async () => {
    await (synapse as SynapseHandle | undefined)?.stop();
  }, 60_000);

  async function start(mode: Mode, options: Parameters<typeof signIn>[3] = {}): Promise<SignedIn> {
    const session = await signIn(synapse, peggy, mode, options);
    sessions.push(session);
    return session;
  }

  /** Opens the room as the app does (under sliding sync: subscribes it) and waits for its answer. */
  async function open({ client, responses }: SignedIn, roomId: string): Promise<void> {
    const sliding = slidingSyncOf(client);
    if (!sliding) return;
    const before = responses.length;
    sliding.setOpenRoom(roomId);
    await waitFor('the open room’s answer', () => responses.slice(before).some((r) => roomId in r.rooms));
  }

  for (const mode of MODES) {
    describe(`${mode} sync`, () => {
      it('invite → join → message: in the order it happened', async () => {
        const session = await start(mode);
        await open(session, joinedThenMessage);
        expect(timelineLabels(session.client, joinedThenMessage)).toEqual(['join:alice', 'invite:peggy', 'join:peggy', 'hello']);
      });

      it('invited, the inviter wrote, then joined: "peggy joined" last, below "peggy was invited"', async () => {
        const session = await start(mode);
        await open(session, wroteThenJoined);
        expect(timelineLabels(session.client, wroteThenJoined)).toEqual([
          'join:alice',
          'invite:peggy',
          'one',
          'two',
          'join:peggy',
        ]);
      });

      it('a room longer than the first answer: its latest events in order, then the whole history by scrolling back', async () => {
        const session = await start(mode);
        await open(session, longRoom);
        const history = await serverLabels(synapse, alice, longRoom);
        const shown = timelineLabels(session.client, longRoom);
        expect(shown.length).toBeGreaterThanOrEqual(20);
        expect(shown).toEqual(history.slice(-shown.length));

        const room = session.client.getRoom(longRoom);
        if (!room) throw new Error('no room');
        while (room.getLiveTimeline().getPaginationToken(EventTimeline.BACKWARDS) !== null)
          await session.client.scrollback(room, 50);
        expect(timelineLabels(session.client, longRoom)).toEqual(history);
      });

      it('a message sent while the invitation is being accepted is in the timeline, in its place', async () => {
        const roomId = await createRoom(synapse, alice, `Accepting (${mode})`);
        await sendText(synapse, alice, roomId, 'before the invitation');
        await invite(synapse, alice, roomId, peggy.userId);
        const session = await start(mode);
        // The invitation is open on screen while it is accepted.
        await open(session, roomId);
        await sendText(synapse, alice, roomId, 'while accepting');
        await session.client.joinRoom(roomId);
        await waitFor('my join', () => timelineLabels(session.client, roomId).includes('join:peggy'));
        expect(timelineLabels(session.client, roomId)).toEqual([
          'join:alice',
          'before the invitation',
          'invite:peggy',
          'while accepting',
          'join:peggy',
        ]);
      });
    });
  }

  it('sliding: several messages arriving in one answer for the open room are all shown, in order', async () => {
    const roomId = await createRoom(synapse, alice, 'Burst');
    await invite(synapse, alice, roomId, peggy.userId);
    await join(synapse, peggy, roomId);
    await sendText(synapse, alice, roomId, 'first');
    const gate = new SyncGate();
    const session = await start('sliding', { gate });
    await open(session, roomId);
    // The network is slow: three messages are on the server before the next request leaves.
    gate.close();
    const held = gate.holding();
    await sendText(synapse, alice, joinedThenMessage, 'elsewhere'); // ends the pending long poll
    await held;
    for (const body of ['a', 'b', 'c']) await sendText(synapse, alice, roomId, body);
    gate.open();
    await waitFor('the last message', () => timelineLabels(session.client, roomId).includes('c'));
    expect(timelineLabels(session.client, roomId)).toEqual(['join:alice', 'invite:peggy', 'join:peggy', 'first', 'a', 'b', 'c']);
  });

  it('sliding: a room not open gets several messages in one answer, then is opened: all of them, in order', async () => {
    const roomId = await createRoom(synapse, alice, 'Burst while closed');
    await invite(synapse, alice, roomId, peggy.userId);
    await join(synapse, peggy, roomId);
    await sendText(synapse, alice, roomId, 'first');
    const gate = new SyncGate();
    const session = await start('sliding', { gate });
    await waitFor('the room in the list', () => timelineLabels(session.client, roomId).includes('first'));
    gate.close();
    const held = gate.holding();
    await sendText(synapse, alice, joinedThenMessage, 'elsewhere, again'); // ends the pending long poll
    await held;
    // The list brings the last one only, with a gap before it.
    for (const body of ['x', 'y', 'z']) await sendText(synapse, alice, roomId, body);
    gate.open();
    await waitFor('the last message', () => timelineLabels(session.client, roomId).includes('z'));
    await open(session, roomId);
    expect(timelineLabels(session.client, roomId)).toEqual(['join:alice', 'invite:peggy', 'join:peggy', 'first', 'x', 'y', 'z']);
  });

  it('sliding: the offline cache keeps the timeline in the order shown, and a cold start from it shows that order', async () => {
    const db = new FakeEncryptedDb();
    const store = new CachedSyncStore(db);
    await store.startup();
    const session = await start('sliding', {
      store,
      onSlidingResponse: (response) => store.accumulateSliding(slidingToClassic(response, peggy.userId)),
    });
    await open(session, wroteThenJoined);
    const expected = ['join:alice', 'invite:peggy', 'one', 'two', 'join:peggy'];
    expect(timelineLabels(session.client, wroteThenJoined)).toEqual(expected);
    await store.save(true);

    // The next start, offline: classic /sync replays the cache.
    const coldStore = new CachedSyncStore(db);
    await coldStore.startup();
    const offline = createClient({
      baseUrl: 'http://127.0.0.1:9',
      userId: peggy.userId,
      deviceId: session.client.getDeviceId() ?? '',
      accessToken: session.client.getAccessToken() ?? '',
      timelineSupport: true,
      store: coldStore,
    });
    sessions.push({ client: offline, responses: [] });
    const prepared = new Promise<void>((resolve) =>
      offline.on(ClientEvent.Sync, (state: SyncState) => {
        if (state === SyncState.Prepared) resolve();
      }),
    );
    // The server cannot be reached: startSync falls back to classic /sync, which replays the cache.
    expect((await startSync(offline, { log: () => undefined })).mode).toBe('classic');
    await prepared;
    expect(timelineLabels(offline, wroteThenJoined)).toEqual(expected);
    // Event for event: what the cache holds is what the live timeline held.
    const cached = (await coldStore.getSavedSync())?.roomsData.join[wroteThenJoined]?.timeline.events ?? [];
    expect(cached.map((event) => event.event_id)).toEqual(
      session.client
        .getRoom(wroteThenJoined)
        ?.getLiveTimeline()
        .getEvents()
        .map((event) => event.getId()),
    );
  });
});
