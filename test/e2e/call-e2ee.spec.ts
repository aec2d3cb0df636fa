// End-to-end encrypted call media (issue 19). Proof rather than assertion, with no hook in the app
// (init scripts instrument the pages, see callEavesdrop.ts):
// - Trent first joins as a participant and sees Oscar and Peggy as they are (the control: the
//   pictures match their own views). He leaves, and comes back as an eavesdropper: his decoder now
//   gets the frames exactly as the SFU forwards them. What it shows is noise, while Oscar and Peggy
//   still see each other. And the keys he held before leaving open none of the frames sent since the
//   rotation, while the keys given later do (the control of that decryption).
// - Someone whose keys never arrive sees "Cannot decrypt this person's media", not a black tile.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { signInAs, type SignedInPage } from './helpers.ts';
import {
  acceptInvite,
  CALL_LAUNCH_OPTIONS,
  createRoomAndInvite,
  expectMediaFlowing,
  RECORD_PEER_CONNECTIONS,
  thumbnailDistance,
  tileThumbnail,
} from './callHelpers.ts';
import { EAVESDROP, eavesdropCounts, recordedKeys, setInstrumentation, tryKeys } from './callEavesdrop.ts';
import { TEST_USERS } from './testUsers.ts';

test.use({ launchOptions: CALL_LAUNCH_OPTIONS });

/** Thumbnail distances (mean grey-level difference, 0–255): two views of one camera, and noise. */
const CLOSE = 30;
const FAR = 40;

async function joinCall(who: SignedInPage, roomName: string): Promise<ReturnType<Page['getByRole']>> {
  await who.page.getByRole('button', { name: /^(Start|Join) call$/ }).click();
  const stage = who.page.getByRole('region', { name: `Call in ${roomName}` });
  await expect(stage.getByRole('button', { name: 'Leave call' })).toBeVisible({ timeout: 30_000 });
  await expect(stage.getByText('Joining the call…')).toBeHidden({ timeout: 60_000 });
  return stage;
}

test('call media is end-to-end encrypted: without the keys, the SFU’s streams decode to noise, and a member who left cannot open what is sent after', async ({
  browser,
  env,
}) => {
  test.setTimeout(300_000);
  const recorded = { initScript: RECORD_PEER_CONNECTIONS };
  const oscar = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.oscar, recorded);
  const peggy = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.peggy, recorded);
  const trent = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.trent, {
    initScript: RECORD_PEER_CONNECTIONS + EAVESDROP,
  });
  const roomName = `Sealed ${Date.now()}`;
  await createRoomAndInvite(oscar.page, roomName, ['@peggy:localhost', '@trent:localhost']);
  for (const who of [peggy, trent]) await acceptInvite(who.page, roomName);

  const oscarStage = await joinCall(oscar, roomName);
  await expect(oscarStage.getByText('End-to-end encrypted')).toBeVisible();
  await joinCall(peggy, roomName);
  await expectMediaFlowing(oscar.page);
  await expectMediaFlowing(peggy.page);

  // How far Trent's picture of a sender is from a view that has the keys: Peggy's of Oscar, Oscar's of Peggy.
  const distance = async (sender: 'oscar' | 'peggy'): Promise<number> => {
    const reference = sender === 'oscar' ? peggy : oscar;
    const [seen, truth] = await Promise.all([tileThumbnail(trent.page, sender), tileThumbnail(reference.page, sender)]);
    // No picture at all tells an eavesdropper no more than noise: the farthest.
    return seen && truth ? thumbnailDistance(seen, truth) : 255;
  };

  // Trent as a participant: with the keys, his pictures match (the control of the measure).
  const trentStage = await joinCall(trent, roomName);
  await expect(trentStage.getByText('End-to-end encrypted')).toBeVisible();
  await expect.poll(() => distance('oscar'), { timeout: 30_000 }).toBeLessThan(CLOSE);
  await expect.poll(() => distance('peggy'), { timeout: 30_000 }).toBeLessThan(CLOSE);
  await trentStage.getByRole('button', { name: 'Leave call' }).click();
  await expect(trentStage).toBeHidden();
  const keysBeforeLeaving = (await recordedKeys(trent.page)).filter((k) => k.participant.startsWith('@oscar:localhost|'));
  expect(keysBeforeLeaving.length).toBeGreaterThan(0);

  // Oscar and Peggy rotate their keys; then Trent comes back, eavesdropping: his decoder gets the
  // frames as the SFU forwards them.
  await trent.page.waitForTimeout(4_000);
  await setInstrumentation(trent.page, { recordKeys: true, eavesdrop: true });
  await tryKeys(trent.page, keysBeforeLeaving);
  await joinCall(trent, roomName);
  await trent.page.waitForTimeout(8_000);
  const samples: { oscar: number; peggy: number }[] = [];
  for (let i = 0; i < 5; i += 1) {
    samples.push({ oscar: await distance('oscar'), peggy: await distance('peggy') });
    await trent.page.waitForTimeout(1_000);
  }
  const stale = await eavesdropCounts(trent.page);
  console.log(`distances of the eavesdropped pictures: ${JSON.stringify(samples)}`);
  console.log(`Oscar's frames under the keys Trent had before leaving: ${JSON.stringify(stale)}`);
  for (const sample of samples) {
    expect(sample.oscar).toBeGreaterThan(FAR);
    expect(sample.peggy).toBeGreaterThan(FAR);
  }
  // The keys from before the rotation open nothing sent since, though plenty was received.
  expect(Object.values(stale.opened).reduce((a, b) => a + b, 0)).toBe(0);
  expect(Object.values(stale.closed).reduce((a, b) => a + b, 0)).toBeGreaterThan(50);
  // The control: the same decryption, given the keys Oscar sent since, opens his frames.
  const keysSince = (await recordedKeys(trent.page))
    .filter((k) => k.participant.startsWith('@oscar:localhost|'))
    .slice(keysBeforeLeaving.length);
  expect(keysSince.length).toBeGreaterThan(0);
  expect(keysSince.map((k) => k.index).filter((i) => keysBeforeLeaving.some((old) => old.index === i))).toEqual([]);
  await tryKeys(trent.page, keysSince);
  await trent.page.waitForTimeout(3_000);
  const fresh = await eavesdropCounts(trent.page);
  console.log(`Oscar's frames under the keys sent since: ${JSON.stringify(fresh)}`);
  expect(Object.values(fresh.opened).reduce((a, b) => a + b, 0)).toBeGreaterThan(20);

  // Meanwhile Oscar and Peggy still decode each other.
  await expectMediaFlowing(oscar.page);
  await expectMediaFlowing(peggy.page);
  await Promise.all([oscar, peggy, trent].map((who) => who.context.close()));
});

/** Drops every to-device message from the page's sync responses (classic and sliding sync). */
async function withholdToDevice(page: Page): Promise<void> {
  await page.route(
    (url) => url.pathname.endsWith('/sync'),
    async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as {
        to_device?: { events?: unknown[] };
        extensions?: { to_device?: { events?: unknown[] } };
      };
      if (body.to_device?.events) body.to_device.events = [];
      if (body.extensions?.to_device?.events) body.extensions.to_device.events = [];
      await route.fulfill({ response, json: body });
    },
  );
}

test('someone whose keys never arrive sees “Cannot decrypt this person’s media”, not a black tile', async ({ browser, env }) => {
  test.setTimeout(240_000);
  const recorded = { initScript: RECORD_PEER_CONNECTIONS };
  const oscar = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.oscar, recorded);
  const peggy = await signInAs(browser, env.webUrl, env.homeserver, TEST_USERS.peggy, recorded);
  const roomName = `Keyless ${Date.now()}`;
  await createRoomAndInvite(oscar.page, roomName, ['@peggy:localhost']);
  await acceptInvite(peggy.page, roomName);
  const oscarStage = await joinCall(oscar, roomName);
  await withholdToDevice(peggy.page);
  const peggyStage = await joinCall(peggy, roomName);
  // Peggy's keys reach Oscar, Oscar's never reach Peggy.
  await expectMediaFlowing(oscar.page);
  const oscarAtPeggy = peggyStage.getByRole('group', { name: 'oscar', exact: true });
  await expect(oscarAtPeggy.getByText('Cannot decrypt this person’s media')).toBeVisible({ timeout: 20_000 });
  await expect(oscarAtPeggy.locator('video')).toHaveCount(0);
  await expect(
    oscarStage.getByRole('group', { name: 'peggy', exact: true }).getByText('Cannot decrypt this person’s media'),
  ).toBeHidden();
  await peggy.page.screenshot({ path: 'test-results/call-e2ee-cannot-decrypt.png' });
  // The withheld sync may still be in flight: its route must not outlive the page.
  await peggy.page.unrouteAll({ behavior: 'ignoreErrors' });
  await Promise.all([oscar, peggy].map((who) => who.context.close()));
});
