// Group calls end to end: two people in two Chromium contexts (fake camera and microphone) call each
// other through the real Relais SFU (real mediasoup worker), authenticated by the real Synapse.
import { expect, expectAccessible, test } from './fixtures.ts';
import { signInAs } from './helpers.ts';
import {
  acceptInvite,
  CALL_LAUNCH_OPTIONS,
  createRoomAndInvite,
  callMemberships,
  expectMediaFlowing,
  inboundTotals,
  matrixApi,
  RECORD_PEER_CONNECTIONS,
  RECORD_WEBSOCKETS,
  roomIdOf,
} from './callHelpers.ts';
import { TEST_USERS } from './testUsers.ts';

test.use({ launchOptions: CALL_LAUNCH_OPTIONS });

test('two people call each other from a room: media both ways, mute, leave, and an outsider is refused', async ({
  browser,
  env,
}) => {
  test.setTimeout(300_000);
  const options = { initScript: RECORD_PEER_CONNECTIONS };
  const oscar = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.oscar, options);
  const peggy = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.peggy, options);
  const roomName = `Standup ${Date.now()}`;
  await createRoomAndInvite(oscar.page, roomName, ['@peggy:localhost']);
  await acceptInvite(peggy.page, roomName);
  const roomId = roomIdOf(oscar.page);

  // Oscar starts the call from the room header.
  await oscar.page.getByRole('button', { name: 'Start call' }).click();
  const oscarStage = oscar.page.getByRole('region', { name: `Call in ${roomName}` });
  await expect(oscarStage.getByRole('button', { name: 'Leave call' })).toBeVisible({ timeout: 30_000 });
  await expect(oscarStage.getByRole('group', { name: 'oscar (you)' })).toBeVisible();

  // Peggy sees who is in the call (membership state) and joins.
  await expect(peggy.page.getByText('In the call: oscar')).toBeVisible({ timeout: 30_000 });
  await peggy.page.getByRole('button', { name: 'Join call' }).click();
  const peggyStage = peggy.page.getByRole('region', { name: `Call in ${roomName}` });
  for (const name of ['Mute microphone', 'Turn off camera', 'Share screen', 'Leave call']) {
    await expect(peggyStage.getByRole('button', { name })).toBeVisible({ timeout: 30_000 });
  }
  await expect(peggyStage.getByRole('group', { name: 'oscar', exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(oscarStage.getByRole('group', { name: 'peggy', exact: true })).toBeVisible({ timeout: 30_000 });

  // Each receives the other's audio and video: packets and decoded frames keep rising.
  await expectMediaFlowing(oscar.page);
  await expectMediaFlowing(peggy.page);
  // Media goes to the SFU on loopback and nowhere else (no STUN, no TURN, no third party).
  const addresses = (await inboundTotals(peggy.page)).remoteAddresses;
  expect(addresses.length).toBeGreaterThan(0);
  expect(addresses.filter((a) => !a.startsWith('127.0.0.1:'))).toEqual([]);

  // Both memberships are in the room state, in the Element Call shape with our SFU as focus.
  const api = await matrixApi(env.homeserver, TEST_USERS.oscar);
  const members = await callMemberships(api, roomId);
  const peggyMembership = members.find((m) => m.state_key.startsWith('_@peggy:localhost_'));
  expect(peggyMembership?.content).toMatchObject({
    application: 'm.call',
    call_id: '',
    scope: 'm.room',
    focus_active: { type: 'relais_sfu', focus_selection: 'oldest_membership' },
    foci_preferred: [{ type: 'relais_sfu', url: process.env.RELAIS_TEST_SFU_URL }],
  });
  await expect(oscar.page.getByText('In the call (2): oscar, peggy')).toBeVisible();

  await expectAccessible(peggy.page);
  await peggy.page.screenshot({ path: 'test-results/call-two-people.png' });

  // Peggy mutes her microphone: Oscar stops receiving her audio, and sees her as muted.
  await peggyStage.getByRole('button', { name: 'Mute microphone' }).click();
  await expect(peggyStage.getByRole('button', { name: 'Unmute microphone' })).toBeVisible();
  await expect(oscarStage.getByRole('group', { name: 'peggy', exact: true }).getByText('Muted')).toBeVisible({ timeout: 15_000 });
  await oscar.page.waitForTimeout(1_500);
  const muted1 = await inboundTotals(oscar.page);
  await oscar.page.waitForTimeout(2_500);
  const muted2 = await inboundTotals(oscar.page);
  expect(muted2.audioPackets - muted1.audioPackets).toBeLessThanOrEqual(2);
  expect(muted2.framesDecoded).toBeGreaterThan(muted1.framesDecoded); // video still flows
  // Unmuting brings the audio back.
  await peggyStage.getByRole('button', { name: 'Unmute microphone' }).click();
  await expect
    .poll(async () => (await inboundTotals(oscar.page)).audioPackets, { timeout: 15_000 })
    .toBeGreaterThan(muted2.audioPackets + 10);

  // Keyboard: the controls are reachable and usable with Tab and Enter.
  await peggyStage.getByRole('button', { name: 'Turn off camera' }).focus();
  await peggy.page.keyboard.press('Enter');
  await expect(peggyStage.getByRole('button', { name: 'Turn on camera' })).toBeFocused();

  // Peggy leaves: her tile goes away at Oscar's, and her membership is cleared in the room state.
  await peggyStage.getByRole('button', { name: 'Leave call' }).click();
  await expect(peggyStage).toBeHidden();
  await expect(oscarStage.getByRole('group', { name: 'peggy', exact: true })).toBeHidden({ timeout: 15_000 });
  await expect
    .poll(async () => (await callMemberships(api, roomId)).find((m) => m.state_key.startsWith('_@peggy:localhost_'))?.content, {
      timeout: 15_000,
    })
    .toEqual({});
  await expect(peggy.page.getByText('In the call: oscar')).toBeVisible({ timeout: 15_000 });

  await oscarStage.getByRole('button', { name: 'Leave call' }).click();
  await expect(oscarStage).toBeHidden();
  await Promise.all([oscar.context.close(), peggy.context.close()]);
});

test('someone removed from the room cannot join its call: the SFU refuses and the app says why', async ({ browser, env }) => {
  test.setTimeout(120_000);
  const oscar = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.oscar);
  const trent = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.trent, { initScript: RECORD_PEER_CONNECTIONS });
  const roomName = `Board ${Date.now()}`;
  await createRoomAndInvite(oscar.page, roomName, ['@trent:localhost']);
  await acceptInvite(trent.page, roomName);
  const roomId = roomIdOf(oscar.page);

  // Trent's app stops hearing from the homeserver (as if offline), then Oscar removes him from
  // the room: his screen still shows the room, but he is no longer a member.
  // Classic /sync and sliding sync (MSC4186) alike.
  await trent.page.route(
    (url) => url.pathname.endsWith('/sync'),
    (route) => route.abort(),
  );
  const api = await matrixApi(env.homeserver, TEST_USERS.oscar);
  // Wakes the sync request already in flight, so the removal below reaches Trent through none.
  await api.put(`/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/m.room.message/wake${Date.now()}`, {
    msgtype: 'm.text',
    body: 'Removing Trent',
  });
  await trent.page.waitForTimeout(1_500);
  await api.post(`/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/kick`, { user_id: '@trent:localhost', reason: 'test' });

  await trent.page.getByRole('button', { name: /^(Start|Join) call$/ }).click();
  await expect(trent.page.getByRole('alert')).toHaveText(
    'The call server refused you: only members of this room may join its call.',
    { timeout: 30_000 },
  );
  await expect(trent.page.getByRole('region', { name: `Call in ${roomName}` })).toBeHidden();
  // Nothing was announced in the room on Trent's behalf.
  const memberships = await callMemberships(api, roomId);
  expect(memberships.filter((m) => m.state_key.startsWith('_@trent:localhost_') && Object.keys(m.content).length > 0)).toEqual(
    [],
  );
  await Promise.all([oscar.context.close(), trent.context.close()]);
});

test('a call repairs itself when the signaling connection drops: no user action, within seconds', async ({ browser, env }) => {
  test.setTimeout(150_000);
  const options = { initScript: RECORD_PEER_CONNECTIONS + RECORD_WEBSOCKETS };
  const oscar = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.oscar, options);
  const peggy = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.peggy, options);
  const roomName = `Retro ${Date.now()}`;
  await createRoomAndInvite(oscar.page, roomName, ['@peggy:localhost']);
  await acceptInvite(peggy.page, roomName);
  await oscar.page.getByRole('button', { name: 'Start call' }).click();
  await expect(oscar.page.getByRole('button', { name: 'Leave call' })).toBeVisible({ timeout: 30_000 });
  await peggy.page.getByRole('button', { name: 'Join call' }).click();
  await expectMediaFlowing(peggy.page);

  // Peggy's signaling socket goes away, as on a network change: the SFU drops her peer.
  const cutAt = Date.now();
  // In-page clock: when the "reconnecting" notice leaves, the engine has re-joined (new transports,
  // producing again, consuming the others); media then needs ICE and a key frame.
  const rejoinedAfterMs = peggy.page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const started = performance.now();
        const sockets = (globalThis as unknown as { __recordedSockets: { url: string; close(): void }[] }).__recordedSockets;
        for (const socket of sockets) if (socket.url.endsWith('/ws')) socket.close();
        let seen = false;
        const timer = setInterval(() => {
          const notice =
            (globalThis as unknown as { document: { body: { textContent: string | null } } }).document.body.textContent ?? '';
          const reconnecting = notice.includes('Connection lost, reconnecting');
          if (reconnecting) seen = true;
          if (seen && !reconnecting) {
            clearInterval(timer);
            resolve(Math.round(performance.now() - started));
          }
        }, 20);
      }),
  );
  // She is back without touching anything: media flows both ways again, she is still in the call.
  const rejoinMs = await rejoinedAfterMs;
  await expectMediaFlowing(peggy.page, 30_000);
  await expectMediaFlowing(oscar.page, 30_000);
  const mediaMs = Date.now() - cutAt;
  console.log(`signaling dropped: re-joined after ${rejoinMs} ms, media flowing both ways after ${mediaMs} ms`);
  expect(rejoinMs).toBeLessThan(10_000);
  const peggyStage = peggy.page.getByRole('region', { name: `Call in ${roomName}` });
  await expect(peggyStage.getByRole('button', { name: 'Leave call' })).toBeVisible();
  await expect(peggyStage.getByRole('status')).toBeHidden();
  await expect(oscar.page.getByRole('group', { name: 'peggy', exact: true })).toBeVisible();
  await peggyStage.getByRole('button', { name: 'Leave call' }).click();
  await oscar.page.getByRole('button', { name: 'Leave call' }).click();
  await Promise.all([oscar.context.close(), peggy.context.close()]);
});
