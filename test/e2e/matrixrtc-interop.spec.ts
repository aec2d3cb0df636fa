// MatrixRTC interoperability with the other Matrix clients, against the real Synapse and SFU. The
// "other client" is matrix-js-sdk's own MatrixRTCSession running in this Node process: it is the
// code Element Call and Element Web run to read and write call memberships. Its LiveKit focus is
// only data in the room: nothing here (nor Relais) connects to it.
import { ClientEvent, createClient, SyncState, type MatrixClient, type Room } from 'matrix-js-sdk';
import { MatrixRTCSession, type CallMembership, type SlotDescription } from 'matrix-js-sdk/lib/matrixrtc/index.js';
import { CALL_LAUNCH_OPTIONS, callMemberships, matrixApi } from './callHelpers.ts';
import { expect, expectAccessible, test } from './fixtures.ts';
import { signInAs, submitSignIn } from './helpers.ts';
import { apiLogin, createRoom, joinRoom, type LoggedInSession } from './matrixApi.ts';
import { withPolicyPage } from './policyPage.ts';
import { TEST_USERS } from './testUsers.ts';

test.use({ launchOptions: CALL_LAUNCH_OPTIONS });

/** The slot Element Call uses for a room's call (application m.call, call_id ""). */
const ROOM_CALL: SlotDescription = { application: 'm.call', id: 'ROOM' };
const LIVEKIT = { type: 'livekit', livekit_service_url: 'https://livekit.example.gouv.fr' };

/** A matrix-js-sdk client for the user, synced once (classic /sync, no crypto: memberships are state). */
async function sdkClient(session: LoggedInSession): Promise<MatrixClient> {
  const client = createClient({
    baseUrl: session.homeserver,
    accessToken: session.accessToken,
    userId: session.userId,
    deviceId: session.deviceId,
  });
  const prepared = new Promise<void>((resolve) => {
    client.on(ClientEvent.Sync, (state) => {
      if (state === SyncState.Prepared) resolve();
    });
  });
  await client.startClient({ initialSyncLimit: 1 });
  await prepared;
  return client;
}

async function roomOf(client: MatrixClient, roomId: string): Promise<Room> {
  await expect.poll(() => client.getRoom(roomId) !== null, { timeout: 15_000 }).toBe(true);
  const room = client.getRoom(roomId);
  if (!room) throw new Error(`${roomId} not synced`);
  return room;
}

function membershipsSeenBySdk(room: Room): Promise<CallMembership[]> {
  return MatrixRTCSession.sessionMembershipsForSlot(room, ROOM_CALL);
}

/** A room both are in, where members may write call memberships (as rooms Relais creates allow). */
async function sharedRoom(owner: LoggedInSession, guest: LoggedInSession, name: string): Promise<string> {
  const roomId = await createRoom(owner, {
    name,
    invite: [guest.userId],
    powerLevels: { events: { 'org.matrix.msc3401.call.member': 0 } },
  });
  await joinRoom(guest, roomId);
  return roomId;
}

test("a call Relais starts is read by matrix-js-sdk's MatrixRTCSession, as Element Call reads it", async ({ browser, env }) => {
  test.setTimeout(180_000);
  const aureleApi = await apiLogin(env.homeserver, TEST_USERS.aurele);
  const inesApi = await apiLogin(env.homeserver, TEST_USERS.ines);
  const name = `Interop read ${Date.now()}`;
  const roomId = await sharedRoom(aureleApi, inesApi, name);
  const ines = await sdkClient(inesApi);
  try {
    const room = await roomOf(ines, roomId);
    const aurele = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.aurele);
    await aurele.page.getByRole('navigation', { name: 'Rooms' }).getByRole('link', { name }).click();
    await aurele.page.getByRole('button', { name: 'Start call' }).click();
    const stage = aurele.page.getByRole('region', { name: `Call in ${name}` });
    await expect(stage.getByRole('button', { name: 'Leave call' })).toBeVisible({ timeout: 30_000 });

    // The state key is the one matrix-js-sdk writes itself; the SDK finds aurele's device in the call.
    const api = await matrixApi(env.homeserver, TEST_USERS.aurele);
    const written = (await callMemberships(api, roomId)).find((m) => Object.keys(m.content).length > 0);
    expect(written?.state_key).toMatch(/^_@aurele:localhost_[A-Za-z0-9]+_m\.call$/);
    await expect
      .poll(async () => (await membershipsSeenBySdk(room)).map((m) => m.userId), { timeout: 15_000 })
      .toEqual(['@aurele:localhost']);
    const [membership] = await membershipsSeenBySdk(room);
    expect(membership?.deviceId).toBe(written?.content.device_id);
    expect(membership?.isExpired()).toBe(false);
    expect(membership?.transports[0]).toMatchObject({ type: 'relais_sfu' });

    // Leaving clears it for the SDK too.
    await stage.getByRole('button', { name: 'Leave call' }).click();
    await expect.poll(async () => (await membershipsSeenBySdk(room)).length, { timeout: 15_000 }).toBe(0);
    await aurele.context.close();
  } finally {
    ines.stopClient();
  }
});

test('a call started in Element Call is shown, never split by a second call, and opened where policy says (French)', async ({
  browser,
  env,
}) => {
  test.skip(process.env.RELAIS_SECRET_SERVICE !== '1', 'needs a Secret Service: run through `npm run test:e2e`');
  test.setTimeout(180_000);
  const aureleApi = await apiLogin(env.homeserver, TEST_USERS.aurele);
  const inesApi = await apiLogin(env.homeserver, TEST_USERS.ines);
  const name = `Interop Element Call ${Date.now()}`;
  const roomId = await sharedRoom(aureleApi, inesApi, name);
  const ines = await sdkClient(inesApi);
  const session = MatrixRTCSession.sessionForSlot(ines, await roomOf(ines, roomId), ROOM_CALL);
  try {
    // Ines joins the room's call the way Element Call does, on its LiveKit focus.
    const member = { userId: inesApi.userId, deviceId: inesApi.deviceId, memberId: `${inesApi.userId}:${inesApi.deviceId}` };
    session.joinRTCSession(member, [LIVEKIT], undefined, { manageMediaKeys: false });
    const api = await matrixApi(env.homeserver, TEST_USERS.aurele);
    await expect
      .poll(async () => (await callMemberships(api, roomId)).filter((m) => Object.keys(m.content).length > 0).length, {
        timeout: 15_000,
      })
      .toBe(1);

    const elementCall = 'https://appel.example.gouv.fr';
    await withPolicyPage(
      browser,
      env.webUrl,
      { calls: { elementCallUrl: elementCall } },
      async (page, harness) => {
        await page.goto(`${env.webUrl}?hs=${encodeURIComponent(env.homeserver)}`);
        // The desktop harness reports an English system locale: the person picks French.
        await page.getByRole('button', { name: 'Français' }).click();
        await submitSignIn(page, TEST_USERS.aurele, 'fr-FR');
        await page.getByRole('navigation', { name: 'Salons' }).getByRole('link', { name }).click();
        await expect(page.getByText('Dans l’appel : ines')).toBeVisible({ timeout: 30_000 });
        await expect(
          page.getByText('L’appel de ce salon passe par Element Call, que Relais ne peut pas rejoindre.'),
        ).toBeVisible();
        // No Start or Join: a second call on our SFU would split the room.
        await expect(page.getByRole('button', { name: 'Démarrer un appel' })).toHaveCount(0);
        await expect(page.getByRole('button', { name: 'Rejoindre l’appel' })).toHaveCount(0);
        await expectAccessible(page);
        await page.screenshot({ path: 'test-results/call-foreign-fr.png' });

        await page.getByRole('button', { name: 'Ouvrir dans Element Call' }).click();
        await expect.poll(() => harness.opened.external).toEqual([`${elementCall}/room/#/?roomId=${encodeURIComponent(roomId)}`]);

        // Once Element Call's member has left, the room's call is Relais's to start again.
        await session.leaveRoomSession(5_000);
        await expect(page.getByRole('button', { name: 'Démarrer un appel' })).toBeVisible({ timeout: 30_000 });
        await expect(page.getByText('L’appel de ce salon passe par Element Call')).toHaveCount(0);
      },
      { locale: 'fr-FR' },
    );
  } finally {
    await session.stop();
    ines.stopClient();
  }
});

test('a member Element Call lists with the newer sticky-event membership (m.rtc.member, MSC4354) is shown too', async ({
  page,
  env,
}) => {
  test.setTimeout(120_000);
  const aureleApi = await apiLogin(env.homeserver, TEST_USERS.aurele);
  const inesApi = await apiLogin(env.homeserver, TEST_USERS.ines);
  const name = `Interop sticky ${Date.now()}`;
  const roomId = await sharedRoom(aureleApi, inesApi, name);
  const ines = await sdkClient(inesApi);
  const session = MatrixRTCSession.sessionForSlot(ines, await roomOf(ines, roomId), ROOM_CALL);
  try {
    const member = { userId: inesApi.userId, deviceId: inesApi.deviceId, memberId: `${inesApi.userId}:${inesApi.deviceId}` };
    session.joinRTCSession(member, [LIVEKIT], LIVEKIT, { manageMediaKeys: false, unstableSendStickyEvents: true });
    // No membership state event: the membership is only a sticky event.
    const api = await matrixApi(env.homeserver, TEST_USERS.aurele);
    await expect.poll(async () => (await membershipsSeenBySdk(await roomOf(ines, roomId))).length, { timeout: 15_000 }).toBe(1);
    expect((await callMemberships(api, roomId)).filter((m) => Object.keys(m.content).length > 0)).toEqual([]);

    await page.goto(`${env.webUrl}?hs=${encodeURIComponent(env.homeserver)}`);
    await submitSignIn(page, TEST_USERS.aurele);
    await page.getByRole('navigation', { name: 'Rooms' }).getByRole('link', { name }).click();
    await expect(page.getByText('In the call: ines')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText("This room's call runs on Element Call, which Relais cannot join.")).toBeVisible();
    await expect(page.getByRole('button', { name: 'Start call' })).toHaveCount(0);

    // Withdrawn: the room's call is Relais's to start again.
    await session.leaveRoomSession(5_000);
    await expect(page.getByRole('button', { name: 'Start call' })).toBeVisible({ timeout: 30_000 });
  } finally {
    await session.stop();
    ines.stopClient();
  }
});
